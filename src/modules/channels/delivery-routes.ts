import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { publicBaseUrl } from '../../platform/config/config.js';
import type { Commune } from '../../platform/db/platform-tables.js';
import { AppError } from '../../platform/http/errors.js';
import { optOut } from './audience/opt-outs.js';
import { callbackToken } from './callback-token.js';
import { channelsDb } from './db/tables.js';
import { applyDeliveryReceipts } from './delivery/log.js';
import { handleInboundText } from './inbound/handle.js';
import { providersOf } from './provider-config.js';
import { parseAtDeliveryReport } from './providers/africas-talking-webhook.js';
import { parseOrangeDeliveryReceipt, parseOrangeInbound } from './providers/orange-webhook.js';
import { parseTwilioInbound, parseTwilioStatus, verifyTwilioRequest } from './providers/twilio-webhook.js';
import { type DeliveryReceipt, type RawBody, verifyUrlToken } from './providers/webhooks.js';
import { keepRawBodies, refuse, webhook } from './webhook-routes.js';

type TokenRequest = FastifyRequest<{ Querystring: { token?: string } }>;

/** Twilio's error code when the person answered STOP to Twilio itself: Twilio will refuse every later message. */
const twilioRecipientStopped = '21610';

/** Where each provider posts to this commune; shown to staff so that they can configure the provider. */
export function callbackPaths(slug: string, secret: string) {
  const at = callbackToken(secret, slug, 'africastalking');
  const orange = callbackToken(secret, slug, 'orange');
  return {
    africastalkingSms: `/${slug}/channels/sms/africastalking?token=${at}`,
    africastalkingReceipts: `/${slug}/channels/receipts/africastalking?token=${at}`,
    orangeSms: `/${slug}/channels/sms/orange?token=${orange}`,
    orangeReceipts: `/${slug}/channels/receipts/orange?token=${orange}`,
    twilioSms: `/${slug}/channels/sms/twilio`,
    twilioReceipts: `/${slug}/channels/receipts/twilio`,
  };
}

function communeOf(request: FastifyRequest): Commune {
  if (!request.commune) throw new AppError('COMMUNE_NOT_FOUND');
  return request.commune;
}

/** The commune whose callback was called, once the URL's token proves the caller knows its secret. */
function tokenCommune(request: TokenRequest, provider: 'africastalking' | 'orange'): Commune {
  const commune = communeOf(request);
  verifyUrlToken(request.query.token, callbackToken(request.server.platform.config.sessionSecret, commune.slug, provider));
  return commune;
}

/**
 * A Twilio request for this commune, signature checked with the commune's auth token against the public URL Twilio
 * was given; a commune without Twilio has no such address (404).
 */
function twilioParams(request: FastifyRequest): { commune: Commune; params: [string, string][] } {
  const commune = communeOf(request);
  const { config } = request.server.platform;
  const sms = providersOf(config, commune.slug).sms;
  if (sms?.provider !== 'twilio') throw new AppError('NOT_FOUND');
  const signature = request.headers['x-twilio-signature'];
  const params = verifyTwilioRequest({ authToken: sms.authToken, url: publicBaseUrl(config) + request.url, rawBody: (request.body ?? '') as RawBody, signature: typeof signature === 'string' ? signature : undefined });
  return { commune, params };
}

/**
 * Orange's receipts may carry no id we know (see docs/modules/channels.md): then the receipt goes to the latest
 * Orange message sent to that number. Statuses only move forward, so a redelivered receipt still changes nothing.
 */
async function applyOrangeReceipt(request: FastifyRequest, commune: Commune, receipt: DeliveryReceipt): Promise<void> {
  const { db } = request.server.platform;
  if ((await applyDeliveryReceipts(db, commune.id, [receipt])) > 0 || !receipt.recipient) return;
  const latest = await channelsDb(db)
    .selectFrom('channel_deliveries')
    .select('external_id')
    .where('commune_id', '=', commune.id)
    .where('provider', '=', 'orange')
    .where('recipient', '=', receipt.recipient)
    .where('external_id', 'is not', null)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (latest?.external_id) await applyDeliveryReceipts(db, commune.id, [{ ...receipt, externalId: latest.external_id }]);
}

/** Twilio's STOP handling: the recipient is the receipt's `To`, else the number our log holds for that message. */
async function recordTwilioStop(request: FastifyRequest, commune: Commune, receipt: DeliveryReceipt): Promise<void> {
  const { db } = request.server.platform;
  const logged = await channelsDb(db).selectFrom('channel_deliveries').select('recipient').where('commune_id', '=', commune.id).where('provider', '=', 'twilio').where('external_id', '=', receipt.externalId).executeTakeFirst();
  const recipient = receipt.recipient ?? logged?.recipient;
  if (recipient) await optOut(db, commune.id, recipient, 'provider');
}

const ok = (reply: FastifyReply) => reply.type('text/plain').send('OK');
// Twilio reads the answer to an incoming SMS as TwiML: an empty response sends nothing back (replies go through the queue).
const emptyTwiml = (reply: FastifyReply) => reply.type('text/xml').send('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');

/** Runs a webhook handler; a refused webhook (signature, malformed, too large) answers its status and stores nothing. */
const guarded =
  <R extends FastifyRequest>(handler: (request: R, reply: FastifyReply) => Promise<unknown>) =>
  async (request: R, reply: FastifyReply) => {
    try {
      return await handler(request, reply);
    } catch (error) {
      return refuse(reply, error);
    }
  };

/** Delivery receipts and inbound SMS from Africa's Talking, Twilio and Orange (the WhatsApp webhook lives elsewhere). */
export async function channelDeliveryRoutes(app: FastifyInstance): Promise<void> {
  await app.register(async (scope) => {
    keepRawBodies(scope);
    scope.post<{ Querystring: { token?: string } }>(
      '/channels/receipts/africastalking',
      webhook,
      guarded(async (request: TokenRequest, reply) => {
        const commune = tokenCommune(request, 'africastalking');
        await applyDeliveryReceipts(request.server.platform.db, commune.id, [parseAtDeliveryReport((request.body ?? '') as RawBody)]);
        return ok(reply);
      }),
    );
    scope.post(
      '/channels/sms/twilio',
      webhook,
      guarded(async (request, reply) => {
        const { commune, params } = twilioParams(request);
        await handleInboundText(request.server.platform, commune, parseTwilioInbound(params), 'sms');
        return emptyTwiml(reply);
      }),
    );
    scope.post(
      '/channels/receipts/twilio',
      webhook,
      guarded(async (request, reply) => {
        const { commune, params } = twilioParams(request);
        const receipt = parseTwilioStatus(params);
        await applyDeliveryReceipts(request.server.platform.db, commune.id, [receipt]);
        if (receipt.errorCode === twilioRecipientStopped) await recordTwilioStop(request, commune, receipt);
        return ok(reply);
      }),
    );
    scope.post<{ Querystring: { token?: string } }>(
      '/channels/sms/orange',
      webhook,
      guarded(async (request: TokenRequest, reply) => {
        const commune = tokenCommune(request, 'orange');
        await handleInboundText(request.server.platform, commune, parseOrangeInbound((request.body ?? '') as RawBody), 'sms');
        return ok(reply);
      }),
    );
    scope.post<{ Querystring: { token?: string } }>(
      '/channels/receipts/orange',
      webhook,
      guarded(async (request: TokenRequest, reply) => {
        const commune = tokenCommune(request, 'orange');
        await applyOrangeReceipt(request, commune, parseOrangeDeliveryReceipt((request.body ?? '') as RawBody));
        return ok(reply);
      }),
    );
  });
}
