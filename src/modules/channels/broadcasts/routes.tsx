import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Commune } from '../../../platform/db/platform-tables.js';
import { AppError } from '../../../platform/http/errors.js';
import { emptyForm, type FormState, parseForm } from '../../../platform/http/forms.js';
import { redirectWithFlash, sendPage } from '../../../platform/http/render.js';
import { formatDateTime } from '../../../platform/i18n/format.js';
import { type LocalizedText, pickLocalized } from '../../../platform/i18n/locales.js';
import { hasRole } from '../../../platform/permissions/actor.js';
import { definePolicy } from '../../../platform/permissions/authorize.js';
import { staffOnly } from '../../../platform/permissions/route-access.js';
import { communeNeighbourhoods, councilMeetingChoices, latestNewsHeadline } from '../../commune/index.js';
import { listConsultationSummaries } from '../../participation/index.js';
import { channelsDb } from '../db/tables.js';
import { type BroadcastDraft, previewBroadcast, startBroadcast } from './broadcasts.js';
import { draftFrom, draftSchema } from './draft.js';
import { SubscribersPage, subscriberFigures } from './subscribers.js';
import { BroadcastListPage, BroadcastPage, type BroadcastRow, ComposePage, PreviewPage, type Starter } from './views.js';

const staff = { config: { access: staffOnly } };

/** The commune's staff and administrators write to its subscribers; nobody else sees who subscribed. */
export const broadcastPolicy = definePolicy<{ 'channels.broadcast': { communeId: string } }>({
  'channels.broadcast': (actor, r) => hasRole(actor, r.communeId, 'staff', 'admin'),
});

function broadcaster(request: FastifyRequest): Commune {
  const commune = request.commune;
  if (!commune) throw new AppError('COMMUNE_NOT_FOUND');
  broadcastPolicy.authorize(request.actor, 'channels.broadcast', { communeId: commune.id });
  return commune;
}

/** Broadcasts with how many of their messages have left, newest first. */
function broadcastRows(request: FastifyRequest, communeId: string) {
  return channelsDb(request.server.platform.db)
    .selectFrom('channel_broadcasts as b')
    .selectAll('b')
    .select((eb) =>
      eb.selectFrom('channel_broadcast_recipients as r').select((inner) => inner.fn.countAll<string>().as('n')).whereRef('r.broadcast_id', '=', 'b.id').where('r.status', '=', 'sent').as('sent'),
    )
    .where('b.commune_id', '=', communeId)
    .orderBy('b.created_at', 'desc');
}

const toRow = (row: Omit<BroadcastRow, 'sent'> & { sent: string | null }): BroadcastRow => ({ ...row, sent: Number(row.sent ?? 0) });

/** Texts staff may start from: the latest news headline, the next council meeting, the newest consultations. */
async function starters(request: FastifyRequest, commune: Commune): Promise<Starter[]> {
  const { db } = request.server.platform;
  const locale = request.locale;
  const [news, meetings, consultations] = await Promise.all([latestNewsHeadline(db, commune.id, locale), councilMeetingChoices(db, commune.id), listConsultationSummaries(db, commune.id, 3)]);
  const now = new Date();
  const next = meetings.filter((m) => m.startsAt > now).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())[0];
  const title = (text: LocalizedText) => pickLocalized(text, locale)?.value ?? '';
  return [
    ...(news?.title ? [{ kind: 'news' as const, text: news.title }] : []),
    ...(next && title(next.title) ? [{ kind: 'meeting' as const, text: `${title(next.title)} – ${formatDateTime(next.startsAt, locale, commune.time_zone)}` }] : []),
    ...consultations.map((c) => ({ kind: 'consultation' as const, text: title(c.title) })).filter((starter) => starter.text),
  ];
}

const prefillSchema = z.object({ kind: z.enum(['news', 'meeting', 'consultation']).optional(), body: z.string().max(1000).optional() });

