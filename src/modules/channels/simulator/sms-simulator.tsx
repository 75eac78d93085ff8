import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { normalisePhone } from '../../../platform/auth/identifier.js';
import type { Commune } from '../../../platform/db/platform-tables.js';
import { AppError } from '../../../platform/http/errors.js';
import type { PlatformServices } from '../../../platform/http/context.js';
import { sendPage } from '../../../platform/http/render.js';
import { formatDateTime } from '../../../platform/i18n/format.js';
import { staffOnly } from '../../../platform/permissions/route-access.js';
import { CsrfField, Notice } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import { channelsDb } from '../db/tables.js';
import { handleInboundText } from '../inbound/handle.js';
import { inboxPolicy } from '../inbox/inbox-routes.js';

const staff = { config: { access: staffOnly } };
const sendSchema = z.object({ phone: z.string().trim().max(20), text: z.string().trim().min(1).max(640) });

interface Line {
  at: Date;
  direction: 'in' | 'out';
  body: string;
}

/** What the simulated phone sent to the commune and what it received back (from the outbox), oldest first. */
async function conversation(services: PlatformServices, commune: Commune, phone: string): Promise<Line[]> {
  const [sent, received] = await Promise.all([
    channelsDb(services.db).selectFrom('channel_inbound_messages').select(['received_at', 'body']).where('commune_id', '=', commune.id).where('phone', '=', phone).where('channel', '=', 'sms').orderBy('received_at', 'desc').limit(10).execute(),
    services.db.selectFrom('outbox_messages').select(['created_at', 'body']).where('commune_id', '=', commune.id).where('recipient', '=', phone).where('channel', '=', 'sms').orderBy('created_at', 'desc').limit(10).execute(),
  ]);
  const lines: Line[] = [...sent.map((m) => ({ at: m.received_at, direction: 'in' as const, body: m.body })), ...received.map((m) => ({ at: m.created_at, direction: 'out' as const, body: m.body }))];
  return lines.sort((a, b) => a.at.getTime() - b.at.getTime()).slice(-16);
}

function SmsSimulatorPage({ ctx, phone, lines, error }: { ctx: ViewContext; phone: string; lines: Line[]; error: string | null }) {
  const title = ctx.t('channels.sms_simulator.title');
  const action = `/${ctx.commune!.slug}/admin/channels/sms-simulator`;
  return (
    <Layout ctx={ctx} area="admin" title={title}>
      <p><a href={`/${ctx.commune!.slug}/admin/channels`} safe>{ctx.t('channels.admin.title')}</a></p>
      <h1 safe>{title}</h1>
      <Notice kind="demo"><p safe>{ctx.t('channels.sms_simulator.intro')}</p></Notice>
      {error ? <p class="field-error" role="alert" safe>{ctx.t(error)}</p> : ''}
      {lines.length > 0 ? (
        <ol id="sms-conversation" class="sms-conversation">
          {lines.map((line) => (
            <li class={line.direction === 'in' ? 'sms-in' : 'sms-out'}>
              <span class="muted" safe>{`${ctx.t(line.direction === 'in' ? 'channels.sms_simulator.you' : 'channels.sms_simulator.commune')} · ${formatDateTime(line.at, ctx.locale, ctx.commune!.time_zone)}`}</span>
              <p dir="auto" safe>{line.body}</p>
            </li>
          ))}
        </ol>
      ) : ''}
      {phone ? <p><a href={`${action}?phone=${encodeURIComponent(phone)}`} safe>{ctx.t('channels.sms_simulator.refresh')}</a></p> : ''}
      <form method="post" action={action} id="sms-simulator-form">
        <CsrfField ctx={ctx} />
        <div class="field">
          <label for="sms-phone" safe>{ctx.t('channels.simulator.phone')}</label>
          <input id="sms-phone" name="phone" type="tel" dir="ltr" required value={phone} />
        </div>
        <div class="field">
          <label for="sms-text" safe>{ctx.t('channels.sms_simulator.text')}</label>
          <p class="field-hint" safe>{ctx.t('channels.sms_simulator.hint')}</p>
          <textarea id="sms-text" name="text" rows="3" maxlength="640" required dir="auto"></textarea>
        </div>
        <button type="submit" safe>{ctx.t('channels.simulator.send')}</button>
      </form>
    </Layout>
  );
}

function simulatingCommune(request: FastifyRequest): Commune {
  const commune = request.commune;
  if (!commune) throw new AppError('COMMUNE_NOT_FOUND');
  if (!request.server.platform.config.demoMode) throw new AppError('NOT_FOUND');
  inboxPolicy.authorize(request.actor, 'channels.inbox.handle', { communeId: commune.id });
  return commune;
}

async function showPage(request: FastifyRequest, reply: FastifyReply, phone: string, error: string | null, status = 200) {
  const commune = simulatingCommune(request);
  const lines = phone ? await conversation(request.server.platform, commune, phone) : [];
  return sendPage(request, reply, (ctx) => <SmsSimulatorPage ctx={ctx} phone={phone} lines={lines} error={error} />, status);
}

/**
 * A phone for the demo that sends SMS to the commune's number: the message takes the same path as one from a
 * provider (keywords, replies, the staff inbox), only the webhook and its token are skipped.
 */
export function smsSimulatorRoutes(app: FastifyInstance): void {
  app.get('/channels/sms-simulator', staff, async (request, reply) => {
    const commune = simulatingCommune(request);
    const phone = normalisePhone(String((request.query as { phone?: string }).phone ?? ''), commune.country) ?? '';
    return showPage(request, reply, phone, null);
  });

  app.post('/channels/sms-simulator', staff, async (request, reply) => {
    const commune = simulatingCommune(request);
    const body = sendSchema.safeParse(request.body);
    const phone = body.success ? normalisePhone(body.data.phone, commune.country) : null;
    if (!body.success || !phone) return showPage(request, reply, '', 'channels.simulator.bad_phone', 422);
    const message = { provider: 'simulator' as const, externalId: randomUUID(), from: phone, to: 'simulator', text: body.data.text, receivedAt: new Date() };
    await handleInboundText(request.server.platform, commune, message, 'sms');
    return reply.redirect(`/${commune.slug}/admin/channels/sms-simulator?phone=${encodeURIComponent(phone)}`, 303);
  });
}
