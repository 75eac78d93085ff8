import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { scopedChannels } from '../db/tables.js';
import { contributionsByChannel } from './scorecard-figures.js';

let t: TestApp;
let ndar: { id: string; time_zone: string };
let tiznit: { id: string; time_zone: string };
let rows = 0;

// Long before the demo data: only the rows written here fall in it. Dakar is on UTC all year.
const window = { from: new Date('2019-01-01T00:00:00Z'), to: new Date('2019-07-01T00:00:00Z') };

/** A complaint written straight into the requests module's table (any category of the commune). */
async function complaint(communeId: string, channel: 'web' | 'ussd' | 'whatsapp', createdAt: string) {
  rows += 1;
  await sql`insert into requests (commune_id, kind, category_id, reference, access_code_hash, description, status, stage, channel, submitted_on, created_at)
    select ${communeId}, 'complaint', id, ${`CH-2019-${80000 + rows}`}, 'fixture', 'Fixture', 'received', 'received', ${channel}, ${createdAt.slice(0, 10)}::date, ${createdAt}
    from request_categories where commune_id = ${communeId} limit 1`.execute(t.services.db);
}

async function inbound(communeId: string, channel: 'sms' | 'whatsapp', receivedAt: string) {
  rows += 1;
  await scopedChannels(t.services.db, communeId).insertInto('channel_inbound_messages', { provider: 'test', external_id: `scorecard-${rows}`, channel, phone: '+221770000001', body: 'Bonjour', received_at: new Date(receivedAt), matched: null, handled_at: null, handled_by: null, handled_as: null, handled_ref: null }).execute();
}

/** A paper ballot of a fresh draft round: "in person", counted with mediators. */
async function paperVote(communeId: string, createdAt: string) {
  rows += 1;
  const round = await sql<{ id: string }>`insert into budget_rounds (commune_id, title, description, currency, total_amount, per_neighbourhood, rule, max_choices, require_verified_phone, allow_assisted, allow_ballot_change)
    values (${communeId}, '{"fr":"Budget"}', '{"fr":"Test"}', 'XOF', 1000, false, 'approval', 3, false, true, false) returning id`.execute(t.services.db);
  await sql`insert into budget_voters (commune_id, round_id, voter_key, channel, created_at) values (${communeId}, ${round.rows[0]!.id}, ${`phone:+22170${rows}`}, 'paper', ${createdAt})`.execute(t.services.db);
}

beforeAll(async () => {
  t = await createTestApp();
  const communes = await t.services.db.selectFrom('communes').select(['id', 'slug', 'time_zone']).execute();
  [ndar, tiznit] = [communes.find((c) => c.slug === 'ndar-toute')!, communes.find((c) => c.slug === 'tiznit-el-jadida')!];
  await complaint(ndar.id, 'ussd', '2019-02-10T10:00:00Z');
  await complaint(ndar.id, 'web', '2019-03-01T10:00:00Z');
  await complaint(ndar.id, 'web', '2019-01-01T00:00:00Z');
  await inbound(ndar.id, 'sms', '2019-05-01T10:00:00Z');
  await paperVote(ndar.id, '2019-06-30T23:00:00Z');
  // Just outside the window, and another commune's.
  await complaint(ndar.id, 'whatsapp', '2019-07-01T00:00:00Z');
  await complaint(ndar.id, 'whatsapp', '2018-12-31T23:59:00Z');
  await complaint(tiznit.id, 'whatsapp', '2019-03-01T10:00:00Z');
});
afterAll(async () => t?.close());

describe('contributions by channel', () => {
  it('adds up every kind of contribution of the window by channel, in person ones as mediator', async () => {
    const counts = await contributionsByChannel(t.services.db, ndar, window);
    expect(Object.fromEntries(counts)).toEqual({ ussd: 1, web: 2, sms: 1, mediator: 1 });
    expect(Object.fromEntries(await contributionsByChannel(t.services.db, tiznit, window))).toEqual({ whatsapp: 1 });
    expect((await contributionsByChannel(t.services.db, ndar, { from: new Date('2017-01-01T00:00:00Z'), to: new Date('2017-07-01T00:00:00Z') })).size).toBe(0);
  });

  it('reads the seeded demo contributions', async () => {
    const seeded = await contributionsByChannel(t.services.db, ndar, { from: new Date(Date.now() - 365 * 86_400_000), to: new Date(Date.now() + 31 * 86_400_000) });
    expect(seeded.get('web')).toBeGreaterThan(0);
  });
});
