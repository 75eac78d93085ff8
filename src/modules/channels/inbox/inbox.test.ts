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
const inbox = '/ndar-toute/admin/channels/inbox';
let sequence = 0;

/** A message no keyword matches, sent to Ndar Toute's SMS number; returns its inbox id. */
async function kept(phone: string, text: string): Promise<string> {
  const id = `ATXinbox_${(sequence += 1)}`;
  const url = `/ndar-toute/channels/sms/africastalking?token=${callbackToken(t.services.config.sessionSecret, 'ndar-toute', 'africastalking')}`;
  const payload = new URLSearchParams({ id, from: phone, to: '20880', text, date: '2026-11-23 10:00:00' }).toString();
  expect((await t.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload })).statusCode).toBe(200);
  return (await db().selectFrom('channel_inbound_messages').select('id').where('external_id', '=', id).executeTakeFirstOrThrow()).id;
}

const lastReply = async (phone: string) => db().selectFrom('outbox_messages').select(['body', 'purpose', 'channel']).where('recipient', '=', phone).orderBy('created_at', 'desc').limit(1).executeTakeFirstOrThrow();
const auditOf = (id: string) => db().selectFrom('audit_log').select(['action', 'actor_user_id']).where('resource_id', '=', id).execute();

describe('the staff inbox of messages no keyword matched', () => {
  it('lists a waiting message (escaped) and turns it into a complaint once, telling the sender its reference', async () => {
    const phone = '+221770007701';
    const id = await kept(phone, 'Le caniveau de la rue 10 déborde <script>alert(1)</script>');
    const list = await t.request('ndar-toute:staff', 'GET', inbox);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`href="${inbox}/${id}"`);
    expect(list.body).toContain('&lt;script>alert(1)&lt;/script>');
    expect(list.body).not.toContain('<script>alert(1)');

    const page = await t.request('ndar-toute:staff', 'GET', `${inbox}/${id}`);
    const category = /<select id="category" name="category"[^>]*>\s*<option value="([^"]+)"/.exec(page.body)![1]!;
    const filed = await t.request('ndar-toute:staff', 'POST', `${inbox}/${id}/complaint`, { category, neighbourhood: '', text: 'Le caniveau de la rue 10 déborde' });
    expect(filed.statusCode).toBe(303);
    const complaint = await db().selectFrom('requests').select(['reference', 'channel', 'reporter_phone', 'description']).where('reporter_phone', '=', phone).executeTakeFirstOrThrow();
    expect(complaint).toMatchObject({ channel: 'sms', description: 'Le caniveau de la rue 10 déborde' });
    expect(await lastReply(phone)).toMatchObject({ channel: 'sms', purpose: 'channels.reply.inbox_complaint', body: expect.stringContaining(complaint.reference) });
    expect(await auditOf(id)).toEqual([{ action: 'channels.inbox.complaint', actor_user_id: t.users.get('ndar-toute:staff') }]);

    // The same form posted again (a double click, a replay) files nothing more.
    expect((await t.request('ndar-toute:staff', 'POST', `${inbox}/${id}/complaint`, { category, text: 'encore' })).statusCode).toBe(409);
    expect(await db().selectFrom('requests').select('id').where('reporter_phone', '=', phone).execute()).toHaveLength(1);
    const after = await t.request('ndar-toute:staff', 'GET', inbox);
    expect(after.body).not.toContain(`href="${inbox}/${id}"`);
    expect(after.body).toContain(complaint.reference);
  });

  it('sends the officer’s answer as written, or sets a message aside, each audited', async () => {
    const phone = '+221770007702';
    const asked = await kept(phone, 'À quelle heure ouvre la mairie samedi ?');
    expect((await t.request('ndar-toute:staff', 'POST', `${inbox}/${asked}/answer`, { answer: 'La mairie ouvre de 9 h à 12 h le samedi.' })).statusCode).toBe(303);
    expect(await lastReply(phone)).toEqual({ channel: 'sms', purpose: 'channels.reply.inbox_answer', body: 'La mairie ouvre de 9 h à 12 h le samedi.' });
    const spam = await kept(phone, 'Gagnez 1 000 000 FCFA, cliquez ici');
    expect((await t.request('ndar-toute:staff', 'POST', `${inbox}/${spam}/dismiss`, { note: 'publicité' })).statusCode).toBe(303);
    expect(await db().selectFrom('channel_inbound_messages').select(['handled_as', 'handled_ref']).where('id', '=', spam).executeTakeFirstOrThrow()).toEqual({ handled_as: 'dismissed', handled_ref: 'publicité' });
    expect((await auditOf(asked)).map((a) => a.action)).toEqual(['channels.inbox.answer']);
    expect((await auditOf(spam)).map((a) => a.action)).toEqual(['channels.inbox.dismiss']);
  });

  it('turns a message into a proposal that keeps its channel, in a consultation taking proposals', async () => {
    const phone = '+221770007703';
    const id = await kept(phone, 'Il faudrait des lampadaires solaires sur la corniche');
    const page = await t.request('ndar-toute:staff', 'GET', `${inbox}/${id}`);
    const consultation = /<select id="consultation" name="consultation"[^>]*>\s*<option value="([^"]+)"/.exec(page.body)?.[1];
    expect(consultation).toBeDefined();
    const posted = await t.request('ndar-toute:staff', 'POST', `${inbox}/${id}/contribution`, { consultation: consultation!, title: 'Lampadaires solaires sur la corniche', body: 'Il faudrait des lampadaires solaires sur la corniche' });
    expect(posted.statusCode).toBe(303);
    const proposal = await db().selectFrom('proposals').select(['channel', 'consultation_id', 'author_id']).where('title', '=', 'Lampadaires solaires sur la corniche').executeTakeFirstOrThrow();
    expect(proposal).toEqual({ channel: 'sms', consultation_id: consultation, author_id: t.users.get('ndar-toute:staff') });
    expect((await lastReply(phone)).purpose).toBe('channels.reply.inbox_contribution');
  });

  it('keeps what was typed when a form is incomplete, and the message waiting', async () => {
    const id = await kept('+221770007704', 'Route coupée');
    const refused = await t.request('ndar-toute:staff', 'POST', `${inbox}/${id}/answer`, { answer: '   ' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('<details id="to-answer" open>');
    expect(await db().selectFrom('channel_inbound_messages').select('handled_at').where('id', '=', id).executeTakeFirstOrThrow()).toEqual({ handled_at: null });
  });

  it('shows a commune’s messages only to its own staff', async () => {
    const id = await kept('+221770007705', 'Message pour Ndar Toute');
    expect((await t.request('ndar-toute:citizen', 'GET', inbox)).statusCode).toBe(403);
    expect((await t.request('tiznit-el-jadida:staff', 'GET', inbox)).statusCode).toBe(403);
    expect((await t.request('tiznit-el-jadida:staff', 'GET', `/tiznit-el-jadida/admin/channels/inbox/${id}`)).statusCode).toBe(404);
    expect((await t.request('tiznit-el-jadida:staff', 'POST', `/tiznit-el-jadida/admin/channels/inbox/${id}/dismiss`, {})).statusCode).toBe(404);
    expect((await t.request('tiznit-el-jadida:staff', 'GET', '/tiznit-el-jadida/admin/channels/inbox')).body).not.toContain(id);
  });
});
