import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseAtDeliveryReport, parseAtInboundSms, parseAtUssd } from './africas-talking-webhook.js';
import { parseOrangeDeliveryReceipt, parseOrangeInbound } from './orange-webhook.js';
import { toE164 } from './phone.js';
import { parseTwilioInbound, parseTwilioStatus, twilioSignature, verifyTwilioRequest } from './twilio-webhook.js';
import { WebhookError, maxWebhookBytes, safeEqual, verifyUrlToken } from './webhooks.js';
import { answerMetaVerification, parseWhatsAppWebhook, verifyMetaSignature } from './whatsapp-webhook.js';

function refusal(run: () => unknown): WebhookError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(WebhookError);
    return error as WebhookError;
  }
  throw new Error('expected a WebhookError');
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

describe('phone numbers', () => {
  it('normalises the shapes providers use to E.164', () => {
    expect(toE164('+221 77 123 45 67')).toBe('+221771234567');
    expect(toE164('tel:+221771234567')).toBe('+221771234567');
    expect(toE164('whatsapp:+221771234567')).toBe('+221771234567');
    expect(toE164('221771234567')).toBe('+221771234567');
    expect(toE164('00221771234567')).toBe('+221771234567');
    expect(toE164('771234567', '221')).toBe('+221771234567');
    expect(toE164('0612345678', '33')).toBe('+33612345678');
    expect(toE164('20880')).toBeNull();
    expect(toE164('+0123')).toBeNull();
    expect(toE164('not a number')).toBeNull();
  });
});

describe('shared checks', () => {
  it('compares secrets in constant time and exactly', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
  });

  it('checks the callback token of unsigned providers', () => {
    expect(() => verifyUrlToken('s3cret-token', 's3cret-token')).not.toThrow();
    expect(refusal(() => verifyUrlToken('guess', 's3cret-token')).httpStatus).toBe(403);
    expect(refusal(() => verifyUrlToken(undefined, 's3cret-token')).reason).toBe('signature');
  });
});

describe('Twilio webhooks', () => {
  // The example from Twilio's request-validation documentation (also in its helper libraries' tests).
  const docUrl = 'https://mycompany.com/myapp.php?foo=1&bar=2';
  const docParams: [string, string][] = [
    ['CallSid', 'CA1234567890ABCDE'],
    ['Caller', '+14158675309'],
    ['Digits', '1234'],
    ['From', '+14158675309'],
    ['To', '+18005551212'],
  ];
  const docSignature = 'RSOYDt4T1cUTdK1PDd93/VVr8B8=';

  it("computes Twilio's documented example signature, whatever the field order", () => {
    expect(twilioSignature('12345', docUrl, docParams)).toBe(docSignature);
    expect(twilioSignature('12345', docUrl, [...docParams].reverse())).toBe(docSignature);
  });

  it('accepts the documented request and refuses a tampered parameter, URL or token', () => {
    const rawBody = new URLSearchParams(docParams).toString();
    expect(verifyTwilioRequest({ authToken: '12345', url: docUrl, rawBody, signature: docSignature })).toEqual(docParams);
    const tampered = rawBody.replace('Digits=1234', 'Digits=9999');
    expect(refusal(() => verifyTwilioRequest({ authToken: '12345', url: docUrl, rawBody: tampered, signature: docSignature })).httpStatus).toBe(403);
    expect(refusal(() => verifyTwilioRequest({ authToken: '12345', url: docUrl.replace('bar=2', 'bar=3'), rawBody, signature: docSignature })).reason).toBe('signature');
    expect(refusal(() => verifyTwilioRequest({ authToken: '54321', url: docUrl, rawBody, signature: docSignature })).reason).toBe('signature');
    expect(refusal(() => verifyTwilioRequest({ authToken: '12345', url: docUrl, rawBody, signature: undefined })).reason).toBe('signature');
  });

  it('accepts the URL with or without the default port', () => {
    const rawBody = new URLSearchParams(docParams).toString();
    expect(() => verifyTwilioRequest({ authToken: '12345', url: 'https://mycompany.com:443/myapp.php?foo=1&bar=2', rawBody, signature: docSignature })).not.toThrow();
  });

  it('parses an incoming SMS with its media', () => {
    const params: [string, string][] = [
      ['MessageSid', 'SMbe794ce78f6b9fdf853d2acb76c080db'],
      ['AccountSid', 'AC123'],
      ['From', '+221771234567'],
      ['To', '+15005550006'],
      ['Body', 'PLAINTE fuite rue 12'],
      ['NumMedia', '1'],
      ['MediaUrl0', 'https://api.twilio.com/2010-04-01/Accounts/AC123/Messages/MM1/Media/ME1'],
      ['MediaContentType0', 'image/jpeg'],
    ];
    const at = new Date('2026-11-23T10:00:00Z');
    expect(parseTwilioInbound(params, at)).toEqual({
      provider: 'twilio',
      externalId: 'SMbe794ce78f6b9fdf853d2acb76c080db',
      from: '+221771234567',
      to: '+15005550006',
      text: 'PLAINTE fuite rue 12',
      receivedAt: at,
      media: [{ url: 'https://api.twilio.com/2010-04-01/Accounts/AC123/Messages/MM1/Media/ME1', contentType: 'image/jpeg' }],
    });
    expect(parseTwilioInbound([['MessageSid', 'SM2'], ['From', 'whatsapp:+221771234567'], ['To', 'whatsapp:+15005550006'], ['Body', 'Salut']]).from).toBe('+221771234567');
  });

  it('parses status callbacks, STOP error included', () => {
    expect(parseTwilioStatus([['MessageSid', 'SM1'], ['MessageStatus', 'delivered'], ['To', '+221771234567']])).toEqual({ provider: 'twilio', externalId: 'SM1', status: 'delivered', recipient: '+221771234567' });
    expect(parseTwilioStatus([['MessageSid', 'SM2'], ['MessageStatus', 'undelivered'], ['ErrorCode', '21610']])).toMatchObject({ status: 'failed', errorCode: '21610' });
  });

  it('refuses a callback without a message id or with a bad sender', () => {
    expect(refusal(() => parseTwilioStatus([['MessageStatus', 'sent']])).httpStatus).toBe(400);
    expect(refusal(() => parseTwilioInbound([['MessageSid', 'SM1'], ['From', 'bob'], ['To', '+15005550006']])).reason).toBe('malformed');
  });

  it('refuses an oversized body before looking at it', () => {
    const rawBody = `Body=${'a'.repeat(maxWebhookBytes)}`;
    expect(refusal(() => verifyTwilioRequest({ authToken: '12345', url: docUrl, rawBody, signature: docSignature })).httpStatus).toBe(413);
  });
});

