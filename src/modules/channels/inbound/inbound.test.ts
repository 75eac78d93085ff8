import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { callbackToken } from '../callback-token.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const db = () => t.services.db as unknown as Kysely<any>;
const url = (slug: string, token = callbackToken(t.services.config.sessionSecret, slug, 'africastalking')) => `/${slug}/channels/sms/africastalking?token=${token}`;
const sms = (slug: string, fields: Record<string, string>, token?: string) =>
  t.app.inject({ method: 'POST', url: url(slug, token), headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ to: '20880', date: '2026-11-23 10:00:00', ...fields }).toString() });
const repliesTo = (phone: string) => db().selectFrom('outbox_messages').select(['body', 'purpose']).where('recipient', '=', phone).orderBy('created_at').execute();

describe('SMS to the commune’s number', () => {
  it('answers SUIVI with the complaint’s status, once even when the provider delivers the message twice', async () => {
    const complaint = await db().selectFrom('requests').select(['reference', 'reporter_phone']).where('kind', '=', 'complaint').where('is_private', '=', false).where('commune_id', '=', await t.communeId('ndar-toute')).executeTakeFirstOrThrow();
    const phone = '+221770008811';
    const message = { id: 'ATXid_1', from: phone, text: `suivi ${complaint.reference.toLowerCase()}` };
    expect((await sms('ndar-toute', message)).statusCode).toBe(200);
    expect((await sms('ndar-toute', message)).statusCode).toBe(200);
    const replies = await repliesTo(phone);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ purpose: 'channels.reply.follow', body: expect.stringMatching(new RegExp(`^Palabre – ${complaint.reference} : .+\\.$`)) });
    const stored = await db().selectFrom('channel_inbound_messages').selectAll().where('external_id', '=', 'ATXid_1').execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ matched: 'follow', channel: 'sms', phone });
  });

  it('answers in the keyword’s language, keeps other messages for staff, and refuses what is not the provider', async () => {
    const phone = '+221770008822';
    await sms('ndar-toute', { id: 'ATXid_2', from: phone, text: 'HELP' });
    await sms('ndar-toute', { id: 'ATXid_3', from: phone, text: 'La borne-fontaine du marché fuit depuis lundi' });
    const replies = await repliesTo(phone);
    expect(replies.map((r) => r.purpose)).toEqual(['channels.reply.help', 'channels.reply.kept']);
    expect(replies[0]!.body).toContain('send TRACK');
    const kept = await db().selectFrom('channel_inbound_messages').select(['matched', 'body']).where('external_id', '=', 'ATXid_3').executeTakeFirstOrThrow();
    expect(kept).toEqual({ matched: null, body: 'La borne-fontaine du marché fuit depuis lundi' });
    // Nothing was published: no complaint, proposal or comment was created from it.
    expect(await db().selectFrom('requests').select('id').where('description', 'like', '%borne-fontaine du marché fuit%').execute()).toEqual([]);

    const before = (await db().selectFrom('channel_inbound_messages').select('external_id').execute()).length;
    expect((await sms('ndar-toute', { id: 'ATXid_4', from: phone, text: 'AIDE' }, 'wrong')).statusCode).toBe(403);
    expect((await sms('ndar-toute', { id: 'ATXid_5', from: phone, text: 'AIDE' }, callbackToken(t.services.config.sessionSecret, 'tiznit-el-jadida', 'africastalking'))).statusCode).toBe(403);
    expect((await sms('ndar-toute', { from: phone, text: 'AIDE' })).statusCode).toBe(400);
    expect((await sms('ndar-toute', { id: 'ATXid_6', from: phone, text: 'x'.repeat(70_000) })).statusCode).toBe(413);
    expect((await db().selectFrom('channel_inbound_messages').select('external_id').execute()).length).toBe(before);
  });
});
