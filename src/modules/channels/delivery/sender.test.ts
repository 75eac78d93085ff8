import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformServices } from '../../../platform/http/context.js';
import type { OutgoingMessage } from '../../../platform/messaging/message-sender.js';
import { OutboxMessageSender } from '../../../platform/messaging/message-sender.js';
import { JobQueue } from '../../../platform/queue/job-queue.js';
import { messageDeliveryHandler, QueuedMessageSender } from '../../../platform/queue/queued-message-sender.js';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { optOut } from '../audience/opt-outs.js';
import { channelsDb } from '../db/tables.js';
import { ChannelDelivery, channelMessageDelivery, remainingSegments } from './sender.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { PUBLIC_URL: 'https://palabre.example' } });
});
afterAll(() => t.close());

interface Call {
  url: string;
  init: RequestInit;
}

/** A provider API that answers from a list (one answer per call, the last one repeated) and remembers every call. */
function fakeApi(...answers: [number, unknown][]) {
  const calls: Call[] = [];
  const fetch = async (url: string, init: RequestInit = {}) => {
    calls.push({ url, init });
    const [status, body] = answers[Math.min(calls.length - 1, answers.length - 1)]!;
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  };
  return { calls, fetch };
}

const atAccepted = (messageId: string) => [200, { SMSMessageData: { Message: 'Sent to 1/1', Recipients: [{ statusCode: 101, number: '+221770000000', status: 'Success', cost: 'XOF 25.0000', messageId }] } }] as [number, unknown];
const at = { provider: 'africastalking', username: 'ndar', apiKey: 'at-key', from: 'NDAR' };
const whatsapp = { phoneNumberId: '1234', accessToken: 'wa-token', appSecret: 'wa-app', verifyToken: 'wa-verify' };

/** The platform services as the queue hands them, with this CHANNEL_PROVIDERS configuration. */
const servicesWith = (providers: object): PlatformServices => ({ ...t.services, config: { ...t.services.config, channelProviders: JSON.stringify(providers) } });

let ndar: string;
let tiznit: string;
beforeAll(async () => {
  ndar = await t.communeId('ndar-toute');
  tiznit = await t.communeId('tiznit-el-jadida');
});

const sms = (recipient: string, extra: Partial<OutgoingMessage> = {}): OutgoingMessage => ({ id: randomUUID(), channel: 'sms', recipient, body: 'Réunion publique jeudi à 18 h', purpose: 'test.notice', communeId: ndar, ...extra });
const rowOf = (id: string) => channelsDb(t.services.db).selectFrom('channel_deliveries').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const rowsOf = (recipient: string) => channelsDb(t.services.db).selectFrom('channel_deliveries').selectAll().where('recipient', '=', recipient).execute();
const outboxFor = (recipient: string) => t.services.db.selectFrom('outbox_messages').select(['body', 'purpose']).where('recipient', '=', recipient).execute();

async function deliver(providers: object, message: OutgoingMessage, api = fakeApi(atAccepted(`ATXid_${randomUUID()}`))) {
  const delivery = new ChannelDelivery(new OutboxMessageSender(t.services.db), { fetch: api.fetch });
  await delivery.deliver(servicesWith(providers), message);
  return api;
}

