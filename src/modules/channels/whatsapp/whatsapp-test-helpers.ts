import { createHmac } from 'node:crypto';
import type { TestApp } from '../../../test-support/test-app.js';
import { providersOf } from '../provider-config.js';

/** WhatsApp settings for the two demo communes, for `createTestApp({ env: whatsAppTestEnv })`. */
export const whatsAppTestEnv = {
  CHANNEL_PROVIDERS: JSON.stringify({
    'ndar-toute': { whatsapp: { phoneNumberId: '100100', accessToken: 'ndar-access-token', appSecret: 'ndar-app-secret', verifyToken: 'ndar-verify-token', graphVersion: 'v21.0' } },
    'tiznit-el-jadida': { whatsapp: { phoneNumberId: '200200', accessToken: 'tiznit-access-token', appSecret: 'tiznit-app-secret', verifyToken: 'tiznit-verify-token' } },
  }),
};

export const signMeta = (appSecret: string, body: string) => `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;

/** A Cloud API webhook carrying messages and/or statuses, as Meta posts it. */
export function metaPayload(value: { contacts?: unknown[]; messages?: unknown[]; statuses?: unknown[] }): string {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: 'WABA_ID', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '221338000000', phone_number_id: '100100' }, ...value } }] }],
  });
}

let counter = 0;

/**
 * Plays a phone writing to a commune's WhatsApp number, as Meta would: each message is a signed webhook (the
 * commune's app secret unless `appSecret` is given). Returns the HTTP status; `replies()` reads what the commune sent
 * back to this phone (the outbox, in tests).
 */
export function whatsAppPhone(t: TestApp, communeSlug: string, phone: string, options: { appSecret?: string } = {}) {
  const waId = phone.replace(/^\+/, '');
  const secret = () => options.appSecret ?? providersOf(t.services.config, communeSlug).whatsapp!.appSecret;
  const post = async (body: string, signature: string | null = signMeta(secret(), body)) => {
    const response = await t.app.inject({ method: 'POST', url: `/${communeSlug}/channels/whatsapp`, headers: { 'content-type': 'application/json', ...(signature === null ? {} : { 'x-hub-signature-256': signature }) }, payload: body });
    return response.statusCode;
  };
  const message = (content: Record<string, unknown>, id = `wamid.TEST${++counter}${Date.now()}`) => ({ from: waId, id, timestamp: String(Math.floor(Date.now() / 1000)), ...content });
  const send = (content: Record<string, unknown>, id?: string) => post(metaPayload({ contacts: [{ profile: { name: 'Test' }, wa_id: waId }], messages: [message(content, id)] }));
  return {
    post,
    /** A text message; pass `id` to redeliver the same message. */
    text: (body: string, id?: string) => send({ type: 'text', text: { body } }, id),
    /** A tapped interactive button. */
    tap: (replyId: string, title: string) => send({ type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: replyId, title } } }),
    /** A photo (or document, with `type: 'document'`), identified by Meta's media id. */
    media: (mediaId: string, mimeType: string, type: 'image' | 'document' = 'image') => send({ type, [type]: { id: mediaId, mime_type: mimeType } }),
    /** What the commune sent to this phone by WhatsApp, oldest first. */
    replies: async () =>
      (await t.services.db.selectFrom('outbox_messages').select(['body', 'purpose']).where('recipient', '=', phone).where('channel', '=', 'whatsapp').orderBy('created_at').execute()),
  };
}
