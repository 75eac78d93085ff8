import { createHash, timingSafeEqual } from 'node:crypto';
import type { ProviderName } from './client.js';
import { toE164 } from './phone.js';

/** A message a person sent to the commune, whatever the provider. */
export interface InboundMessage {
  /** `simulator`: typed by staff on the demo's simulated phone. */
  provider: ProviderName | 'simulator';
  /** The provider's message id; always present so the caller can refuse a redelivered webhook. */
  externalId: string;
  /** The sender, E.164. */
  from: string;
  /** The commune's number in E.164, or a short code as the provider wrote it (e.g. `20880`). */
  to: string;
  text: string;
  receivedAt: Date;
  media?: InboundMedia[];
  /** A tapped WhatsApp button or list row: its id is what the flow matches on, `text` holds its title. */
  reply?: { id: string; title: string };
}

/** A photo or voice note: Twilio gives a URL, Meta a media id to resolve with the access token. */
export type InboundMedia = { url: string; contentType: string } | { mediaId: string; contentType: string };

export type DeliveryStatus = 'queued' | 'sent' | 'delivered' | 'read' | 'failed' | 'unknown';

/** What a provider says became of a message we sent. */
export interface DeliveryReceipt {
  provider: ProviderName;
  /** The id `send` returned (see the provider notes in docs/modules/channels.md for Orange). */
  externalId: string;
  status: DeliveryStatus;
  errorCode?: string;
  /** The recipient, E.164, when the receipt names one. */
  recipient?: string;
}

export type WebhookErrorReason = 'signature' | 'malformed' | 'too-large';

/** A webhook to refuse: the route answers `httpStatus` and stores nothing. */
export class WebhookError extends Error {
  override readonly name = 'WebhookError';
  readonly httpStatus: number;
  constructor(
    readonly reason: WebhookErrorReason,
    message: string,
  ) {
    super(message);
    this.httpStatus = reason === 'signature' ? 403 : reason === 'too-large' ? 413 : 400;
  }
}

/** Provider callbacks are small (a text message, a status); anything bigger is refused before parsing. */
export const maxWebhookBytes = 64 * 1024;

export type RawBody = string | Uint8Array;

const byteLength = (raw: RawBody): number => (typeof raw === 'string' ? Buffer.byteLength(raw) : raw.byteLength);
export const rawText = (raw: RawBody): string => (typeof raw === 'string' ? raw : Buffer.from(raw).toString('utf8'));

export function checkSize(raw: RawBody, limit = maxWebhookBytes): void {
  if (byteLength(raw) > limit) throw new WebhookError('too-large', `webhook body over ${limit} bytes`);
}

/** An `application/x-www-form-urlencoded` body as ordered pairs (Twilio signs every pair). */
export function parseFormBody(raw: RawBody): [string, string][] {
  checkSize(raw);
  return [...new URLSearchParams(rawText(raw)).entries()];
}

export function parseJsonBody(raw: RawBody): unknown {
  checkSize(raw);
  try {
    return JSON.parse(rawText(raw));
  } catch {
    throw new WebhookError('malformed', 'body is not JSON');
  }
}

/**
 * Constant-time string comparison. Hashing both sides first makes the lengths equal, so neither the content nor
 * the length of the secret leaks through timing.
 */
export function safeEqual(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(a), digest(b)) && a === b;
}

/**
 * For providers that do not sign callbacks (Africa's Talking; Orange as far as its public docs say): the callback
 * URL registered with the provider carries a long random secret, e.g. `/hooks/at/<token>`, checked here.
 */
export function verifyUrlToken(provided: string | undefined, expected: string): void {
  if (!expected) throw new Error('no callback token configured');
  if (provided === undefined || !safeEqual(provided, expected)) throw new WebhookError('signature', 'bad callback token');
}

/** Field access for form pairs: the first value of each name. */
export function formFields(pairs: [string, string][]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, value] of pairs) if (!(key in fields)) fields[key] = value;
  return fields;
}

export function required(fields: Record<string, unknown>, name: string): string {
  const value = fields[name];
  if (typeof value !== 'string' || value === '') throw new WebhookError('malformed', `missing ${name}`);
  return value;
}

export function phone(raw: string, what: string): string {
  const e164 = toE164(raw);
  if (!e164) throw new WebhookError('malformed', `${what} is not an international phone number`);
  return e164;
}

/** A phone number in E.164 when it is one, else the short code as written. */
export const phoneOrShortCode = (raw: string): string => toE164(raw) ?? raw.trim();

/** A stable id for providers whose payload has none: the same callback redelivered gets the same id. */
export const derivedId = (prefix: string, ...parts: string[]): string => `${prefix}-${createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32)}`;

export function parseDate(raw: string | undefined, fallback: Date): Date {
  if (!raw) return fallback;
  // "2006-01-02 15:04:05" (AT) is UTC without a zone; make it ISO before parsing.
  const iso = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?$/.test(raw) ? `${raw.replace(' ', 'T')}Z` : raw;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new WebhookError('malformed', `bad date ${raw}`);
  return date;
}