describe('SMS providers', () => {
  it('sends through Africa’s Talking and logs the segments, the provider’s id and status', async () => {
    const message = sms('+221770100001');
    const api = await deliver({ 'ndar-toute': { sms: at } }, message, fakeApi(atAccepted('ATXid_s1')));
    expect(api.calls).toHaveLength(1);
    expect(api.calls[0]!.url).toBe('https://api.africastalking.com/version1/messaging');
    expect((api.calls[0]!.init.headers as Record<string, string>).apiKey).toBe('at-key');
    expect(new URLSearchParams(String(api.calls[0]!.init.body)).get('message')).toBe(message.body);
    expect(await rowOf(message.id!)).toMatchObject({ commune_id: ndar, channel: 'sms', provider: 'africastalking', status: 'sent', external_id: 'ATXid_s1', segments: 1, encoding: 'gsm7', purpose: 'test.notice' });
    expect(await outboxFor(message.recipient)).toEqual([]);
  });

  it('sends through Orange with its OAuth token', async () => {
    const message = sms('+212600100002', { communeId: tiznit, body: 'فتح الاستشارة' });
    const orange = { provider: 'orange', clientId: 'id', clientSecret: 'secret', senderAddress: '+212600000000' };
    const api = await deliver({ 'tiznit-el-jadida': { sms: orange } }, message, fakeApi([200, { access_token: 'tok', expires_in: 3600 }], [201, { outboundSMSMessageRequest: { resourceURL: 'https://api.orange.com/smsmessaging/v1/outbound/tel%3A%2B212600000000/requests/req-42' } }]));
    expect(api.calls.map((call) => call.url)).toEqual(['https://api.orange.com/oauth/v3/token', 'https://api.orange.com/smsmessaging/v1/outbound/tel%3A%2B212600000000/requests']);
    expect(await rowOf(message.id!)).toMatchObject({ provider: 'orange', status: 'queued', external_id: 'req-42', encoding: 'ucs2', segments: 1 });
  });

  it('sends through Twilio with the commune’s status callback address', async () => {
    const message = sms('+221770100003');
    const twilio = { provider: 'twilio', accountSid: 'AC1', authToken: 'tw-token', from: '+15005550006' };
    const api = await deliver({ 'ndar-toute': { sms: twilio } }, message, fakeApi([201, { sid: 'SM0001', status: 'queued', num_segments: '1' }]));
    const form = new URLSearchParams(String(api.calls[0]!.init.body));
    expect(form.get('StatusCallback')).toBe('https://palabre.example/ndar-toute/channels/receipts/twilio');
    expect(form.get('To')).toBe('+221770100003');
    expect(await rowOf(message.id!)).toMatchObject({ provider: 'twilio', status: 'queued', external_id: 'SM0001' });
  });

  it('falls back on the outbox when the commune configured no provider, and e-mail always goes there', async () => {
    const message = sms('+221770100004');
    const api = await deliver({ 'tiznit-el-jadida': { sms: at } }, message);
    expect(api.calls).toEqual([]);
    expect(await outboxFor(message.recipient)).toEqual([{ body: message.body, purpose: 'test.notice' }]);
    expect(await rowOf(message.id!)).toMatchObject({ provider: 'outbox', status: 'sent', segments: 1 });
    await deliver({ 'ndar-toute': { sms: at } }, { channel: 'email', recipient: 'awa@example.org', body: 'Bonjour', purpose: 'test.mail', communeId: ndar });
    expect(await outboxFor('awa@example.org')).toHaveLength(1);
  });

  it('records a refusal that a retry cannot fix as failed, without throwing', async () => {
    const message = sms('+221770100005');
    await deliver({ 'ndar-toute': { sms: at } }, message, fakeApi([401, { message: 'bad key' }]));
    expect(await rowOf(message.id!)).toMatchObject({ status: 'failed', error_code: 'http_401', provider: 'africastalking' });
  });
});

describe('retries through the queue', () => {
  it('retries a provider that is down and keeps one record per message', async () => {
    const clock = { now: new Date('2026-11-23T10:00:00Z') };
    const api = fakeApi([503, { error: 'down' }], atAccepted('ATXid_retry'));
    const services = servicesWith({ 'ndar-toute': { sms: at } });
    const queue = new JobQueue<PlatformServices>(t.services.db, { mode: 'worker', clock: () => clock.now });
    queue.register(messageDeliveryHandler(channelMessageDelivery({ fetch: api.fetch })(new OutboxMessageSender(t.services.db))));
    queue.bind(services);
    const recipient = '+221770100006';
    await new QueuedMessageSender(queue).send({ channel: 'sms', recipient, body: 'Coupure d’eau demain', purpose: 'test.retry', communeId: ndar });

    await queue.runDue();
    expect(await rowsOf(recipient)).toMatchObject([{ status: 'pending', error_code: 'http_503', encoding: 'ucs2' }]);
    clock.now = new Date(clock.now.getTime() + 30_000);
    await queue.runDue();
    const rows = await rowsOf(recipient);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'sent', external_id: 'ATXid_retry', error_code: null });
    expect(api.calls).toHaveLength(2);
  });
});

