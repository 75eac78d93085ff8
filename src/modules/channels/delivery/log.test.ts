import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { channelsDb } from '../db/tables.js';
import { applyDeliveryReceipts, monthlyUsage } from './log.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const deliveries = () => channelsDb(t.services.db);
const commune = async (slug: string) => t.services.db.selectFrom('communes').select(['id', 'time_zone']).where('slug', '=', slug).executeTakeFirstOrThrow();
const logMessage = (communeId: string, externalId: string, segments: number, status: 'sent' | 'suppressed' = 'sent', createdAt = new Date()) =>
  deliveries().insertInto('channel_deliveries').values({ commune_id: communeId, channel: 'sms', provider: 'africastalking', recipient: '+221770001234', purpose: 'test', segments, encoding: 'gsm7', status, external_id: externalId, created_at: createdAt }).execute();
const statusOf = async (externalId: string) => (await deliveries().selectFrom('channel_deliveries').select('status').where('external_id', '=', externalId).executeTakeFirstOrThrow()).status;

describe('delivery log', () => {
  it('moves a message’s status forward only, and only in the commune whose callback received the receipt', async () => {
    const ndar = await commune('ndar-toute');
    const tiznit = await commune('tiznit-el-jadida');
    await logMessage(ndar.id, 'log-1', 1);
    await applyDeliveryReceipts(t.services.db, ndar.id, [{ provider: 'africastalking', externalId: 'log-1', status: 'delivered' }]);
    expect(await statusOf('log-1')).toBe('delivered');
    expect(await applyDeliveryReceipts(t.services.db, ndar.id, [{ provider: 'africastalking', externalId: 'log-1', status: 'sent' }])).toBe(0);
    expect(await statusOf('log-1')).toBe('delivered');
    expect(await applyDeliveryReceipts(t.services.db, tiznit.id, [{ provider: 'africastalking', externalId: 'log-1', status: 'failed' }])).toBe(0);
    expect(await statusOf('log-1')).toBe('delivered');
  });

  it('counts this month’s segments, leaving out suppressed messages and last month', async () => {
    const tiznit = await commune('tiznit-el-jadida');
    const before = await monthlyUsage(t.services.db, tiznit);
    await logMessage(tiznit.id, 'log-2', 3);
    await logMessage(tiznit.id, 'log-3', 5, 'suppressed');
    await logMessage(tiznit.id, 'log-4', 7, 'sent', new Date(Date.now() - 40 * 86_400_000));
    await deliveries().insertInto('channel_settings').values({ commune_id: tiznit.id, monthly_segment_cap: 1000 }).execute();
    expect(await monthlyUsage(t.services.db, tiznit)).toEqual({ used: before.used + 3, cap: 1000 });
  });
});
