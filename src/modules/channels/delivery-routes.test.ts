import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { callbackToken } from './callback-token.js';
import { channelsDb } from './db/tables.js';
import { fakeProviders, modulesWithFetch } from './delivery/delivery-test-helpers.js';
import { twilioSignature } from './providers/twilio-webhook.js';

const publicUrl = 'https://palabre.example';
const twilio = { provider: 'twilio', accountSid: 'AC1', authToken: 'twilio-auth-token', from: '+15005550006' };
const api = fakeProviders();

let t: TestApp;
let ndar: string;
beforeAll(async () => {
  t = await createTestApp({ modules: modulesWithFetch(api.fetch), env: { PUBLIC_URL: publicUrl, CHANNEL_PROVIDERS: JSON.stringify({ 'ndar-toute': { sms: twilio } }) } });
  ndar = await t.communeId('ndar-toute');
});
afterAll(() => t.close());

const deliveries = () => channelsDb(t.services.db);
const token = (slug: string, provider: string) => callbackToken(t.services.config.sessionSecret, slug, provider);
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const post = (url: string, payload: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, payload, headers: { 'content-type': url.includes('orange') ? 'application/json' : 'application/x-www-form-urlencoded', ...headers } });
/** A message as the sender logs it, waiting for its receipt. */
const logged = (provider: string, externalId: string, recipient = '+221770200001') =>
  deliveries().insertInto('channel_deliveries').values({ commune_id: ndar, channel: 'sms', provider, recipient, purpose: 'test', segments: 1, encoding: 'gsm7', status: 'queued', external_id: externalId }).execute();
const statusOf = async (externalId: string) => (await deliveries().selectFrom('channel_deliveries').select(['status', 'error_code']).where('external_id', '=', externalId).executeTakeFirstOrThrow());

describe('Africa’s Talking delivery reports', () => {
  const url = (slug: string, tokenValue = token(slug, 'africastalking')) => `/${slug}/channels/receipts/africastalking?token=${tokenValue}`;

  it('updates the message, and a redelivered or late report changes nothing', async () => {
    await logged('africastalking', 'ATXid_r1');
    expect((await post(url('ndar-toute'), form({ id: 'ATXid_r1', status: 'Success', phoneNumber: '+221770200001' }))).statusCode).toBe(200);
    expect(await statusOf('ATXid_r1')).toEqual({ status: 'delivered', error_code: null });
    const updatedAt = (await deliveries().selectFrom('channel_deliveries').select('updated_at').where('external_id', '=', 'ATXid_r1').executeTakeFirstOrThrow()).updated_at;
    await post(url('ndar-toute'), form({ id: 'ATXid_r1', status: 'Success' }));
    await post(url('ndar-toute'), form({ id: 'ATXid_r1', status: 'Sent' }));
    expect(await statusOf('ATXid_r1')).toEqual({ status: 'delivered', error_code: null });
    expect((await deliveries().selectFrom('channel_deliveries').select('updated_at').where('external_id', '=', 'ATXid_r1').executeTakeFirstOrThrow()).updated_at).toEqual(updatedAt);
  });

  it('refuses a wrong token, ignores another commune’s message, and refuses a malformed report', async () => {
    await logged('africastalking', 'ATXid_r2');
    expect((await post(url('ndar-toute', 'wrong'), form({ id: 'ATXid_r2', status: 'Failed' }))).statusCode).toBe(403);
    expect((await post(url('ndar-toute', token('tiznit-el-jadida', 'africastalking')), form({ id: 'ATXid_r2', status: 'Failed' }))).statusCode).toBe(403);
    expect((await post(url('tiznit-el-jadida'), form({ id: 'ATXid_r2', status: 'Failed' }))).statusCode).toBe(200);
    expect((await post(url('ndar-toute'), form({ status: 'Failed' }))).statusCode).toBe(400);
    expect(await statusOf('ATXid_r2')).toEqual({ status: 'queued', error_code: null });
    expect((await post(url('ndar-toute'), form({ id: 'ATXid_r2', status: 'Failed', failureReason: 'InsufficientCredit' }))).statusCode).toBe(200);
    expect(await statusOf('ATXid_r2')).toEqual({ status: 'failed', error_code: 'InsufficientCredit' });
  });
});

