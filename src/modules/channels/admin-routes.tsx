import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { normalisePhone } from '../../platform/auth/identifier.js';
import { publicBaseUrl } from '../../platform/config/config.js';
import { AppError } from '../../platform/http/errors.js';
import { sendPage } from '../../platform/http/render.js';
import { pickLocalized } from '../../platform/i18n/locales.js';
import { hasRole } from '../../platform/permissions/actor.js';
import { definePolicy } from '../../platform/permissions/authorize.js';
import { staffOnly } from '../../platform/permissions/route-access.js';
import { callbackToken, ussdCallbackPath } from './callback-token.js';
import { ChannelsPage, type SimulatorState } from './admin-views.js';
import { inboxRoutes } from './inbox/inbox-routes.js';
import { smsSimulatorRoutes } from './simulator/sms-simulator.js';
import { waitingCount } from './inbox/inbox-queries.js';
import { channelCostRoutes } from './costs/cost-routes.js';
import { broadcastRoutes } from './broadcasts/routes.js';
import { ussdReply } from './ussd/menu.js';
import { phoneLocale, ussdPorts } from './ussd/ports.js';
import { whatsAppSimulatorRoutes } from './whatsapp/simulator-routes.js';
import { channelStatisticsAdminRoutes } from './statistics/statistics-routes.js';

const staff = { config: { access: staffOnly } };

/** The commune's staff see the channels' settings; in demo mode they can also play a phone on the USSD line. */
export const channelsPolicy = definePolicy<{ 'channels.view': { communeId: string } }>({
  'channels.view': (actor, r) => actor.isPlatformAdmin || hasRole(actor, r.communeId, 'staff', 'admin'),
});

const simulatorSchema = z.object({
  phone: z.string().trim().max(20),
  session: z.string().trim().max(60).optional(),
  path: z.string().max(1000).optional(),
  input: z.string().trim().max(160).optional(),
  restart: z.string().optional(),
});

export function viewer(request: FastifyRequest) {
  const commune = request.commune;
  if (!commune) throw new AppError('COMMUNE_NOT_FOUND');
  channelsPolicy.authorize(request.actor, 'channels.view', { communeId: commune.id });
  return commune;
}

/** One step of the simulator: the same menu and the same ports as the operator's callback, without the HTTP hop. */
async function simulate(request: FastifyRequest, body: z.output<typeof simulatorSchema>): Promise<SimulatorState> {
  const commune = viewer(request);
  const { db, messages } = request.server.platform;
  const phone = normalisePhone(body.phone, commune.country);
  if (!phone) return { phone: body.phone, session: '', path: [], screen: null, end: false, error: 'channels.simulator.bad_phone' };
  const path = body.restart ? [] : [...(body.path ? body.path.split('*') : []), ...(body.input ? [body.input] : [])];
  const session = body.restart || !body.session ? `SIM_${randomUUID()}` : body.session;
  const locale = await phoneLocale(db, commune, phone);
  const ussd = { sessionId: session, communeName: pickLocalized(commune.name, locale)?.value ?? commune.slug, locale, t: messages.translator(locale) };
  const answer = await ussdReply(path, ussd, ussdPorts(db, commune, phone, locale));
  return { phone, session, path, screen: answer.text, end: answer.end, error: null };
}

export function channelAdminRoutes(app: FastifyInstance): void {
  channelStatisticsAdminRoutes(app);
  const { config } = app.platform;
  channelCostRoutes(app);
  broadcastRoutes(app);
  const callbackUrl = (slug: string) => `${publicBaseUrl(config)}${ussdCallbackPath(slug, callbackToken(config.sessionSecret, slug, 'africastalking'))}`;

  inboxRoutes(app);
  smsSimulatorRoutes(app);

  app.get('/channels', staff, async (request, reply) => {
    const commune = viewer(request);
    const waiting = await waitingCount(app.platform.db, commune.id);
    return sendPage(request, reply, (ctx) => <ChannelsPage ctx={ctx} callbackUrl={callbackUrl(commune.slug)} demo={config.demoMode} simulator={null} waiting={waiting} />);
  });

  app.post('/channels/simulator', staff, async (request, reply) => {
    const commune = viewer(request);
    if (!config.demoMode) throw new AppError('NOT_FOUND');
    const body = simulatorSchema.safeParse(request.body);
    if (!body.success) throw new AppError('BAD_REQUEST');
    const state = await simulate(request, body.data);
    const waiting = await waitingCount(app.platform.db, commune.id);
    return sendPage(request, reply, (ctx) => <ChannelsPage ctx={ctx} callbackUrl={callbackUrl(commune.slug)} demo simulator={state} waiting={waiting} />);
  });

  whatsAppSimulatorRoutes(app);
}
