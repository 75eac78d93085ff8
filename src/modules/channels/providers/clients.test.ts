import { describe, expect, it } from 'vitest';
import { AfricasTalkingSmsClient } from './africas-talking.js';
import { type FetchLike, ProviderError } from './client.js';
import { OrangeSmsClient } from './orange.js';
import { TwilioSmsClient } from './twilio.js';
import { WhatsAppCloudClient, whatsAppMessageKind } from './whatsapp.js';

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
}

/** A fake provider: records each request and answers from the queue of responses. */
function fakeFetch(...responses: (Response | Error)[]) {
  const calls: Call[] = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push({ url, method: init?.method ?? 'GET', headers: Object.fromEntries(new Headers(init?.headers).entries()), body: String(init?.body ?? '') });
    const next = responses.shift();
    if (!next) throw new Error('no more fake responses');
    if (next instanceof Error) throw next;
    return next;
  };
  return { fetch, calls };
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe("Africa's Talking", () => {
  const atSuccess = { SMSMessageData: { Message: 'Sent to 1/1 Total Cost: XOF 25', Recipients: [{ statusCode: 101, number: '+221771234567', status: 'Success', cost: 'XOF 25.0000', messageId: 'ATXid_abc123' }] } };

  it('posts a form with username, to, message, from and the apiKey header, and reads the recipient', async () => {
    const { fetch, calls } = fakeFetch(json(atSuccess, 201));
    const client = new AfricasTalkingSmsClient({ username: 'palabre', apiKey: 'k3y', from: 'MAIRIE', fetch });
    expect(await client.send({ to: '+221771234567', body: 'Réunion mardi' })).toEqual({ externalId: 'ATXid_abc123', status: 'sent', cost: 'XOF 25.0000' });
    expect(calls[0]?.url).toBe('https://api.africastalking.com/version1/messaging');
    expect(calls[0]?.headers.apikey).toBe('k3y');
    expect(Object.fromEntries(new URLSearchParams(calls[0]?.body))).toEqual({ username: 'palabre', to: '+221771234567', message: 'Réunion mardi', from: 'MAIRIE' });
  });

  it('uses the sandbox host when asked', async () => {
    const { fetch, calls } = fakeFetch(json(atSuccess, 201));
    await new AfricasTalkingSmsClient({ username: 'sandbox', apiKey: 'k', sandbox: true, fetch }).send({ to: '+254711000000', body: 'x' });
    expect(calls[0]?.url).toContain('api.sandbox.africastalking.com');
  });

  it('refuses a rejected recipient without retry, but retries AT-side failures', async () => {
    const invalid = { SMSMessageData: { Message: 'Sent to 0/1', Recipients: [{ statusCode: 403, number: '+2217', status: 'InvalidPhoneNumber', cost: '0', messageId: 'None' }] } };
    const gateway = { SMSMessageData: { Message: 'Sent to 0/1', Recipients: [{ statusCode: 501, number: '+221771234567', status: 'GatewayError', cost: '0', messageId: 'None' }] } };
    const { fetch } = fakeFetch(json(invalid, 201), json(gateway, 201));
    const client = new AfricasTalkingSmsClient({ username: 'u', apiKey: 'k', fetch });
    expect(await failure(client.send({ to: '+2217', body: 'x' }))).toMatchObject({ retryable: false, details: { code: '403' } });
    expect((await failure(client.send({ to: '+221771234567', body: 'x' }))).retryable).toBe(true);
  });
});

