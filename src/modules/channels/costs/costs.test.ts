import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { channelsDb } from '../db/tables.js';
import { monthsEndingWith, monthOf } from './costs.js';

let t: TestApp;
let ndar: string;
beforeAll(async () => {
  t = await createTestApp({ env: { PUBLIC_URL: 'https://palabre.example', CHANNEL_PROVIDERS: JSON.stringify({ 'ndar-toute': { sms: { provider: 'africastalking', username: 'ndar', apiKey: 'at-secret-key-123' } } }) } });
  ndar = await t.communeId('ndar-toute');
});
afterAll(() => t.close());

const page = '/ndar-toute/admin/channels/costs';
const log = (values: { channel?: 'sms' | 'whatsapp'; provider?: string; segments: number; status: 'sent' | 'delivered' | 'failed' | 'suppressed' | 'capped'; createdAt?: Date }) =>
  channelsDb(t.services.db)
    .insertInto('channel_deliveries')
    .values({ commune_id: ndar, channel: values.channel ?? 'sms', provider: values.provider ?? 'africastalking', recipient: '+221770300001', purpose: 'test', segments: values.segments, encoding: values.channel === 'whatsapp' ? 'whatsapp' : 'gsm7', status: values.status, created_at: values.createdAt ?? new Date() })
    .execute();
const capOf = async () => (await channelsDb(t.services.db).selectFrom('channel_settings').select('monthly_segment_cap').where('commune_id', '=', ndar).executeTakeFirst())?.monthly_segment_cap ?? null;

describe('months', () => {
  it('reads the month in the commune’s time zone and lists twelve months back', () => {
    expect(monthOf(new Date('2026-11-30T23:30:00Z'), 'Africa/Dakar')).toBe('2026-11');
    expect(monthOf(new Date('2026-11-30T23:30:00Z'), 'Asia/Tokyo')).toBe('2026-12');
    expect(monthsEndingWith('2026-02', 3)).toEqual(['2025-12', '2026-01', '2026-02']);
    expect(monthsEndingWith('2026-11', 12)).toHaveLength(12);
  });
});

describe('the cost page', () => {
  it('shows segments by channel and provider, statuses, the chart with its table, and the providers without secrets', async () => {
    await log({ segments: 3, status: 'delivered' });
    await log({ segments: 2, status: 'failed' });
    await log({ segments: 0, status: 'suppressed', provider: 'none' });
    await log({ channel: 'whatsapp', provider: 'whatsapp', segments: 0, status: 'delivered' });
    await log({ segments: 4, status: 'delivered', createdAt: new Date(Date.now() - 45 * 86_400_000) });
    const response = await t.request('ndar-toute:staff', 'GET', page, undefined, { headers: { 'accept-language': 'en' } });
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expect(html).toContain('5 SMS segments sent this month. No monthly cap.');
    expect(html).toMatch(/<td>SMS<\/td>\s*<td>Africa’s Talking<\/td>\s*<td>2<\/td>\s*<td>5<\/td>/);
    expect(html).toMatch(/<td>WhatsApp<\/td>\s*<td>WhatsApp Cloud API<\/td>\s*<td>1<\/td>\s*<td>—<\/td>/);
    expect(html).toMatch(/Not sent: the person sent STOP<\/th>\s*<td>1<\/td>/);
    // Over twelve months, last month's 4 segments are added to this month's 5.
    expect(html).toMatch(/id="year-providers">[\s\S]*?<td>Africa’s Talking<\/td>\s*<td>3<\/td>\s*<td>9<\/td>/);
    expect(html).toContain('<svg');
    expect(html).toContain('id="months"');
    expect(html).toContain('SMS: Africa’s Talking.');
    expect(html).toContain(`https://palabre.example/ndar-toute/channels/receipts/africastalking?token=`);
    expect(html).not.toContain('at-secret-key-123');
    // Staff read the cap; only administrators get the form.
    expect(html).not.toContain('id="cap-form"');
    expect((await t.request('ndar-toute:staff', 'GET', '/ndar-toute/admin/channels')).body).toContain(`href="${page}"`);
  });

  it('is for the commune’s staff and administrators only', async () => {
    expect((await t.request('ndar-toute:citizen', 'GET', page)).statusCode).toBe(403);
    expect((await t.request('ndar-toute:moderator', 'GET', page)).statusCode).toBe(403);
    expect((await t.request('tiznit-el-jadida:admin', 'GET', page)).statusCode).toBe(403);
  });

  it('lets an administrator set and remove the cap, audited, and warns from 80 %', async () => {
    const form = await t.request('ndar-toute:admin', 'GET', page);
    expect(form.body).toContain('id="cap-form"');
    const used = Number(/(\d+) segments SMS envoyés ce mois-ci/.exec(form.body)?.[1]);
    expect(used).toBeGreaterThan(0);

    const saved = await t.request('ndar-toute:admin', 'POST', `${page}/cap`, { cap: String(used + 1) });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(page);
    expect(await capOf()).toBe(used + 1);
    const audit = await t.services.db.selectFrom('audit_log').select(['actor_user_id', 'commune_id', 'details']).where('action', '=', 'channels.cap_changed').execute();
    expect(audit).toEqual([{ actor_user_id: t.users.get('ndar-toute:admin'), commune_id: ndar, details: { from: null, to: used + 1 } }]);
    const warned = await t.request('ndar-toute:staff', 'GET', page);
    expect(warned.body).toContain('id="cap-warning"');
    expect(warned.body).toContain(`${used} segments SMS utilisés sur ${used + 1} ce mois-ci`);

    expect((await t.request('ndar-toute:admin', 'POST', `${page}/cap`, { cap: '' })).statusCode).toBe(303);
    expect(await capOf()).toBeNull();
    expect((await t.request('ndar-toute:staff', 'GET', page)).body).not.toContain('id="cap-warning"');
  });

  it('re-shows the form with the typed value on a bad cap, and refuses staff and other communes', async () => {
    const bad = await t.request('ndar-toute:admin', 'POST', `${page}/cap`, { cap: '12abc' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('class="error-summary"');
    expect(bad.body).toContain('value="12abc"');
    expect((await t.request('ndar-toute:admin', 'POST', `${page}/cap`, { cap: '0' })).statusCode).toBe(400);
    expect((await t.request('ndar-toute:staff', 'POST', `${page}/cap`, { cap: '50' })).statusCode).toBe(403);
    expect((await t.request('tiznit-el-jadida:admin', 'POST', `${page}/cap`, { cap: '50' })).statusCode).toBe(403);
    expect(await capOf()).toBeNull();
  });
});
