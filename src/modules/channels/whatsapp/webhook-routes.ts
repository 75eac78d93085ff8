import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../platform/http/errors.js';
import { applyDeliveryReceipts } from '../delivery/log.js';
import { providersOf } from '../provider-config.js';
import { answerMetaVerification, parseWhatsAppWebhook, verifyMetaSignature } from '../providers/whatsapp-webhook.js';
import type { RawBody } from '../providers/webhooks.js';
import { refuse, webhook } from '../webhook-routes.js';
import { handleWhatsAppMessage } from './conversation.js';

/** The commune named in the URL and its WhatsApp settings; a commune without WhatsApp has no such address (404). */
function whatsAppOf(request: FastifyRequest) {
  const commune = request.commune;
  if (!commune) throw new AppError('COMMUNE_NOT_FOUND');
  const config = providersOf(request.server.platform.config, commune.slug).whatsapp;
  if (!config) throw new AppError('NOT_FOUND');
  return { commune, config };
}

/** Meta's check when the webhook is set up: the challenge back, only with the commune's verify token. */
async function verifySubscription(request: FastifyRequest, reply: FastifyReply) {
  const { config } = whatsAppOf(request);
  try {
    return reply.type('text/plain').send(answerMetaVerification(request.query as Record<string, unknown>, config.verifyToken));
  } catch (error) {
    return refuse(reply, error);
  }
}

/**
 * Messages and delivery statuses from Meta, signed with the commune's app secret over the raw bytes. Nothing is
 * stored before the signature is checked; each message is handled once per id, so a redelivery does nothing.
 */
async function receive(request: FastifyRequest, reply: FastifyReply) {
  const { commune, config } = whatsAppOf(request);
  const services = request.server.platform;
  try {
    const rawBody = (request.body ?? '') as RawBody;
    verifyMetaSignature({ appSecret: config.appSecret, rawBody, signature: request.headers['x-hub-signature-256'] as string | undefined });
    const { messages, receipts } = parseWhatsAppWebhook(rawBody);
    await applyDeliveryReceipts(services.db, commune.id, receipts);
    for (const message of messages) await handleWhatsAppMessage(services, commune, message);
    return reply.type('text/plain').send('OK');
  } catch (error) {
    return refuse(reply, error);
  }
}

/** Registered inside the webhook scope of webhook-routes.ts (raw bodies, no CSRF, no rate limit). */
export function whatsAppWebhookRoutes(scope: FastifyInstance): void {
  scope.get('/channels/whatsapp', webhook, verifySubscription);
  scope.post('/channels/whatsapp', webhook, receive);
}