describe('WhatsApp', () => {
  const receivedFrom = async (phone: string, hoursAgo: number) =>
    channelsDb(t.services.db)
      .insertInto('channel_inbound_messages')
      .values({ commune_id: ndar, provider: 'whatsapp', external_id: `wamid.${randomUUID()}`, channel: 'whatsapp', phone, body: 'Bonjour', received_at: new Date(Date.now() - hoursAgo * 3_600_000) })
      .execute();
  const wa = (recipient: string): OutgoingMessage => ({ ...sms(recipient), channel: 'whatsapp' });
  const sentPayload = (api: { calls: Call[] }) => JSON.parse(String(api.calls[0]!.init.body));
  const accepted = (): [number, unknown] => [200, { messages: [{ id: `wamid.${randomUUID()}` }] }];

  it('sends free text inside the 24-hour window, counted as a message without segments', async () => {
    const message = wa('+221770100007');
    await receivedFrom(message.recipient, 2);
    const api = await deliver({ 'ndar-toute': { whatsapp: { ...whatsapp, template: { name: 'palabre_message', language: 'fr' } } } }, message, fakeApi(accepted()));
    expect(api.calls[0]!.url).toBe('https://graph.facebook.com/v21.0/1234/messages');
    expect(sentPayload(api)).toMatchObject({ type: 'text', to: '221770100007', text: { body: message.body } });
    expect(await rowOf(message.id!)).toMatchObject({ channel: 'whatsapp', provider: 'whatsapp', segments: 0, encoding: 'whatsapp', status: 'queued' });
  });

  it('sends the approved template with the text as its parameter outside the window', async () => {
    const message = wa('+221770100008');
    await receivedFrom(message.recipient, 30);
    const api = await deliver({ 'ndar-toute': { whatsapp: { ...whatsapp, template: { name: 'palabre_message', language: 'fr' } } } }, message, fakeApi(accepted()));
    expect(sentPayload(api)).toMatchObject({ type: 'template', template: { name: 'palabre_message', language: { code: 'fr' }, components: [{ type: 'body', parameters: [{ type: 'text', text: message.body }] }] } });
  });

  it('without a template, falls back on SMS, or fails with the window as reason when there is no SMS either', async () => {
    const bySms = wa('+221770100009');
    const api = await deliver({ 'ndar-toute': { whatsapp, sms: at } }, bySms, fakeApi(atAccepted('ATXid_fallback')));
    expect(api.calls[0]!.url).toContain('africastalking');
    expect(await rowOf(bySms.id!)).toMatchObject({ channel: 'sms', provider: 'africastalking', segments: 1, status: 'sent' });

    const stuck = wa('+221770100010');
    const none = await deliver({ 'ndar-toute': { whatsapp } }, stuck);
    expect(none.calls).toEqual([]);
    expect(await rowOf(stuck.id!)).toMatchObject({ channel: 'whatsapp', status: 'failed', error_code: 'window' });
  });
});

describe('STOP and the monthly cap', () => {
  it('sends nothing unsolicited to a phone that sent STOP, but still its sign-in code and answers', async () => {
    const recipient = '+221770100011';
    await optOut(t.services.db, ndar, recipient, 'sms');
    const digest = sms(recipient, { purpose: 'participation.digest' });
    const api = await deliver({ 'ndar-toute': { sms: at } }, digest);
    expect(api.calls).toEqual([]);
    expect(await rowOf(digest.id!)).toMatchObject({ status: 'suppressed', segments: 0 });

    const code = sms(recipient, { purpose: 'otp', awaited: true, body: 'Votre code : 482913' });
    expect((await deliver({ 'ndar-toute': { sms: at } }, code)).calls).toHaveLength(1);
    const answer = sms(recipient, { purpose: 'channels.reply.follow' });
    expect((await deliver({ 'ndar-toute': { sms: at } }, answer)).calls).toHaveLength(1);
    expect((await rowOf(code.id!)).status).toBe('sent');
  });

  it('stops at the cap, except for sign-in codes and answers, and tells broadcasts what is left', async () => {
    const commune = await t.services.db.selectFrom('communes').select(['id', 'time_zone']).where('id', '=', tiznit).executeTakeFirstOrThrow();
    const used = (await channelsDb(t.services.db).selectFrom('channel_deliveries').select((eb) => eb.fn.sum<string>('segments').as('s')).where('commune_id', '=', tiznit).where('status', 'not in', ['suppressed', 'capped']).executeTakeFirst())?.s ?? 0;
    await channelsDb(t.services.db).insertInto('channel_settings').values({ commune_id: tiznit, monthly_segment_cap: Number(used) + 1 }).onConflict((oc) => oc.column('commune_id').doUpdateSet({ monthly_segment_cap: Number(used) + 1 })).execute();
    expect(await remainingSegments(t.services.db, commune)).toBe(1);
    const providers = { 'tiznit-el-jadida': { sms: at } };

    const long = sms('+212600100012', { communeId: tiznit, body: 'x'.repeat(200) });
    expect((await deliver(providers, long)).calls).toEqual([]);
    expect(await rowOf(long.id!)).toMatchObject({ status: 'capped', segments: 0 });
    const code = sms('+212600100012', { communeId: tiznit, awaited: true, purpose: 'otp', body: 'x'.repeat(200) });
    expect((await deliver(providers, code)).calls).toHaveLength(1);
    expect(await remainingSegments(t.services.db, commune)).toBe(0);
    const short = sms('+212600100013', { communeId: tiznit });
    await deliver(providers, short);
    expect((await rowOf(short.id!)).status).toBe('capped');
  });
});