describe('WhatsApp Cloud API webhooks', () => {
  const appSecret = 'app-secret';
  const sign = (body: string) => `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
  const envelope = (value: Record<string, unknown>) =>
    JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [{ id: '102290129340398', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' }, ...value } }] }],
    });

  it('verifies X-Hub-Signature-256 with the documented HMAC-SHA256 example', () => {
    // Meta publishes no test vector; this is the documented example of the same sha256= HMAC scheme (GitHub's).
    const signature = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';
    expect(() => verifyMetaSignature({ appSecret: "It's a Secret to Everybody", rawBody: 'Hello, World!', signature })).not.toThrow();
    expect(() => verifyMetaSignature({ appSecret: "It's a Secret to Everybody", rawBody: Buffer.from('Hello, World!'), signature })).not.toThrow();
    expect(refusal(() => verifyMetaSignature({ appSecret: "It's a Secret to Everybody", rawBody: 'Hello, World?', signature })).httpStatus).toBe(403);
  });

  it('refuses a tampered body, a wrong secret and a missing header', () => {
    const body = envelope({ messages: [] });
    expect(() => verifyMetaSignature({ appSecret, rawBody: body, signature: sign(body) })).not.toThrow();
    expect(refusal(() => verifyMetaSignature({ appSecret, rawBody: body.replace('15550783881', '15550783882'), signature: sign(body) })).reason).toBe('signature');
    expect(refusal(() => verifyMetaSignature({ appSecret: 'other', rawBody: body, signature: sign(body) })).reason).toBe('signature');
    expect(refusal(() => verifyMetaSignature({ appSecret, rawBody: body, signature: undefined })).reason).toBe('signature');
  });

  it('answers the verification handshake only with our verify token', () => {
    expect(answerMetaVerification({ 'hub.mode': 'subscribe', 'hub.verify_token': 'tok', 'hub.challenge': '1158201444' }, 'tok')).toBe('1158201444');
    expect(refusal(() => answerMetaVerification({ 'hub.mode': 'subscribe', 'hub.verify_token': 'nope', 'hub.challenge': '1' }, 'tok')).httpStatus).toBe(403);
    expect(refusal(() => answerMetaVerification({ 'hub.mode': 'unsubscribe', 'hub.verify_token': 'tok', 'hub.challenge': '1' }, 'tok')).reason).toBe('signature');
  });

  it('parses text, image and interactive messages', () => {
    const body = envelope({
      contacts: [{ profile: { name: 'Awa' }, wa_id: '221771234567' }],
      messages: [
        { from: '221771234567', id: 'wamid.text1', timestamp: '1763892000', type: 'text', text: { body: 'SUIVI PL-2026-00042' } },
        { from: '221771234567', id: 'wamid.img1', timestamp: '1763892060', type: 'image', image: { id: '1479537139650973', mime_type: 'image/jpeg', sha256: 'abc', caption: 'Le caniveau' } },
        { from: '221771234567', id: 'wamid.btn1', timestamp: '1763892120', type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: 'report', title: 'Signaler' } } },
        { from: '221771234567', id: 'wamid.list1', timestamp: '1763892180', type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: 'cat-2', title: 'Eau', description: 'Fuites' } } },
      ],
    });
    const { messages, receipts } = parseWhatsAppWebhook(body);
    expect(receipts).toEqual([]);
    expect(messages[0]).toEqual({ provider: 'whatsapp', externalId: 'wamid.text1', from: '+221771234567', to: '+15550783881', text: 'SUIVI PL-2026-00042', receivedAt: new Date(1763892000 * 1000) });
    expect(messages[1]).toMatchObject({ text: 'Le caniveau', media: [{ mediaId: '1479537139650973', contentType: 'image/jpeg' }] });
    expect(messages[2]).toMatchObject({ text: 'Signaler', reply: { id: 'report', title: 'Signaler' } });
    expect(messages[3]).toMatchObject({ reply: { id: 'cat-2', title: 'Eau' } });
  });

  it('keeps message types it does not read, with empty text, instead of refusing the batch', () => {
    const body = envelope({
      messages: [
        { from: '221771234567', id: 'wamid.loc', timestamp: '1763892000', type: 'location', location: { latitude: 16.03, longitude: -16.5 } },
        { from: '221771234567', id: 'wamid.flow', timestamp: '1763892000', type: 'interactive', interactive: { type: 'nfm_reply', nfm_reply: { response_json: '{}' } } },
      ],
    });
    expect(parseWhatsAppWebhook(body).messages.map((m) => [m.externalId, m.text, m.reply])).toEqual([
      ['wamid.loc', '', undefined],
      ['wamid.flow', '', undefined],
    ]);
  });

  it('parses statuses, with the error code of a failure', () => {
    const body = envelope({
      statuses: [
        { id: 'wamid.out1', status: 'delivered', timestamp: '1763892000', recipient_id: '221771234567' },
        { id: 'wamid.out2', status: 'failed', timestamp: '1763892000', recipient_id: '221771234567', errors: [{ code: 131047, title: 'Re-engagement message' }] },
      ],
    });
    expect(parseWhatsAppWebhook(body).receipts).toEqual([
      { provider: 'whatsapp', externalId: 'wamid.out1', status: 'delivered', recipient: '+221771234567' },
      { provider: 'whatsapp', externalId: 'wamid.out2', status: 'failed', errorCode: '131047', recipient: '+221771234567' },
    ]);
  });

  it('refuses malformed and oversized payloads', () => {
    expect(refusal(() => parseWhatsAppWebhook('{not json')).httpStatus).toBe(400);
    expect(refusal(() => parseWhatsAppWebhook('{"object":"page","entry":[]}')).reason).toBe('malformed');
    expect(refusal(() => parseWhatsAppWebhook(envelope({ messages: [{ from: '221771234567', type: 'text', timestamp: '1', text: { body: 'x' } }] }))).reason).toBe('malformed');
    expect(refusal(() => parseWhatsAppWebhook(envelope({ messages: [], pad: 'x'.repeat(maxWebhookBytes) }))).httpStatus).toBe(413);
    const big = envelope({ pad: 'x'.repeat(maxWebhookBytes) });
    expect(refusal(() => verifyMetaSignature({ appSecret, rawBody: big, signature: sign(big) })).reason).toBe('too-large');
  });
});

describe("Africa's Talking callbacks", () => {
  it('parses an incoming SMS with either date form', () => {
    const body = form({ from: '+221771234567', to: '20880', text: 'PLAINTE eau', date: '2026-11-23 10:15:00', id: 'ATPid_abc', linkId: 'SampleLinkId123' });
    expect(parseAtInboundSms(body)).toEqual({
      provider: 'africastalking',
      externalId: 'ATPid_abc',
      from: '+221771234567',
      to: '20880',
      text: 'PLAINTE eau',
      receivedAt: new Date('2026-11-23T10:15:00Z'),
      linkId: 'SampleLinkId123',
    });
    expect(parseAtInboundSms(form({ from: '+221771234567', to: '20880', text: 'x', date: '2026-11-23T10:15:00Z', id: 'ATPid_2' })).receivedAt).toEqual(new Date('2026-11-23T10:15:00Z'));
  });

  it('parses delivery reports', () => {
    expect(parseAtDeliveryReport(form({ id: 'ATXid_1', status: 'Success', phoneNumber: '+221771234567', networkCode: '60802' }))).toEqual({ provider: 'africastalking', externalId: 'ATXid_1', status: 'delivered', recipient: '+221771234567' });
    expect(parseAtDeliveryReport(form({ id: 'ATXid_2', status: 'Failed', failureReason: 'UserInBlacklist' }))).toMatchObject({ status: 'failed', errorCode: 'UserInBlacklist' });
    expect(parseAtDeliveryReport(form({ id: 'ATXid_3', status: 'Buffered' })).status).toBe('sent');
  });

  it('parses a USSD step', () => {
    expect(parseAtUssd(form({ sessionId: 'ATUid_1', serviceCode: '*384*1234#', phoneNumber: '+221771234567', networkCode: '60802', text: '1*2' }))).toEqual({
      sessionId: 'ATUid_1',
      serviceCode: '*384*1234#',
      phoneNumber: '+221771234567',
      networkCode: '60802',
      text: '1*2',
    });
    expect(parseAtUssd(form({ sessionId: 'ATUid_1', serviceCode: '*384#', phoneNumber: '+221771234567' })).text).toBe('');
  });

  it('refuses missing ids, bad numbers and bad dates', () => {
    expect(refusal(() => parseAtInboundSms(form({ from: '+221771234567', to: '20880', text: 'x' }))).httpStatus).toBe(400);
    expect(refusal(() => parseAtInboundSms(form({ from: 'x', to: '20880', text: 'x', id: '1' }))).reason).toBe('malformed');
    expect(refusal(() => parseAtInboundSms(form({ from: '+221771234567', to: '20880', text: 'x', id: '1', date: 'yesterday' }))).reason).toBe('malformed');
    expect(refusal(() => parseAtUssd(form({ serviceCode: '*384#', phoneNumber: '+221771234567' }))).reason).toBe('malformed');
    expect(refusal(() => parseAtDeliveryReport(form({ status: 'Success' }))).reason).toBe('malformed');
  });
});

describe('Orange callbacks', () => {
  const mo = (extra: Record<string, unknown> = {}) =>
    JSON.stringify({ inboundSMSMessageNotification: { inboundSMSMessage: { senderAddress: 'tel:+221771234567', destinationAddress: 'tel:+221770000000', message: 'SUIVI PL-2026-00042', dateTime: '2026-11-23T10:15:00Z', ...extra } } });

  it('parses an incoming SMS, using its messageId when given', () => {
    expect(parseOrangeInbound(mo({ messageId: 'mo-77' }))).toEqual({
      provider: 'orange',
      externalId: 'mo-77',
      from: '+221771234567',
      to: '+221770000000',
      text: 'SUIVI PL-2026-00042',
      receivedAt: new Date('2026-11-23T10:15:00Z'),
    });
  });

  it('derives a stable id when Orange gives none, so a redelivery is recognised', () => {
    const first = parseOrangeInbound(mo()).externalId;
    expect(first).toMatch(/^orange-mo-[0-9a-f]{32}$/);
    expect(parseOrangeInbound(mo()).externalId).toBe(first);
    expect(parseOrangeInbound(mo({ message: 'autre' })).externalId).not.toBe(first);
  });

  it('parses delivery receipts', () => {
    const dr = (info: Record<string, unknown>, callbackData = '') => JSON.stringify({ deliveryInfoNotification: { callbackData, deliveryInfo: { address: 'tel:+221771234567', ...info } } });
    expect(parseOrangeDeliveryReceipt(dr({ deliveryStatus: 'DeliveredToTerminal' }, 'msg-9'))).toEqual({ provider: 'orange', externalId: 'msg-9', status: 'delivered', recipient: '+221771234567' });
    expect(parseOrangeDeliveryReceipt(dr({ deliveryStatus: 'DeliveryImpossible' })).status).toBe('failed');
    expect(parseOrangeDeliveryReceipt(dr({ deliveryStatus: 'DeliveryImpossible' })).externalId).toMatch(/^orange-dr-/);
  });

  it('refuses malformed payloads', () => {
    expect(refusal(() => parseOrangeInbound('{}')).httpStatus).toBe(400);
    expect(refusal(() => parseOrangeInbound('<xml/>')).reason).toBe('malformed');
    expect(refusal(() => parseOrangeDeliveryReceipt(JSON.stringify({ deliveryInfoNotification: { deliveryInfo: { address: 'tel:+221771234567' } } }))).reason).toBe('malformed');
  });
});
