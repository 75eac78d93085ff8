import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { channelsModule } from '../manifest.js';
import { ussdPhone } from '../ussd/ussd-test-helpers.js';
import { lastTwelveMonths } from './statistics.js';

let t: TestApp;
let ndarId: string;
let tiznitId: string;
const db = () => t.services.db as unknown as Kysely<any>;
const exported = (communeId: string) => channelsModule.openDataExports![0]!.rows(t.services.db, communeId) as Promise<{ month: string; channel: string; kind: string; count: number }[]>;
const sum = (rows: { channel: string; kind: string; count: number }[], channel: string, kind: string) => rows.filter((r) => r.channel === channel && r.kind === kind).reduce((n, r) => n + r.count, 0);

beforeAll(async () => {
  t = await createTestApp();
  [ndarId, tiznitId] = [await t.communeId('ndar-toute'), await t.communeId('tiznit-el-jadida')];
});
afterAll(() => t.close());

/** Seeded complaints of the last twelve months by channel, counted straight from the table: what the figures must say. */
async function complaintsSince(communeId: string, channel: string): Promise<number> {
  const commune = await db().selectFrom('communes').select('time_zone').where('id', '=', communeId).executeTakeFirstOrThrow();
  const months = lastTwelveMonths(commune.time_zone, new Date());
  const row = await db()
    .selectFrom('requests')
    .select(sql<number>`count(*)`.as('n'))
    .where('commune_id', '=', communeId)
    .where('kind', '=', 'complaint')
    .where('channel', '=', channel)
    .where(sql<string>`to_char(created_at at time zone ${commune.time_zone}, 'YYYY-MM')`, 'in', months)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const inbound = (communeId: string, id: string, channel: 'sms' | 'whatsapp', receivedAt = new Date()) =>
  db().insertInto('channel_inbound_messages').values({ commune_id: communeId, provider: 'africastalking', external_id: id, channel, phone: '+221770006601', body: 'Bonjour', received_at: receivedAt, matched: null }).execute();

describe('contributions by channel', () => {
  it('counts the seeded complaints, adds a USSD complaint and inbound messages, and never mixes communes', async () => {
    const before = await exported(ndarId);
    expect(sum(before, 'web', 'complaints')).toBe(await complaintsSince(ndarId, 'web'));
    expect(sum(before, 'web', 'complaints')).toBeGreaterThan(0);
    const tiznitBefore = await exported(tiznitId);

    expect((await ussdPhone(t, 'ndar-toute', '+221770006602').dial(['1', '1', '1', 'Caniveau bouché', '1'])).text).toMatch(/^END Plainte enregistrée/);
    await inbound(ndarId, 'stats-1', 'sms');
    await inbound(ndarId, 'stats-2', 'whatsapp');
    await inbound(ndarId, 'stats-old', 'sms', new Date(Date.now() - 400 * 86_400_000));
    await inbound(tiznitId, 'stats-3', 'sms');

    const after = await exported(ndarId);
    expect(sum(after, 'ussd', 'complaints')).toBe(sum(before, 'ussd', 'complaints') + 1);
    expect(sum(after, 'sms', 'inbound_messages')).toBe(sum(before, 'sms', 'inbound_messages') + 1);
    expect(sum(after, 'whatsapp', 'inbound_messages')).toBe(sum(before, 'whatsapp', 'inbound_messages') + 1);
    expect(sum(await exported(tiznitId), 'sms', 'inbound_messages')).toBe(sum(tiznitBefore, 'sms', 'inbound_messages') + 1);
    expect(sum(await exported(tiznitId), 'ussd', 'complaints')).toBe(sum(tiznitBefore, 'ussd', 'complaints'));
  });

  it('publishes rows of month, channel, kind and count only, in the last twelve months', async () => {
    const rows = await exported(ndarId);
    const months = lastTwelveMonths('Africa/Dakar', new Date());
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(['month', 'channel', 'kind', 'count']);
      expect(months).toContain(row.month);
      expect(['web', 'ussd', 'sms', 'whatsapp', 'mediator', 'other']).toContain(row.channel);
      expect(row.count).toBeGreaterThan(0);
    }
    expect(lastTwelveMonths('UTC', new Date('2026-01-15T12:00:00Z'))).toEqual(['2025-02', '2025-03', '2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01']);
  });

  it('shows the staff page with the chart and the table, to the commune’s staff only; the public page shows the same counts', async () => {
    const page = '/ndar-toute/admin/channels/statistics';
    const staff = await t.request('ndar-toute:staff', 'GET', page);
    expect(staff.statusCode).toBe(200);
    expect(staff.body).toContain('<svg');
    const ussdComplaints = sum(await exported(ndarId), 'ussd', 'complaints');
    expect(staff.body).toMatch(new RegExp(`<tr data-channel="ussd"><th scope="row">USSD</th><td data-kind="complaints">${ussdComplaints}</td>`));
    expect((await t.request('ndar-toute:citizen', 'GET', page)).statusCode).toBe(403);
    expect((await t.request('tiznit-el-jadida:staff', 'GET', page)).statusCode).toBe(403);
    const open = await t.request(null, 'GET', '/ndar-toute/channels/statistics');
    expect(open.statusCode).toBe(200);
    expect(open.body).toContain('<tr data-channel="ussd">');
    expect(open.body).not.toContain('+221');
  });
});
