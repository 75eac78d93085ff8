import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { OutboxMessageSender } from '../messaging/message-sender.js';
import { otpRules, requestCode, verifyCode } from './one-time-code.js';

let t: TestApp;
let sender: OutboxMessageSender;
let counter = 0;
const freshPhone = () => ({ kind: 'phone' as const, value: `+22176${String(1000000 + counter++).slice(-7)}` });

async function lastCode(recipient: string): Promise<string> {
  const message = await t.services.db.selectFrom('outbox_messages').select('body').where('recipient', '=', recipient).orderBy('created_at', 'desc').orderBy('id').executeTakeFirstOrThrow();
  return /\d{6}/.exec(message.body)![0];
}

beforeAll(async () => {
  t = await createTestApp();
  sender = new OutboxMessageSender(t.services.db);
});
afterAll(() => t.close());
beforeEach(() => {
  counter += 10;
});

describe('one-time codes', () => {
  it('sends 6 digits, stores only a hash, and signs up a new phone on the first good code', async () => {
    const phone = freshPhone();
    expect(await requestCode(t.services.db, sender, { identifier: phone, ip: '10.0.0.1', communeId: null, locale: 'fr' })).toBe('sent');
    const code = await lastCode(phone.value);
    const stored = await t.services.db.selectFrom('otp_challenges').selectAll().where('identifier', '=', phone.value).executeTakeFirstOrThrow();
    expect(stored.code_hash).not.toContain(code);
    expect(stored.code_hash).toMatch(/^\$argon2id\$/);
    const user = await verifyCode(t.services.db, { identifier: phone, code, ip: null });
    expect(user?.phone_e164).toBe(phone.value);
  });

  it('is single use', async () => {
    const phone = freshPhone();
    await requestCode(t.services.db, sender, { identifier: phone, ip: null, communeId: null, locale: 'fr' });
    const code = await lastCode(phone.value);
    const [first, second] = await Promise.all([
      verifyCode(t.services.db, { identifier: phone, code, ip: null }),
      verifyCode(t.services.db, { identifier: phone, code, ip: null }),
    ]);
    expect([first, second].filter(Boolean)).toHaveLength(1);
    expect(await verifyCode(t.services.db, { identifier: phone, code, ip: null })).toBeNull();
  });

  it('expires after 10 minutes', async () => {
    const phone = freshPhone();
    const sentAt = new Date('2026-11-23T10:00:00Z');
    await requestCode(t.services.db, sender, { identifier: phone, ip: null, communeId: null, locale: 'fr', now: sentAt });
    const code = await lastCode(phone.value);
    const late = new Date(sentAt.getTime() + otpRules.lifetimeMs + 1000);
    expect(await verifyCode(t.services.db, { identifier: phone, code, ip: null, now: late })).toBeNull();
  });

  it('dies after 5 wrong tries, even when the right code comes next', async () => {
    const phone = freshPhone();
    await requestCode(t.services.db, sender, { identifier: phone, ip: null, communeId: null, locale: 'fr' });
    const code = await lastCode(phone.value);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < otpRules.maxAttempts; i++) expect(await verifyCode(t.services.db, { identifier: phone, code: wrong, ip: null })).toBeNull();
    expect(await verifyCode(t.services.db, { identifier: phone, code, ip: null })).toBeNull();
  });

  it('sends at most 3 codes per phone per hour, and a limited number per IP', async () => {
    const phone = freshPhone();
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await requestCode(t.services.db, sender, { identifier: phone, ip: null, communeId: null, locale: 'fr' }));
    expect(results).toEqual(['sent', 'sent', 'sent', 'rate_limited']);
    const ipResults = [];
    for (let i = 0; i < otpRules.maxCodesPerIpPerHour + 1; i++) ipResults.push(await requestCode(t.services.db, sender, { identifier: freshPhone(), ip: '10.9.9.9', communeId: null, locale: 'fr' }));
    expect(ipResults.at(-1)).toBe('rate_limited');
    expect(ipResults.filter((r) => r === 'sent')).toHaveLength(otpRules.maxCodesPerIpPerHour);
  });

  it('a new code replaces the previous one', async () => {
    const phone = freshPhone();
    await requestCode(t.services.db, sender, { identifier: phone, ip: null, communeId: null, locale: 'fr' });
    const first = await lastCode(phone.value);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await requestCode(t.services.db, sender, { identifier: phone, ip: null, communeId: null, locale: 'ar' });
    const second = await lastCode(phone.value);
    if (first !== second) expect(await verifyCode(t.services.db, { identifier: phone, code: first, ip: null })).toBeNull();
    expect(await verifyCode(t.services.db, { identifier: phone, code: second, ip: null })).not.toBeNull();
  });

  it('turns a pending invitation into a role at the first sign-in, audited', async () => {
    const phone = freshPhone();
    const communeId = await t.communeId('ndar-toute');
    await t.services.db.insertInto('invitations').values({ commune_id: communeId, identifier: phone.value, role: 'staff', invited_by: t.users.get('ndar-toute:admin')! }).execute();
    await requestCode(t.services.db, sender, { identifier: phone, ip: null, communeId, locale: 'fr' });
    const user = await verifyCode(t.services.db, { identifier: phone, code: await lastCode(phone.value), ip: '10.1.1.1' });
    const grant = await t.services.db.selectFrom('role_grants').selectAll().where('user_id', '=', user!.id).executeTakeFirstOrThrow();
    expect(grant).toMatchObject({ commune_id: communeId, role: 'staff' });
    const audit = await t.services.db.selectFrom('audit_log').selectAll().where('resource_id', '=', user!.id).executeTakeFirstOrThrow();
    expect(audit.action).toBe('role.granted');
  });

  it('writes the message in the language the account chose, else in the page language', async () => {
    const known = freshPhone();
    await t.services.db.insertInto('users').values({ phone_e164: known.value, preferred_locale: 'ar' }).execute();
    await requestCode(t.services.db, sender, { identifier: known, ip: null, communeId: null, locale: 'fr' });
    const unknown = freshPhone();
    await requestCode(t.services.db, sender, { identifier: unknown, ip: null, communeId: null, locale: 'pt' });
    const bodies = await t.services.db.selectFrom('outbox_messages').select(['recipient', 'body']).where('recipient', 'in', [known.value, unknown.value]).orderBy('recipient').execute();
    expect(bodies.find((m) => m.recipient === known.value)?.body).toContain('رمزك');
    expect(bodies.find((m) => m.recipient === unknown.value)?.body).toContain('o seu código');
  });

  it('accepts an invitation once, and does not re-grant a role already held', async () => {
    const phone = freshPhone();
    const communeId = await t.communeId('tiznit-el-jadida');
    const invitedBy = t.users.get('tiznit-el-jadida:admin')!;
    await t.services.db.insertInto('invitations').values([{ commune_id: communeId, identifier: phone.value, role: 'moderator', invited_by: invitedBy }, { commune_id: communeId, identifier: phone.value, role: 'moderator', invited_by: invitedBy }]).execute();
    await requestCode(t.services.db, sender, { identifier: phone, ip: null, communeId, locale: 'fr' });
    const user = await verifyCode(t.services.db, { identifier: phone, code: await lastCode(phone.value), ip: null });
    const grants = await t.services.db.selectFrom('role_grants').select('role').where('user_id', '=', user!.id).orderBy('role').execute();
    expect(grants).toEqual([{ role: 'moderator' }]);
    const audits = await t.services.db.selectFrom('audit_log').select('id').where('resource_id', '=', user!.id).orderBy('id').execute();
    expect(audits).toHaveLength(1);
    const pending = await t.services.db.selectFrom('invitations').select('id').where('identifier', '=', phone.value).where('accepted_at', 'is', null).orderBy('id').execute();
    expect(pending).toHaveLength(0);
  });
});
