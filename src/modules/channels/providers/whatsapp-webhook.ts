import { createHmac } from 'node:crypto';
import { asRecord } from './client.js';
import {
  type DeliveryReceipt,
  type DeliveryStatus,
  type InboundMessage,
  type RawBody,
  WebhookError,
  checkSize,
  parseJsonBody,
  phone,
  phoneOrShortCode,
  required,
  safeEqual,
} from './webhooks.js';

/**
 * Checks `X-Hub-Signature-256` (`sha256=` + hex HMAC-SHA256 of the raw body, keyed by the app secret). It must run on
 * the bytes as received: re-serialised JSON would not match.
 */
export function verifyMetaSignature(input: { appSecret: string; rawBody: RawBody; signature: string | undefined }): void {
  checkSize(input.rawBody);
  if (!input.signature) throw new WebhookError('signature', 'missing X-Hub-Signature-256');
  const expected = `sha256=${createHmac('sha256', input.appSecret).update(input.rawBody).digest('hex')}`;
  if (!safeEqual(input.signature.toLowerCase(), expected)) throw new WebhookError('signature', 'bad X-Hub-Signature-256');
}

/**
 * The GET handshake Meta makes when the webhook is configured: answer `hub.challenge` as plain text when the mode is
 * `subscribe` and the verify token is ours.
 */
export function answerMetaVerification(query: Record<string, unknown>, verifyToken: string): string {
  const mode = query['hub.mode'];
  const token = query['hub.verify_token'];
  const challenge = query['hub.challenge'];
  if (mode !== 'subscribe' || typeof token !== 'string' || !safeEqual(token, verifyToken)) throw new WebhookError('signature', 'bad verify token');
  if (typeof challenge !== 'string' || challenge === '') throw new WebhookError('malformed', 'missing hub.challenge');
  return challenge;
}

export interface WhatsAppWebhook {
  messages: InboundMessage[];
  receipts: DeliveryReceipt[];
}

const mediaTypes = new Set(['image', 'audio', 'video', 'document', 'sticker']);
const metaStatuses: Record<string, DeliveryStatus> = { sent: 'sent', delivered: 'delivered', read: 'read', played: 'read', failed: 'failed' };

/** The messages and statuses of a (verified) Cloud API webhook; other fields (template updates…) are ignored. */
export function parseWhatsAppWebhook(rawBody: RawBody): WhatsAppWebhook {
  const body = asRecord(parseJsonBody(rawBody));
  if (body.object !== 'whatsapp_business_account' || !Array.isArray(body.entry)) throw new WebhookError('malformed', 'not a WhatsApp Business webhook');
  const result: WhatsAppWebhook = { messages: [], receipts: [] };
  for (const entry of body.entry) {
    for (const change of arrayOf(asRecord(entry).changes)) {
      const { field, value } = asRecord(change);
      if (field !== 'messages') continue;
      const v = asRecord(value);
      const businessNumber = phoneOrShortCode(String(asRecord(v.metadata).display_phone_number ?? ''));
      for (const message of arrayOf(v.messages)) result.messages.push(readMessage(asRecord(message), businessNumber));
      for (const status of arrayOf(v.statuses)) result.receipts.push(readStatus(asRecord(status)));
    }
  }
  return result;
}

const arrayOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

function readMessage(m: Record<string, unknown>, to: string): InboundMessage {
  const type = required(m, 'type');
  const base = {
    provider: 'whatsapp' as const,
    externalId: required(m, 'id'),
    from: phone(required(m, 'from'), 'from'),
    to,
    receivedAt: timestampOf(m.timestamp),
  };
  const content = asRecord(m[type]);
  if (type === 'text') return { ...base, text: String(content.body ?? '') };
  if (mediaTypes.has(type)) {
    const mediaId = required(content, 'id');
    return { ...base, text: String(content.caption ?? ''), media: [{ mediaId, contentType: String(content.mime_type ?? 'application/octet-stream') }] };
  }
  const reply = asRecord(content.button_reply ?? content.list_reply);
  if (type === 'interactive' && typeof reply.id === 'string') {
    const title = String(reply.title ?? '');
    return { ...base, text: title, reply: { id: reply.id, title } };
  }
  // A quick-reply button of a template message.
  if (type === 'button') {
    const text = String(content.text ?? '');
    return { ...base, text, reply: { id: String(content.payload ?? text), title: text } };
  }
  // Locations, contacts, reactions, flow replies, unsupported types: kept with empty text so staff see something
  // arrived, rather than refusing the whole batch (Meta would redeliver it forever).
  return { ...base, text: '' };
}

function readStatus(s: Record<string, unknown>): DeliveryReceipt {
  const errorCode = asRecord(arrayOf(s.errors)[0]).code;
  const recipient = typeof s.recipient_id === 'string' ? phoneOrShortCode(s.recipient_id) : '';
  return {
    provider: 'whatsapp',
    externalId: required(s, 'id'),
    status: metaStatuses[String(s.status)] ?? 'unknown',
    ...(errorCode !== undefined ? { errorCode: String(errorCode) } : {}),
    ...(recipient.startsWith('+') ? { recipient } : {}),
  };
}

/** Meta timestamps are Unix seconds as a string. */
function timestampOf(raw: unknown): Date {
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new WebhookError('malformed', 'bad timestamp');
  return new Date(seconds * 1000);
}
