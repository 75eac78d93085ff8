import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/http/errors.js';
import { pickLocalized } from '../../platform/i18n/locales.js';
import { callbackToken } from './callback-token.js';
import { parseAtInboundSms, parseAtUssd } from './providers/africas-talking-webhook.js';
import { handleInboundText } from './inbound/handle.js';
import { type RawBody, verifyUrlToken, WebhookError } from './providers/webhooks.js';
import { ussdPath, ussdReply } from './ussd/menu.js';
import { phoneLocale, ussdPorts } from './ussd/ports.js';
import { whatsAppWebhookRoutes } from './whatsapp/webhook-routes.js';

// Machine endpoints: authenticated by the callback token, not by a session, so no CSRF token either. An operator
// calls for all of a commune's callers from a few addresses: the per-address limit on posts would cut them off.
export const webhook = { config: { access: 'public' as const, policy: 'webhook' as const, csrf: false, rateLimit: false as const } };
const maxWebhookBytes = 64 * 1024;

/** Webhooks read their body as received: signatures cover the exact bytes, and parsing is the provider code's job. */
export function keepRawBodies(scope: FastifyInstance): void {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: maxWebhookBytes }, (_request, body, done) => done(null, body));
}

/** The commune whose line was called, once the callback's token proves the caller is its provider. */
function calledCommune(request: FastifyRequest<{ Querystring: { token?: string } }>) {
  const commune = request.commune;
  if (!commune) throw new AppError('COMMUNE_NOT_FOUND');
  verifyUrlToken(request.query.token, callbackToken(request.server.platform.config.sessionSecret, commune.slug, 'africastalking'));
  return commune;
}

export function refuse(reply: FastifyReply, error: unknown) {
  if (error instanceof WebhookError) return reply.code(error.httpStatus).type('text/plain').send(error.reason);
  throw error;
}

/**
 * Africa's Talking USSD: answers "CON …" (wait for input) or "END …" (close) within the operator's timeout. The
 * handler keeps no session state: the path typed so far comes with every request and is replayed.
 */
async function answerUssd(request: FastifyRequest<{ Querystring: { token?: string } }>, reply: FastifyReply) {
  const { db, messages } = request.server.platform;
  try {
    const commune = calledCommune(request);
    const call = parseAtUssd((request.body ?? '') as RawBody);
    const locale = await phoneLocale(db, commune, call.phoneNumber);
    const session = { sessionId: call.sessionId, communeName: pickLocalized(commune.name, locale)?.value ?? commune.slug, locale, t: messages.translator(locale) };
    const answer = await ussdReply(ussdPath(call.text), session, ussdPorts(db, commune, call.phoneNumber, locale));
    return reply.type('text/plain; charset=utf-8').send(`${answer.end ? 'END' : 'CON'} ${answer.text}`);
  } catch (error) {
    return refuse(reply, error);
  }
}

/** Africa's Talking two-way SMS: keywords answered by SMS, other messages kept for staff; 200 once stored. */
async function receiveSms(request: FastifyRequest<{ Querystring: { token?: string } }>, reply: FastifyReply) {
  try {
    await handleInboundText(request.server.platform, calledCommune(request), parseAtInboundSms((request.body ?? '') as RawBody), 'sms');
    return reply.type('text/plain').send('OK');
  } catch (error) {
    return refuse(reply, error);
  }
}

export async function channelWebhookRoutes(app: FastifyInstance): Promise<void> {
  await app.register(async (scope) => {
    keepRawBodies(scope);
    scope.post<{ Querystring: { token?: string } }>('/channels/ussd/africastalking', webhook, answerUssd);
    scope.post<{ Querystring: { token?: string } }>('/channels/sms/africastalking', webhook, receiveSms);
    whatsAppWebhookRoutes(scope);
  });
}
