import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../platform/http/errors.js';
import { fields, parseForm } from '../../platform/http/forms.js';
import { redirectWithFlash, sendPage } from '../../platform/http/render.js';
import { appealItem, type ModeratedItem, reportItem } from './commands/moderation-commands.js';
import { type KeptField, MessagePage, RateLimitedPage } from './views/moderation-views.js';

type IdParams = { Params: { id: string } };
const reportSchema = z.object({ reason: fields.requiredText(500) });
const appealSchema = z.object({ body: fields.requiredText(1000) });

/** A route's rate-limit page that gives back the typed text (visible fields) and the form's other values (hidden). */
export function keepWhatWasTyped(kept: KeptField[], hidden: string[] = []) {
  return async (request: FastifyRequest, reply: FastifyReply, retryAfterSeconds: number) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string).slice(0, 5000) : '');
    const values = Object.fromEntries(kept.map((f) => [f.name, text(f.name)]));
    const hiddenValues = Object.fromEntries(hidden.map((name) => [name, text(name)]).filter(([, v]) => v));
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    return sendPage(request, reply, (ctx) => <RateLimitedPage ctx={ctx} minutes={minutes} action={request.url} fields={kept} values={values} hidden={hiddenValues} />, 429);
  };
}

function communeOf(request: FastifyRequest) {
  if (!request.commune) throw new AppError('COMMUNE_NOT_FOUND');
  return request.commune;
}

/** A clear page instead of an error for an expected refusal (already reported, already appealed, archived). */
function explain(request: FastifyRequest, reply: FastifyReply, proposalId: string, messageKey: string, status: number) {
  const back = { href: `/${request.commune!.slug}/proposals/${proposalId}`, label: request.t('participation.mod.back_to_proposal') };
  return sendPage(request, reply, (ctx) => <MessagePage ctx={ctx} title={ctx.t('participation.mod.report_title')} message={ctx.t(messageKey)} back={back} />, status);
}

/** Citizens' side of moderation under /<commune>/: report any proposal or comment, appeal a hidden one of their own. */
export async function moderationRoutes(app: FastifyInstance, options: RouteShorthandOptions): Promise<void> {
  const { db } = app.platform;

  for (const kind of ['proposal', 'comment'] as const) {
    const base = kind === 'proposal' ? '/proposals/:id' : '/comments/:id';

    app.post<IdParams>(`${base}/report`, options, async (request, reply) => {
      const commune = communeOf(request);
      const parsed = parseForm(reportSchema, request.body);
      if (!parsed.ok) throw new AppError('VALIDATION_FAILED');
      const item: ModeratedItem = { kind, id: request.params.id };
      const { proposalId, outcome } = await reportItem(db, commune.id, item, { reporterId: request.actor.user!.id, reason: parsed.data.reason });
      if (outcome === 'already') return explain(request, reply, proposalId, 'participation.mod.already_reported', 200);
      if (outcome === 'archived') return explain(request, reply, proposalId, 'participation.archive.no_reports', 409);
      return redirectWithFlash(reply, `/${commune.slug}/proposals/${proposalId}`, kind === 'proposal' ? 'participation.mod.reported' : 'participation.comment.reported');
    });

    app.post<IdParams>(`${base}/appeal`, options, async (request, reply) => {
      const commune = communeOf(request);
      const parsed = parseForm(appealSchema, request.body);
      if (!parsed.ok) throw new AppError('VALIDATION_FAILED');
      const { proposalId, appealId } = await appealItem(db, commune.id, { kind, id: request.params.id }, { authorId: request.actor.user!.id, body: parsed.data.body });
      if (!appealId) return explain(request, reply, proposalId, 'participation.mod.appeal_already', 409);
      return redirectWithFlash(reply, `/${commune.slug}/proposals/${proposalId}`, 'participation.mod.appeal_sent');
    });
  }
}