describe('Twilio', () => {
  const signed = (path: string, fields: Record<string, string>, authToken = twilio.authToken) => post(path, form(fields), { 'x-twilio-signature': twilioSignature(authToken, publicUrl + path, Object.entries(fields)) });
  const status = (fields: Record<string, string>) => ({ MessageSid: 'SM_r3', AccountSid: 'AC1', To: '+221770200003', ...fields });

  it('applies a status callback signed with the commune’s auth token, refuses a bad signature', async () => {
    await logged('twilio', 'SM_r3', '+221770200003');
    expect((await signed('/ndar-toute/channels/receipts/twilio', status({ MessageStatus: 'delivered' }), 'another-token')).statusCode).toBe(403);
    expect((await post('/ndar-toute/channels/receipts/twilio', form(status({ MessageStatus: 'delivered' })))).statusCode).toBe(403);
    expect(await statusOf('SM_r3')).toEqual({ status: 'queued', error_code: null });
    expect((await signed('/ndar-toute/channels/receipts/twilio', status({ MessageStatus: 'delivered' }))).statusCode).toBe(200);
    expect(await statusOf('SM_r3')).toEqual({ status: 'delivered', error_code: null });
  });

  it('records a STOP the person sent to Twilio (error 21610)', async () => {
    await logged('twilio', 'SM_r4', '+221770200004');
    const response = await signed('/ndar-toute/channels/receipts/twilio', { MessageSid: 'SM_r4', MessageStatus: 'undelivered', ErrorCode: '21610' });
    expect(response.statusCode).toBe(200);
    expect(await statusOf('SM_r4')).toEqual({ status: 'failed', error_code: '21610' });
    expect(await deliveries().selectFrom('channel_opt_outs').select(['phone', 'source']).where('commune_id', '=', ndar).where('phone', '=', '+221770200004').execute()).toEqual([{ phone: '+221770200004', source: 'provider' }]);
  });

  it('answers an incoming SMS through Twilio, once even when redelivered', async () => {
    const fields = { MessageSid: 'SM_in_1', AccountSid: 'AC1', From: '+221770200005', To: '+15005550006', Body: 'AIDE', NumMedia: '0' };
    const before = api.calls.length;
    const first = await signed('/ndar-toute/channels/sms/twilio', fields);
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toContain('text/xml');
    expect((await signed('/ndar-toute/channels/sms/twilio', fields)).statusCode).toBe(200);
    const sent = api.calls.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url).toBe('https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json');
    expect(new URLSearchParams(String(sent[0]!.init.body)).get('To')).toBe('+221770200005');
    expect(await deliveries().selectFrom('channel_deliveries').select(['provider', 'purpose', 'status']).where('recipient', '=', '+221770200005').execute()).toEqual([{ provider: 'twilio', purpose: 'channels.reply.help', status: 'queued' }]);
    expect((await signed('/ndar-toute/channels/sms/twilio', { ...fields, MessageSid: 'SM_in_2' }, 'forged')).statusCode).toBe(403);
    expect(await deliveries().selectFrom('channel_inbound_messages').select('external_id').where('phone', '=', '+221770200005').execute()).toEqual([{ external_id: 'SM_in_1' }]);
  });

  it('has no address in a commune without Twilio', async () => {
    const fields = { MessageSid: 'SM_r5', MessageStatus: 'delivered' };
    expect((await signed('/tiznit-el-jadida/channels/receipts/twilio', fields)).statusCode).toBe(404);
    expect((await signed('/tiznit-el-jadida/channels/sms/twilio', { MessageSid: 'SM_r6', From: '+212600200006', To: '+1500', Body: 'AIDE' })).statusCode).toBe(404);
  });
});

describe('Orange', () => {
  const inbound = (id: string, from: string, text: string) => JSON.stringify({ inboundSMSMessageNotification: { inboundSMSMessage: { messageId: id, senderAddress: `tel:${from}`, destinationAddress: 'tel:+212600000000', message: text, dateTime: '2026-11-23T10:00:00Z' } } });
  const receipt = (address: string, deliveryStatus: string, extra: object = {}) => JSON.stringify({ deliveryInfoNotification: { deliveryInfo: { address: `tel:${address}`, deliveryStatus }, ...extra } });
  const url = (kind: 'sms' | 'receipts', slug = 'tiznit-el-jadida', tokenValue = token(slug, 'orange')) => `/${slug}/channels/${kind}/orange?token=${tokenValue}`;

  it('answers an incoming SMS (the outbox, as the commune has no provider) and refuses a wrong token', async () => {
    expect((await post(url('sms'), inbound('or-1', '+212600200007', 'HELP'))).statusCode).toBe(200);
    expect((await post(url('sms'), inbound('or-1', '+212600200007', 'HELP'))).statusCode).toBe(200);
    expect(await t.services.db.selectFrom('outbox_messages').select('purpose').where('recipient', '=', '+212600200007').execute()).toEqual([{ purpose: 'channels.reply.help' }]);
    expect((await post(url('sms', 'tiznit-el-jadida', token('tiznit-el-jadida', 'africastalking')), inbound('or-2', '+212600200007', 'HELP'))).statusCode).toBe(403);
    expect((await post(url('receipts', 'tiznit-el-jadida', 'nope'), receipt('+212600200007', 'DeliveredToTerminal'))).statusCode).toBe(403);
    expect(await deliveries().selectFrom('channel_inbound_messages').select('external_id').where('phone', '=', '+212600200007').execute()).toEqual([{ external_id: 'or-1' }]);
  });

  it('applies a receipt by its request id, else to the latest Orange message to that number', async () => {
    const tiznit = await t.communeId('tiznit-el-jadida');
    const log = (externalId: string, recipient: string) => deliveries().insertInto('channel_deliveries').values({ commune_id: tiznit, channel: 'sms', provider: 'orange', recipient, purpose: 'test', segments: 1, encoding: 'gsm7', status: 'queued', external_id: externalId }).execute();
    await log('req-a', '+212600200008');
    await post(url('receipts'), receipt('+212600200008', 'DeliveredToTerminal', { resourceURL: 'https://api.orange.com/smsmessaging/v1/outbound/tel%3A%2B212600000000/requests/req-a' }));
    expect((await statusOf('req-a')).status).toBe('delivered');
    await log('req-b', '+212600200009');
    await post(url('receipts'), receipt('+212600200009', 'DeliveryImpossible'));
    expect((await statusOf('req-b')).status).toBe('failed');
  });
});