describe('Orange', () => {
  const token = (value: string) => json({ token_type: 'Bearer', access_token: value, expires_in: '3600' });
  const created = (id: string) => json({ outboundSMSMessageRequest: { address: ['tel:+221771234567'], senderAddress: 'tel:+221770000000', resourceURL: `https://api.orange.com/smsmessaging/v1/outbound/tel%3A%2B221770000000/requests/${id}` } }, 201);

  it('gets a client-credentials token, then posts the outbound request to the sender address', async () => {
    const { fetch, calls } = fakeFetch(token('tok1'), created('req-1'));
    const client = new OrangeSmsClient({ clientId: 'id', clientSecret: 'secret', senderAddress: '+221770000000', senderName: 'Mairie', fetch });
    expect(await client.send({ to: '+221771234567', body: 'Bonjour' })).toEqual({ externalId: 'req-1', status: 'queued' });
    expect(calls[0]).toMatchObject({ url: 'https://api.orange.com/oauth/v3/token', method: 'POST', body: 'grant_type=client_credentials' });
    expect(calls[0]?.headers.authorization).toBe(`Basic ${Buffer.from('id:secret').toString('base64')}`);
    expect(calls[1]?.url).toBe('https://api.orange.com/smsmessaging/v1/outbound/tel%3A%2B221770000000/requests');
    expect(calls[1]?.headers.authorization).toBe('Bearer tok1');
    expect(JSON.parse(calls[1]?.body ?? '')).toEqual({
      outboundSMSMessageRequest: { address: 'tel:+221771234567', senderAddress: 'tel:+221770000000', senderName: 'Mairie', outboundSMSTextMessage: { message: 'Bonjour' } },
    });
  });

  it('reuses the token until shortly before it expires', async () => {
    let now = 0;
    const { fetch, calls } = fakeFetch(token('tok1'), created('a'), created('b'), token('tok2'), created('c'));
    const client = new OrangeSmsClient({ clientId: 'id', clientSecret: 's', senderAddress: '+221770000000', fetch, now: () => now });
    await client.send({ to: '+221771234567', body: '1' });
    now = 3_000_000;
    await client.send({ to: '+221771234567', body: '2' });
    now = 3_560_000;
    await client.send({ to: '+221771234567', body: '3' });
    expect(calls.map((c) => c.url.endsWith('/token'))).toEqual([true, false, false, true, false]);
    expect(calls[4]?.headers.authorization).toBe('Bearer tok2');
  });

  it('fetches a new token once when Orange refuses the cached one', async () => {
    const { fetch, calls } = fakeFetch(token('old'), json({ code: 42, message: 'Expired credentials' }, 401), token('new'), created('d'));
    const client = new OrangeSmsClient({ clientId: 'id', clientSecret: 's', senderAddress: '+221770000000', fetch });
    expect((await client.send({ to: '+221771234567', body: 'x' })).externalId).toBe('d');
    expect(calls[3]?.headers.authorization).toBe('Bearer new');
  });

  it('marks an exhausted bundle (4xx) not retryable and a 503 retryable', async () => {
    const { fetch } = fakeFetch(token('t'), json({ requestError: { policyException: { messageId: 'POL0001' } } }, 403), json({}, 503));
    const client = new OrangeSmsClient({ clientId: 'id', clientSecret: 's', senderAddress: '+221770000000', fetch });
    expect((await failure(client.send({ to: '+221771234567', body: 'x' }))).retryable).toBe(false);
    expect((await failure(client.send({ to: '+221771234567', body: 'x' }))).retryable).toBe(true);
  });
});

