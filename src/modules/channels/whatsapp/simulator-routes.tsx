import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/audit.js';
import { normalisePhone } from '../../../platform/auth/identifier.js';
import type { Commune } from '../../../platform/db/platform-tables.js';
import type { PlatformServices } from '../../../platform/http/context.js';
import { AppError } from '../../../platform/http/errors.js';
import { sendPage } from '../../../platform/http/render.js';
import { staffOnly } from '../../../platform/permissions/route-access.js';
import { viewer } from '../admin-routes.js';
import { channelsDb } from '../db/tables.js';
import { handleWhatsAppMessage } from './conversation.js';
import { type ChatLine, WhatsAppSimulatorPage } from './simulator-views.js';

const staff = { config: { access: staffOnly } };
const simulatorPath = '/channels/whatsapp-simulator';
const transcriptLength = 20;

const messageSchema = z.object({ phone: z.string().trim().min(1).max(20), text: z.string().trim().min(1).max(1000) });

/** The phone's last messages to the commune and the commune's replies by WhatsApp, oldest first. */
async function transcript(services: PlatformServices, commune: Commune, phone: string): Promise<ChatLine[]> {
  const [sent, replies] = await Promise.all([
    channelsDb(services.db).selectFrom('channel_inbound_messages').select(['body', 'created_at']).where('commune_id', '=', commune.id).where('phone', '=', phone).where('channel', '=', 'whatsapp').orderBy('created_at', 'desc').limit(transcriptLength).execute(),
    services.db.selectFrom('outbox_messages').select(['body', 'created_at']).where('commune_id', '=', commune.id).where('recipient', '=', phone).where('channel', '=', 'whatsapp').orderBy('created_at', 'desc').limit(transcriptLength).execute(),
  ]);
  const lines: ChatLine[] = [...sent.map((m) => ({ from: 'phone' as const, body: m.body, at: m.created_at })), ...replies.map((m) => ({ from: 'commune' as const, body: m.body, at: m.created_at }))];
  return lines.sort((a, b) => a.at.getTime() - b.at.getTime()).slice(-transcriptLength);
}

const repliesCount = async (services: PlatformServices, commune: Commune, phone: string) =>
  (await services.db.selectFrom('outbox_messages').select('id').where('commune_id', '=', commune.id).where('recipient', '=', phone).where('channel', '=', 'whatsapp').execute()).length;

/** With a running worker the reply is sent a few milliseconds after the message: wait for it briefly, not forever. */
async function awaitReply(services: PlatformServices, commune: Commune, phone: string, before: number): Promise<void> {
  for (let attempt = 0; attempt < 20 && (await repliesCount(services, commune, phone)) <= before; attempt += 1) await sleep(100);
}

function demoViewer(request: FastifyRequest): Commune {
  const commune = viewer(request);
  if (!request.server.platform.config.demoMode) throw new AppError('NOT_FOUND');
  return commune;
}

/** Demo mode: staff play a phone writing to the commune's WhatsApp number, through the real handler (no signature). */
export function whatsAppSimulatorRoutes(app: FastifyInstance): void {
  app.get<{ Querystring: { phone?: string } }>(simulatorPath, staff, async (request, reply) => {
    const commune = demoViewer(request);
    const phone = request.query.phone ? normalisePhone(request.query.phone, commune.country) : null;
    const lines = phone ? await transcript(app.platform, commune, phone) : [];
    return sendPage(request, reply, (ctx) => <WhatsAppSimulatorPage ctx={ctx} state={{ phone: phone ?? '', lines, error: null }} />);
  });

  app.post(simulatorPath, staff, async (request, reply) => {
    const commune = demoViewer(request);
    const body = messageSchema.safeParse(request.body);
    if (!body.success) throw new AppError('BAD_REQUEST');
    const phone = normalisePhone(body.data.phone, commune.country);
    if (!phone) return sendPage(request, reply, (ctx) => <WhatsAppSimulatorPage ctx={ctx} state={{ phone: body.data.phone, lines: [], error: 'channels.simulator.bad_phone' }} />);
    const before = await repliesCount(app.platform, commune, phone);
    const message = { provider: 'whatsapp' as const, externalId: `SIM_${randomUUID()}`, from: phone, to: 'simulator', text: body.data.text, receivedAt: new Date() };
    const outcome = await handleWhatsAppMessage(app.platform, commune, message);
    // The simulator files real complaints: staff who play a phone leave a trace.
    await recordAudit(app.platform.db, { communeId: commune.id, actorUserId: request.actor.user?.id ?? null, action: 'channels.whatsapp_simulated', resourceType: 'channel_conversation', resourceId: null, ip: request.ip, details: { outcome } });
    await awaitReply(app.platform, commune, phone, before);
    return reply.redirect(`/${commune.slug}/admin${simulatorPath}?phone=${encodeURIComponent(phone)}#whatsapp-transcript`, 303);
  });
}
