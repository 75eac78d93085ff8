import { createHmac } from 'node:crypto';
import {
  type DeliveryReceipt,
  type DeliveryStatus,
  type InboundMedia,
  type InboundMessage,
  type RawBody,
  WebhookError,
  formFields,
  parseFormBody,
  phone,
  phoneOrShortCode,
  required,
  safeEqual,
} from './webhooks.js';

/**
 * Twilio's request signature: base64 HMAC-SHA1, keyed by the auth token, of the full URL Twilio called (query string
 * included) followed by every POST parameter name and value, sorted by name.
 */
export function twilioSignature(authToken: string, url: string, params: [string, string][]): string {
  const sorted = [...params].sort(([ak, av], [bk, bv]) => (ak === bk ? compare(av, bv) : compare(ak, bk)));
  const data = url + sorted.map(([key, value]) => key + value).join('');
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

/** Code-unit order, as Twilio's libraries sort. */
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Behind a proxy the URL may be seen with or without the default port; Twilio's own validators accept both.
 * Returns the variants to try.
 */
function urlVariants(url: string): string[] {
  const defaultPort = url.startsWith('https:') ? '443' : '80';
  // WHATWG URL drops a default port, so look at the authority as written.
  const match = /^(https?:\/\/[^/?#:]+)(?::(\d+))?(.*)$/s.exec(url);
  if (!match) return [url];
  const [, origin, port, rest] = match;
  if (port === undefined) return [url, `${origin}:${defaultPort}${rest}`];
  return port === defaultPort ? [url, `${origin}${rest}`] : [url];
}

/**
 * Checks `X-Twilio-Signature` for a form-encoded webhook and returns its parameters. `url` must be the public URL
 * Twilio was given (scheme, host, path and query), not the one the proxy forwarded.
 */
export function verifyTwilioRequest(input: { authToken: string; url: string; rawBody: RawBody; signature: string | undefined }): [string, string][] {
  const params = parseFormBody(input.rawBody);
  const { signature } = input;
  if (!signature) throw new WebhookError('signature', 'missing X-Twilio-Signature');
  const valid = urlVariants(input.url).some((url) => safeEqual(twilioSignature(input.authToken, url, params), signature));
  if (!valid) throw new WebhookError('signature', 'bad X-Twilio-Signature');
  return params;
}

/** An incoming SMS (or WhatsApp via Twilio) with its MediaUrl{i}/MediaContentType{i} attachments. */
export function parseTwilioInbound(params: [string, string][], receivedAt: Date = new Date()): InboundMessage {
  const fields = formFields(params);
  const count = Math.min(Number(fields.NumMedia ?? 0) || 0, 10);
  const media: InboundMedia[] = [];
  for (let i = 0; i < count; i++) {
    const url = fields[`MediaUrl${i}`];
    if (url) media.push({ url, contentType: fields[`MediaContentType${i}`] ?? 'application/octet-stream' });
  }
  return {
    provider: 'twilio',
    externalId: required(fields, 'MessageSid'),
    from: phone(required(fields, 'From'), 'From'),
    to: phoneOrShortCode(required(fields, 'To')),
    text: fields.Body ?? '',
    // Twilio sends no timestamp with an incoming message: the time it reached us is the best there is.
    receivedAt,
    ...(media.length ? { media } : {}),
  };
}

const twilioStatuses: Record<string, DeliveryStatus> = {
  accepted: 'queued',
  scheduled: 'queued',
  queued: 'queued',
  sending: 'queued',
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  undelivered: 'failed',
  failed: 'failed',
  canceled: 'failed',
};

/** A status callback: `MessageStatus`, and `ErrorCode` (e.g. 21610: the person sent STOP). */
export function parseTwilioStatus(params: [string, string][]): DeliveryReceipt {
  const fields = formFields(params);
  const status = required(fields, 'MessageStatus');
  return {
    provider: 'twilio',
    externalId: required(fields, 'MessageSid'),
    status: twilioStatuses[status] ?? 'unknown',
    ...(fields.ErrorCode ? { errorCode: fields.ErrorCode } : {}),
    ...(fields.To && phoneOrShortCode(fields.To).startsWith('+') ? { recipient: phoneOrShortCode(fields.To) } : {}),
  };
}
