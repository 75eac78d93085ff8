import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { recordAudit } from '../../../platform/audit/audit.js';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { isUuid } from '../../../platform/db/uuid.js';
import { AppError } from '../../../platform/http/errors.js';
import { redirectWithFlash } from '../../../platform/http/render.js';
import { staffOnly } from '../../../platform/permissions/route-access.js';
import { formatDate } from '../../../platform/i18n/format.js';
import { CsrfField, Localized } from '../../../platform/views/components.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import { type ConsultationSummary, consultationPath, listConsultationSummaries } from '../../participation/index.js';
import { plansPolicy } from './permissions.js';
import { scopedPlans } from './tables.js';

export interface CoCreation {
  /** The commune's public consultations, each marked when the plan came from it. */
  consultations: (ConsultationSummary & { linked: boolean })[];
}

/** The co-creation record: which of the commune's public consultations the plan came from. */
export async function coCreationOf(db: Kysely<PlatformTables>, communeId: string, planId: string): Promise<CoCreation> {
  const [consultations, links] = await Promise.all([
    listConsultationSummaries(db, communeId),
    scopedPlans(db, communeId).selectFrom('accountability_plan_sources').select('consultation_id').where('plan_id', '=', planId).execute(),
  ]);
  const linked = new Set(links.map((l) => l.consultation_id));
  return { consultations: consultations.map((c) => ({ ...c, linked: linked.has(c.id) })) };
}

/** Replaces the plan's sources with the chosen consultations; ids that are not the commune's public ones are refused. */
async function setSources(db: Kysely<PlatformTables>, actor: { communeId: string; actorId: string | null }, planId: string, chosen: string[]): Promise<void> {
  const known = new Set((await listConsultationSummaries(db, actor.communeId, 1000)).map((c) => c.id));
  if (chosen.some((id) => !isUuid(id) || !known.has(id))) throw new AppError('BAD_REQUEST', 'not a public consultation of this commune');
  await db.transaction().execute(async (trx) => {
    const scope = scopedPlans(trx, actor.communeId);
    await scope.deleteFrom('accountability_plan_sources').where('plan_id', '=', planId).execute();
    if (chosen.length > 0) await scope.insertInto('accountability_plan_sources', chosen.map((consultation_id) => ({ plan_id: planId, consultation_id }))).execute();
    await recordAudit(trx, { communeId: actor.communeId, actorUserId: actor.actorId, action: 'accountability.plan.sources_changed', resourceType: 'accountability_plan', resourceId: planId, details: { consultations: chosen } });
  });
}

const chosenIds = (body: unknown) => {
  const value = (body as Record<string, unknown> | undefined)?.consultation;
  return [...new Set(value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)])];
};

export function coCreationAdminRoutes(app: FastifyInstance): void {
  app.post<{ Params: { id: string } }>('/plans/:id/sources', { config: { access: staffOnly } }, async (request: FastifyRequest<{ Params: { id: string } }>, reply) => {
    const commune = request.commune;
    if (!commune) throw new AppError('COMMUNE_NOT_FOUND');
    plansPolicy.authorize(request.actor, 'accountability.plans.manage', { communeId: commune.id });
    const plan = isUuid(request.params.id) ? await scopedPlans(app.platform.db, commune.id).selectFrom('accountability_plans').select('id').where('id', '=', request.params.id).executeTakeFirst() : undefined;
    if (!plan) throw new AppError('NOT_FOUND');
    await setSources(app.platform.db, { communeId: commune.id, actorId: request.actor.user?.id ?? null }, plan.id, chosenIds(request.body));
    return redirectWithFlash(reply, `/${commune.slug}/admin/plans/${plan.id}#co-creation`, 'accountability.plans.saved');
  });
}

/** Staff tick the consultations the plan came from. */
export function CoCreationForm({ ctx, planId, coCreation }: { ctx: ViewContext; planId: string; coCreation: CoCreation }) {
  return (
    <section id="co-creation" aria-labelledby="co-creation-title">
      <h2 id="co-creation-title" safe>{ctx.t('accountability.plans.co_creation')}</h2>
      {coCreation.consultations.length === 0 ? <p class="muted" safe>{ctx.t('accountability.plans.no_consultations')}</p> : (
        <form method="post" action={`/${ctx.commune!.slug}/admin/plans/${planId}/sources`}>
          <CsrfField ctx={ctx} />
          <fieldset>
            <legend safe>{ctx.t('accountability.plans.sources_legend')}</legend>
            {coCreation.consultations.map((c) => <label class="checkbox"><input type="checkbox" name="consultation" value={c.id} checked={c.linked} /> <Localized ctx={ctx} text={c.title} /></label>)}
          </fieldset>
          <button type="submit" class="secondary" safe>{ctx.t('accountability.plans.save_sources')}</button>
        </form>
      )}
    </section>
  );
}

/** The public side: the consultations the plan came from, with their dates. */
export function CoCreationRecord({ ctx, coCreation }: { ctx: ViewContext; coCreation: CoCreation }) {
  const linked = coCreation.consultations.filter((c) => c.linked);
  if (linked.length === 0) return <></>;
  return (
    <section id="co-creation" aria-labelledby="co-creation-title">
      <h2 id="co-creation-title" safe>{ctx.t('accountability.plans.co_creation')}</h2>
      <p safe>{ctx.t('accountability.plans.co_created_from')}</p>
      <ul>{linked.map((c) => <li><a href={consultationPath(ctx.commune!.slug, c.id)}><Localized ctx={ctx} text={c.title} /></a><span class="muted" safe>{` — ${formatDate(c.createdAt, ctx.locale, ctx.commune!.time_zone)}`}</span></li>)}</ul>
    </section>
  );
}
