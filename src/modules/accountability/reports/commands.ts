import type { Kysely } from 'kysely';
import { recordAudit } from '../../../platform/audit/audit.js';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { frenchText } from '../plans/forms.js';
import { evidenceLinks, type ReportInput, type ReviewInput } from './forms.js';
import { type AuthorKind, scopedReports } from './tables.js';

type Db = Kysely<PlatformTables>;
export interface ReportActor {
  communeId: string;
  userId: string | null;
}

const audit = (db: Db, actor: ReportActor, action: string, resource: { type: string; id: string }, details: Record<string, unknown>) =>
  recordAudit(db, { communeId: actor.communeId, actorUserId: actor.userId, action: `accountability.${action}`, resourceType: resource.type, resourceId: resource.id, details });

export type SaveResult = { ok: true; corrected: boolean } | { ok: false; field: string; messageKey: string };

/** The reports this author stands behind: the commune's (any of its staff), or one civil-society representative's. */
function sameAuthor(db: Db, actor: ReportActor, commitmentId: string, kind: AuthorKind) {
  let query = scopedReports(db, actor.communeId).selectFrom('accountability_progress_reports').where('commitment_id', '=', commitmentId).where('author_kind', '=', kind);
  if (kind === 'civil_society') query = query.where('created_by', '=', actor.userId);
  return query;
}

const reportColumns = (input: ReportInput) => ({
  status: input.status,
  narrative: JSON.stringify(frenchText(input.narrative_fr)),
  challenges: JSON.stringify(frenchText(input.challenges_fr)),
  evidence: JSON.stringify(evidenceLinks(input)),
  organisation: input.organisation ?? null,
});

/**
 * Publishes a report for a period, or corrects the author's report for that same period. A correction is allowed
 * until the author has reported on a later period: by then readers have compared the two, and the old text must
 * stay. Every version's status is kept in the audit log (published, then each correction from → to).
 */
export async function saveReport(db: Db, actor: ReportActor, commitmentId: string, kind: AuthorKind, input: ReportInput): Promise<SaveResult> {
  return db.transaction().execute(async (trx) => {
    const existing = await sameAuthor(trx, actor, commitmentId, kind).select(['id', 'status']).where('period_start', '=', input.period_start).where('period_end', '=', input.period_end).forUpdate().executeTakeFirst();
    const resource = (id: string) => ({ type: 'accountability_progress_report', id });
    const details = { commitmentId, authorKind: kind, periodStart: input.period_start, periodEnd: input.period_end };
    if (!existing) {
      const created = await scopedReports(trx, actor.communeId).insertInto('accountability_progress_reports', {
        ...reportColumns(input), commitment_id: commitmentId, period_start: input.period_start, period_end: input.period_end, author_kind: kind, created_by: actor.userId, published_at: new Date(),
      }).returning('id').executeTakeFirstOrThrow();
      await audit(trx, actor, 'report.published', resource(created.id), { ...details, to: input.status });
      return { ok: true, corrected: false };
    }
    const later = await sameAuthor(trx, actor, commitmentId, kind).select('id').where('period_start', '>', input.period_start).executeTakeFirst();
    if (later) return { ok: false, field: 'period_start', messageKey: 'accountability.reports.error_locked' };
    await scopedReports(trx, actor.communeId).updateTable('accountability_progress_reports').set({ ...reportColumns(input), updated_at: new Date() }).where('id', '=', existing.id).execute();
    await audit(trx, actor, 'report.corrected', resource(existing.id), { ...details, from: existing.status, to: input.status });
    return { ok: true, corrected: true };
  });
}

/** A new review: earlier ones stay (the IRM reviews a plan's design, then its results). */
export async function recordReview(db: Db, actor: ReportActor, commitmentId: string, input: ReviewInput): Promise<void> {
  const created = await scopedReports(db, actor.communeId).insertInto('accountability_reviews', {
    commitment_id: commitmentId, verifiable: input.verifiable === 'yes', ogp_values: JSON.stringify(input.ogp_values), potential_impact: input.potential_impact,
    completion: input.completion, early_results: input.early_results, rationale: JSON.stringify(frenchText(input.rationale_fr)), review_date: input.review_date, created_by: actor.userId,
  }).returning('id').executeTakeFirstOrThrow();
  await audit(db, actor, 'review.recorded', { type: 'accountability_review', id: created.id }, { commitmentId, completion: input.completion, potentialImpact: input.potential_impact });
}
