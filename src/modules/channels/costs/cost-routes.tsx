import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/audit.js';
import { publicBaseUrl } from '../../../platform/config/config.js';
import type { Commune } from '../../../platform/db/platform-tables.js';
import { AppError } from '../../../platform/http/errors.js';
import { emptyForm, type FormState, parseForm } from '../../../platform/http/forms.js';
import { redirectWithFlash, sendPage } from '../../../platform/http/render.js';
import { hasRole } from '../../../platform/permissions/actor.js';
import { definePolicy } from '../../../platform/permissions/authorize.js';
import { adminOnly, staffOnly } from '../../../platform/permissions/route-access.js';
import { callbackPaths } from '../delivery-routes.js';
import { type CommuneProviders, providersOf } from '../provider-config.js';
import { type CallbackLink, CostPage } from './cost-views.js';
import { costReport, setMonthlyCap } from './costs.js';

/** Staff read what the messages cost; only the commune's administrators decide how much may be spent. */
export const channelCostsPolicy = definePolicy<{ 'channels.costs.view': { communeId: string }; 'channels.costs.cap': { communeId: string } }>({
  'channels.costs.view': (actor, r) => actor.isPlatformAdmin || hasRole(actor, r.communeId, 'staff', 'admin'),
  'channels.costs.cap': (actor, r) => actor.isPlatformAdmin || hasRole(actor, r.communeId, 'admin'),
});

// Empty: no cap. At most nine digits, and never 0 (the database refuses a cap of 0: that is "send nothing").
const capSchema = z.object({
  cap: z
    .string()
    .trim()
    .regex(/^([1-9]\d{0,8})?$/, 'channels.costs.cap_invalid')
    .transform((value) => (value ? Number(value) : null)),
});

function communeOf(request: FastifyRequest): Commune {
  if (!request.commune) throw new AppError('COMMUNE_NOT_FOUND');
  return request.commune;
}

/** The callback addresses of the providers the commune configured (Twilio's status address goes with each message). */
function callbacksFor(slug: string, providers: CommuneProviders, baseUrl: string, secret: string): CallbackLink[] {
  const paths = callbackPaths(slug, secret);
  const link = (labelKey: string, path: string) => ({ labelKey, url: `${baseUrl}${path}` });
  switch (providers.sms?.provider) {
    case 'africastalking':
      return [link('channels.costs.cb_at_sms', paths.africastalkingSms), link('channels.costs.cb_at_receipts', paths.africastalkingReceipts)];
    case 'orange':
      return [link('channels.costs.cb_orange_sms', paths.orangeSms), link('channels.costs.cb_orange_receipts', paths.orangeReceipts)];
    case 'twilio':
      return [link('channels.costs.cb_twilio_sms', paths.twilioSms), link('channels.costs.cb_twilio_receipts', paths.twilioReceipts)];
    default:
      return [];
  }
}

async function showCosts(request: FastifyRequest, reply: FastifyReply, capForm: FormState<{ cap: string }> | null, status = 200) {
  const commune = communeOf(request);
  channelCostsPolicy.authorize(request.actor, 'channels.costs.view', { communeId: commune.id });
  const { config, db } = request.server.platform;
  const report = await costReport(db, commune);
  const providers = providersOf(config, commune.slug);
  const callbacks = callbacksFor(commune.slug, providers, publicBaseUrl(config), config.sessionSecret);
  const canSetCap = channelCostsPolicy.can(request.actor, 'channels.costs.cap', { communeId: commune.id });
  const form = capForm ?? emptyForm({ cap: report.usage.cap === null ? '' : String(report.usage.cap) });
  return sendPage(request, reply, (ctx) => <CostPage ctx={ctx} report={report} providers={providers} callbacks={callbacks} canSetCap={canSetCap} capForm={form} />, status);
}

export function channelCostRoutes(app: FastifyInstance): void {
  app.get('/channels/costs', { config: { access: staffOnly } }, (request, reply) => showCosts(request, reply, null));

  app.post('/channels/costs/cap', { config: { access: adminOnly } }, async (request, reply) => {
    const commune = communeOf(request);
    channelCostsPolicy.authorize(request.actor, 'channels.costs.cap', { communeId: commune.id });
    const parsed = parseForm(capSchema, request.body);
    if (!parsed.ok) return showCosts(request, reply, parsed.form, 400);
    const { db } = request.server.platform;
    const previous = await setMonthlyCap(db, commune.id, parsed.data.cap);
    await recordAudit(db, { communeId: commune.id, actorUserId: request.actor.user?.id ?? null, action: 'channels.cap_changed', resourceType: 'channel_settings', resourceId: commune.id, ip: request.ip, details: { from: previous, to: parsed.data.cap } });
    return redirectWithFlash(reply, `/${commune.slug}/admin/channels/costs`, 'channels.costs.cap_saved');
  });
}
