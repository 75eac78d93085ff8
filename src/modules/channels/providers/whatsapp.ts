import { type FetchLike, type ProviderClient, type SendRequest, type SendResult, asRecord, callProvider, unreadable } from './client.js';

export interface WhatsAppConfig {
  /** The business phone number's id (not the number itself). */
  phoneNumberId: string;
  /** A system-user access token. */
  accessToken: string;
  graphVersion?: string;
  fetch?: FetchLike;
}

export interface TemplateMessage {
  to: string;
  /** An approved template's name and language code (e.g. `fr`, `en_US`). */
  template: string;
  language: string;
  /** Values for the template body's {{1}}, {{2}}… in order. */
  bodyParameters?: string[];
}

/** Meta's "customer service window": free-form messages are allowed for 24 hours after the person's last message. */
export const sessionWindowMs = 24 * 60 * 60 * 1000;

/**
 * Which kind of message may be sent now: `session` (free text) inside the 24-hour window opened by the person's
 * last inbound message, otherwise only an approved `template`.
 */
export function whatsAppMessageKind(lastInboundAt: Date | null, now: Date = new Date()): 'session' | 'template' {
  return lastInboundAt !== null && now.getTime() - lastInboundAt.getTime() < sessionWindowMs ? 'session' : 'template';
}

/**
 * Meta error codes worth a retry although answered with a 4xx: 4 and 80007 (app/account rate limits), 130429
 * (throughput), 131048 (spam rate limit), 131056 (too many messages to one person), 131000 and 2 (temporary).
 * 131047 (outside the 24-hour window) is not: send a template instead.
 */
const retryableMetaCodes = new Set(['2', '4', '80007', '130429', '131000', '131048', '131056']);
export const outsideSessionWindowCode = '131047';

/** WhatsApp Cloud API: JSON POST to the Graph `messages` edge of the business number, Bearer token. */
export class WhatsAppCloudClient implements ProviderClient {
  readonly provider = 'whatsapp' as const;
  constructor(private readonly config: WhatsAppConfig) {}

  /** A free-text (session) message; only valid inside the 24-hour window (see `whatsAppMessageKind`). */
  send(message: SendRequest): Promise<SendResult> {
    return this.post({ to: toWaId(message.to), type: 'text', text: { preview_url: false, body: message.body } });
  }

  /** An approved template message: the only kind allowed outside the 24-hour window. */
  sendTemplate(message: TemplateMessage): Promise<SendResult> {
    const parameters = (message.bodyParameters ?? []).map((text) => ({ type: 'text', text }));
    return this.post({
      to: toWaId(message.to),
      type: 'template',
      template: { name: message.template, language: { code: message.language }, ...(parameters.length ? { components: [{ type: 'body', parameters }] } : {}) },
    });
  }

  private async post(payload: Record<string, unknown>): Promise<SendResult> {
    const url = `https://graph.facebook.com/${this.config.graphVersion ?? 'v21.0'}/${encodeURIComponent(this.config.phoneNumberId)}/messages`;
    const { json } = await callProvider(
      this.provider,
      this.config.fetch ?? globalThis.fetch,
      url,
      {
        method: 'POST',
        headers: { Authorization: `Bearer ${this.config.accessToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ messaging_product: 'whatsapp', recipient_type: 'individual', ...payload }),
      },
      retryableMetaCodes,
    );
    const messages = asRecord(json).messages;
    const id = Array.isArray(messages) ? asRecord(messages[0]).id : undefined;
    if (typeof id !== 'string') throw unreadable(this.provider, 'no message id');
    return { externalId: id, status: 'queued' };
  }
}

/** WhatsApp ids are the international number without `+`. */
const toWaId = (e164: string): string => e164.replace(/^\+/, '');