describe('Twilio', () => {
  it('posts To, From, Body and StatusCallback with Basic auth, and reads sid and segments', async () => {
    const { fetch, calls } = fakeFetch(json({ sid: 'SM0123456789abcdef0123456789abcdef', status: 'queued', num_segments: '2' }, 201));
    const client = new TwilioSmsClient({ accountSid: 'AC123', authToken: 'tok', from: '+15005550006', statusCallbackUrl: 'https://palabre.example/hooks/twilio/status', fetch });
    expect(await client.send({ to: '+221771234567', body: 'Bonjour' })).toEqual({ externalId: 'SM0123456789abcdef0123456789abcdef', status: 'queued', segments: 2 });
    expect(calls[0]?.url).toBe('https://api.twilio.com/2010-04-01/Accounts/AC123/Messages.json');
    expect(calls[0]?.headers.authorization).toBe(`Basic ${Buffer.from('AC123:tok').toString('base64')}`);
    expect(Object.fromEntries(new URLSearchParams(calls[0]?.body))).toEqual({ To: '+221771234567', Body: 'Bonjour', From: '+15005550006', StatusCallback: 'https://palabre.example/hooks/twilio/status' });
  });

  it('reports Twilio error codes, 429 as retryable and a network failure as retryable', async () => {
    const { fetch } = fakeFetch(json({ code: 21211, message: "The 'To' number is not valid.", status: 400 }, 400), json({ code: 20429, status: 429 }, 429), new TypeError('fetch failed'));
    const client = new TwilioSmsClient({ accountSid: 'AC1', authToken: 't', messagingServiceSid: 'MG1', fetch });
    expect(await failure(client.send({ to: '+1', body: 'x' }))).toMatchObject({ retryable: false, details: { httpStatus: 400, code: '21211' } });
    expect((await failure(client.send({ to: '+1', body: 'x' }))).retryable).toBe(true);
    expect(await failure(client.send({ to: '+1', body: 'x' }))).toMatchObject({ retryable: true, message: 'twilio: network error: fetch failed' });
  });
});

describe('WhatsApp Cloud API', () => {
  const accepted = () => json({ messaging_product: 'whatsapp', contacts: [{ input: '221771234567', wa_id: '221771234567' }], messages: [{ id: 'wamid.HBgM' }] });

  it('sends a session text message to the messages edge with a Bearer token', async () => {
    const { fetch, calls } = fakeFetch(accepted());
    const client = new WhatsAppCloudClient({ phoneNumberId: '106540352242922', accessToken: 'EAAG', fetch });
    expect(await client.send({ to: '+221771234567', body: 'Votre plainte est enregistrée' })).toEqual({ externalId: 'wamid.HBgM', status: 'queued' });
    expect(calls[0]?.url).toBe('https://graph.facebook.com/v21.0/106540352242922/messages');
    expect(calls[0]?.headers.authorization).toBe('Bearer EAAG');
    expect(JSON.parse(calls[0]?.body ?? '')).toEqual({ messaging_product: 'whatsapp', recipient_type: 'individual', to: '221771234567', type: 'text', text: { preview_url: false, body: 'Votre plainte est enregistrée' } });
  });

  it('sends a template with body parameters', async () => {
    const { fetch, calls } = fakeFetch(accepted());
    const client = new WhatsAppCloudClient({ phoneNumberId: '1', accessToken: 't', fetch });
    await client.sendTemplate({ to: '+221771234567', template: 'complaint_update', language: 'fr', bodyParameters: ['PL-2026-00042', 'résolue'] });
    expect(JSON.parse(calls[0]?.body ?? '')).toMatchObject({
      type: 'template',
      template: { name: 'complaint_update', language: { code: 'fr' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'PL-2026-00042' }, { type: 'text', text: 'résolue' }] }] },
    });
  });

  it('treats "outside the 24-hour window" as final and a throughput limit as retryable', async () => {
    const { fetch } = fakeFetch(json({ error: { message: 'Re-engagement message', code: 131047 } }, 400), json({ error: { message: 'Rate limit hit', code: 130429 } }, 400));
    const client = new WhatsAppCloudClient({ phoneNumberId: '1', accessToken: 't', fetch });
    expect(await failure(client.send({ to: '+221771234567', body: 'x' }))).toMatchObject({ retryable: false, details: { code: '131047' } });
    expect(await failure(client.send({ to: '+221771234567', body: 'x' }))).toMatchObject({ retryable: true, details: { code: '130429' } });
  });

  it('allows free text only within 24 hours of the person’s last message', () => {
    const now = new Date('2026-11-23T12:00:00Z');
    expect(whatsAppMessageKind(new Date('2026-11-22T12:00:01Z'), now)).toBe('session');
    expect(whatsAppMessageKind(new Date('2026-11-22T12:00:00Z'), now)).toBe('template');
    expect(whatsAppMessageKind(null, now)).toBe('template');
  });
});
