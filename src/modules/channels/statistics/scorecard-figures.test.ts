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

async function complaint(communeId: string, channel: 'web' | 'ussd' | 'whatsapp', createdAt: string) {
  rows += 1;
  const category = await t.services.db.withTables<{ request_categories: { id: string; commune_id: string } }>().selectFrom('request_categories').select('id').where('commune_id', '=', communeId).executeTakeFirstOrThrow();
  await t.services.db
    .withTables<{ requests: Record<string, unknown> }>()
    .insertInto('requests')
    .values({ commune_id: communeId, kind: 'complaint', category_id: category.id, reference: `CH-2019-${80000 + rows}`, access_code_hash: 'fixture', description: 'Fixture', status: 'received', stage: 'received', channel, submitted_on: createdAt.slice(0, 10), created_at: createdAt })
    .execute();
}

async function inbound(communeId: string, channel: 'sms' | 'whatsapp', receivedAt: string) {
  rows += 1;
  await scopedChannels(t.services.db, communeId).insertInto('channel_inbound_messages', { provider: 'test', external_id: `scorecard-${rows}`, channel, phone: '+221770000001', body: 'Bonjour', received_at: new Date(receivedAt), matched: null, handled_at: null, handled_by: null, handled_as: null, handled_ref: null }).execute();
}

/** A paper ballot of a fresh draft round: "in person", counted with mediators. */
async function paperVote(communeId: string, createdAt: string) {
  rows += 1;
  const db = t.services.db.withTables<{ budget_rounds: Record<string, unknown> & { id: string }; budget_voters: Record<string, unknown> }>();
  const round = await db
    .insertInto('budget_rounds')
    .values({ commune_id: communeId, title: '{"fr":"Budget"}', description: '{"fr":"Test"}', currency: 'XOF', total_amount: 1000, per_neighbourhood: false, rule: 'approval', max_choices: 3, require_verified_phone: false, allow_assisted: true, allow_ballot_change: false })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('budget_voters').values({ commune_id: communeId, round_id: round.id, voter_key: `phone:+22170${rows}`, channel: 'paper', created_at: createdAt }).execute();
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