export function broadcastRoutes(app: FastifyInstance): void {
  const { db } = app.platform;

  async function renderPreview(request: FastifyRequest, reply: Parameters<typeof sendPage>[1], commune: Commune, draft: BroadcastDraft, status = 200) {
    const [preview, neighbourhoods] = await Promise.all([previewBroadcast(db, commune, draft), communeNeighbourhoods(db, commune.id)]);
    return sendPage(request, reply, (ctx) => <PreviewPage ctx={ctx} draft={draft} preview={preview} neighbourhoods={neighbourhoods} problem={preview.problem} />, status);
  }

  async function renderCompose(request: FastifyRequest, reply: Parameters<typeof sendPage>[1], commune: Commune, form: FormState, status = 200) {
    const [neighbourhoods, ready] = await Promise.all([communeNeighbourhoods(db, commune.id), starters(request, commune)]);
    return sendPage(request, reply, (ctx) => <ComposePage ctx={ctx} form={form} neighbourhoods={neighbourhoods} starters={ready} />, status);
  }

  /** The posted draft, or the compose form again with its errors (an unknown neighbourhood is one). */
  async function postedDraft(request: FastifyRequest, commune: Commune) {
    const parsed = parseForm(draftSchema, request.body);
    if (!parsed.ok) return parsed;
    if (parsed.data.neighbourhood && !(await communeNeighbourhoods(db, commune.id)).includes(parsed.data.neighbourhood)) {
      return { ok: false as const, form: { values: { ...parsed.data, locale: parsed.data.locale ?? '' }, errors: { neighbourhood: 'core.form.invalid' } } as FormState };
    }
    return parsed;
  }

  app.get('/channels/broadcasts', staff, async (request, reply) => {
    const commune = broadcaster(request);
    const rows = (await broadcastRows(request, commune.id).limit(100).execute()).map(toRow);
    return sendPage(request, reply, (ctx) => <BroadcastListPage ctx={ctx} rows={rows} />);
  });

  app.get('/channels/broadcasts/new', staff, async (request, reply) => {
    const commune = broadcaster(request);
    const prefill = prefillSchema.safeParse(request.query);
    const values = prefill.success ? { kind: prefill.data.kind ?? 'news', body: prefill.data.body ?? '', channel: 'sms' } : { kind: 'news', channel: 'sms' };
    return renderCompose(request, reply, commune, emptyForm(values));
  });

  app.post('/channels/broadcasts/preview', staff, async (request, reply) => {
    const commune = broadcaster(request);
    const posted = await postedDraft(request, commune);
    if (!posted.ok) return renderCompose(request, reply, commune, posted.form, 422);
    return renderPreview(request, reply, commune, draftFrom(posted.data));
  });

  app.post('/channels/broadcasts', staff, async (request, reply) => {
    const commune = broadcaster(request);
    const posted = await postedDraft(request, commune);
    if (!posted.ok) return renderCompose(request, reply, commune, posted.form, 422);
    const draft = draftFrom({ ...posted.data, action: 'preview' });
    const started = await startBroadcast(request.server.platform, commune, { userId: request.actor.user?.id ?? null, ip: request.ip }, draft);
    if ('problem' in started) return renderPreview(request, reply, commune, draft, 409);
    return redirectWithFlash(reply, `/${commune.slug}/admin/channels/broadcasts/${started.id}`, 'channels.broadcast.started');
  });

  app.get('/channels/broadcasts/:id', staff, async (request, reply) => {
    const commune = broadcaster(request);
    const id = z.uuid().safeParse((request.params as { id: string }).id);
    if (!id.success) throw new AppError('NOT_FOUND');
    const found = await broadcastRows(request, commune.id).where('b.id', '=', id.data).executeTakeFirst();
    if (!found) throw new AppError('NOT_FOUND');
    const row = toRow(found);
    return sendPage(request, reply, (ctx) => <BroadcastPage ctx={ctx} row={row} />);
  });

  app.get('/channels/subscribers', staff, async (request, reply) => {
    const commune = broadcaster(request);
    const figures = await subscriberFigures(db, commune.id);
    return sendPage(request, reply, (ctx) => <SubscribersPage ctx={ctx} figures={figures} />);
  });
}

