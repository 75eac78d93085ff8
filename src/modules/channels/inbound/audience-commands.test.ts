import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { callbackToken } from '../callback-token.js';
import { leadingNeighbourhood, maxComplaintLength } from './audience-commands.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const db = () => t.services.db as unknown as Kysely<any>;
let nextId = 0;
/** An SMS from `from` to Ndar Toute's number through the Africa's Talking webhook; `id` repeats a delivery. */
const sms = (from: string, text: string, id = `ATaud_${(nextId += 1)}`) =>
  t.app.inject({
    method: 'POST',
    url: `/ndar-toute/channels/sms/africastalking?token=${callbackToken(t.services.config.sessionSecret, 'ndar-toute', 'africastalking')}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ to: '20880', date: '2026-11-23 10:00:00', id, from, text }).toString(),
  });
const repliesTo = (phone: string) => db().selectFrom('outbox_messages').select(['body', 'purpose']).where('recipient', '=', phone).orderBy('created_at').execute();
const complaintsFrom = (phone: string) => db().selectFrom('requests').innerJoin('request_categories as c', 'c.id', 'requests.category_id').select(['requests.reference', 'requests.channel', 'requests.neighbourhood', 'requests.description', 'c.code']).where('requests.reporter_phone', '=', phone).execute();
const subscriptionsOf = (phone: string) => db().selectFrom('channel_subscriptions').select(['channel', 'locale', 'neighbourhood']).where('phone', '=', phone).execute();
const optedOut = async (phone: string) => (await db().selectFrom('channel_opt_outs').select('phone').where('phone', '=', phone).execute()).length > 0;

describe('PLAINTE by SMS', () => {
  it('files exactly one complaint with channel sms, in the "other" category, even when the SMS is delivered twice', async () => {
    const phone = '+221770007701';
    expect((await sms(phone, 'plainte Guet Ndar : le caniveau déborde devant l’école', 'ATaud_dup')).statusCode).toBe(200);
    expect((await sms(phone, 'plainte Guet Ndar : le caniveau déborde devant l’école', 'ATaud_dup')).statusCode).toBe(200);
    const filed = await complaintsFrom(phone);
    expect(filed).toHaveLength(1);
    expect(filed[0]).toMatchObject({ channel: 'sms', neighbourhood: 'Guet Ndar', description: 'le caniveau déborde devant l’école', code: 'other' });
    const replies = await repliesTo(phone);
    expect(replies).toEqual([{ purpose: 'channels.reply.complaint', body: `Palabre – plainte enregistrée : ${filed[0]!.reference}. Pour suivre son état, envoyez SUIVI ${filed[0]!.reference}` }]);
    const stored = await db().selectFrom('channel_inbound_messages').select('matched').where('external_id', '=', 'ATaud_dup').execute();
    expect(stored).toEqual([{ matched: 'complaint' }]);
  });

  it('works in Portuguese and Arabic, answers in that language, and keeps the text within its limit', async () => {
    const phone = '+221770007702';
    await sms(phone, `QUEIXA ${'x'.repeat(maxComplaintLength + 200)}`);
    await sms(phone, 'شكاية الإنارة معطلة في الشارع');
    const filed = await complaintsFrom(phone);
    expect(filed.map((c) => c.description.length)).toEqual(expect.arrayContaining([maxComplaintLength, 'الإنارة معطلة في الشارع'.length]));
    expect(filed.every((c) => c.neighbourhood === null && c.channel === 'sms')).toBe(true);
    const replies = await repliesTo(phone);
    expect(replies[0]!.body).toContain('Palabre – queixa registada: ');
    expect(replies[1]!.body).toContain('لتتبعها، أرسل تتبع');
  });

  it('explains how to use it when the text is missing, and files nothing', async () => {
    const phone = '+221770007703';
    await sms(phone, 'COMPLAINT');
    await sms(phone, 'plainte Sor');
    expect(await complaintsFrom(phone)).toEqual([]);
    const replies = await repliesTo(phone);
    expect(replies.map((r) => r.purpose)).toEqual(['channels.reply.complaint', 'channels.reply.complaint']);
    expect(replies[0]!.body).toContain('send COMPLAINT, the neighbourhood');
    expect(replies[1]!.body).toContain('envoyez PLAINTE, le quartier');
  });

  it('reads a neighbourhood at the start of the text, case and accents ignored, the longest name first', () => {
    const names = ['Sor', 'Guet Ndar', 'Diamaguène', 'Guet'];
    expect(leadingNeighbourhood('guet ndar: fuite', names)).toEqual({ neighbourhood: 'Guet Ndar', rest: 'fuite' });
    expect(leadingNeighbourhood('DIAMAGUENE, route coupée', names)).toEqual({ neighbourhood: 'Diamaguène', rest: 'route coupée' });
    expect(leadingNeighbourhood('Diamaguène route', names)).toEqual({ neighbourhood: 'Diamaguène', rest: 'route' });
    expect(leadingNeighbourhood('Sortie d’école dangereuse', names)).toEqual({ neighbourhood: null, rest: 'Sortie d’école dangereuse' });
  });
});

describe('INSCRIPTION and STOP', () => {
  it('subscribes with the channel, the keyword’s language and a known neighbourhood; STOP ends it; subscribing again works', async () => {
    const phone = '+221770007711';
    await sms(phone, 'Inscription sor');
    expect(await subscriptionsOf(phone)).toEqual([{ channel: 'sms', locale: 'fr', neighbourhood: 'Sor' }]);
    await sms(phone, 'ARRÊT');
    expect(await subscriptionsOf(phone)).toEqual([]);
    expect(await optedOut(phone)).toBe(true);
    await sms(phone, 'SUBSCRIBE Atlantis');
    expect(await optedOut(phone)).toBe(false);
    expect(await subscriptionsOf(phone)).toEqual([{ channel: 'sms', locale: 'en', neighbourhood: null }]);
    const replies = await repliesTo(phone);
    expect(replies.map((r) => r.purpose)).toEqual(['channels.reply.subscribe', 'channels.reply.stop', 'channels.reply.subscribe']);
    expect(replies[0]!.body).toBe('Palabre – vous êtes abonné aux nouvelles de la commune pour le quartier Sor. Envoyez STOP pour arrêter');
    expect(replies[1]!.body).toContain('Pour vous réabonner, envoyez INSCRIPTION');
    expect(replies[2]!.body).toContain('unknown neighbourhood “Atlantis”');
  });

  it('understands STOP in French first, and the words of the other languages', async () => {
    const phone = '+221770007712';
    await sms(phone, 'اشتراك');
    expect(await subscriptionsOf(phone)).toEqual([{ channel: 'sms', locale: 'ar', neighbourhood: null }]);
    await sms(phone, 'الغاء');
    expect(await optedOut(phone)).toBe(true);
    await sms(phone, 'SUBSCREVER');
    await sms(phone, 'stop');
    await sms(phone, 'UNSUBSCRIBE');
    const replies = await repliesTo(phone);
    expect(replies.map((r) => r.body.slice(0, 40))).toEqual([
      expect.stringContaining('أنت مشترك'),
      expect.stringContaining('لن تصلك'),
      expect.stringContaining('subscreveu'),
      expect.stringContaining('vous ne recevrez plus'),
      expect.stringContaining('you will receive no more'),
    ]);
    expect(await subscriptionsOf(phone)).toEqual([]);
  });
});
