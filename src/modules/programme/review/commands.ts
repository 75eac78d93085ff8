import { type Kysely, sql } from 'kysely';
import { recordAudit } from '../../../platform/audit/audit.js';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { type CriterionInput, criterionTexts } from './forms.js';
import type { Recommendation, ReviewApplicationRow, ReviewCallRow } from './tables.js';
import { reviewDb } from './tables.js';

type Db = Kysely<PlatformTables>;

/** Who acts, for the audit log. */
export interface TeamActor {
  userId: string;
  ip: string | null;
}

const audit = (db: Db, actor: TeamActor, action: string, resourceType: string, resourceId: string, details: Record<string, unknown>, communeId: string | null = null) =>
  recordAudit(db, { communeId, actorUserId: actor.userId, action, resourceType, resourceId, ip: actor.ip, details });

export async function addCriterion(db: Db, actor: TeamActor, call: ReviewCallRow, input: CriterionInput): Promise<void> {
  const { label, guide } = criterionTexts(input);
  const last = await reviewDb(db).selectFrom('programme_review_criteria').select((eb) => eb.fn.max('position').as('position')).where('call_id', '=', call.id).executeTakeFirst();
  const row = await reviewDb(db)
    .insertInto('programme_review_criteria')
    .values({ call_id: call.id, position: Number(last?.position ?? 0) + 1, label: JSON.stringify(label), guide: JSON.stringify(guide), weight: input.weight })
    .returning('id')
    .executeTakeFirstOrThrow();
  await audit(db, actor, 'programme.criterion.added', 'programme_review_criterion', row.id, { call: call.slug, weight: input.weight });
}

export async function updateCriterion(db: Db, actor: TeamActor, criterionId: string, input: CriterionInput): Promise<void> {
  const { label, guide } = criterionTexts(input);
  await reviewDb(db).updateTable('programme_review_criteria').set({ label: JSON.stringify(label), guide: JSON.stringify(guide), weight: input.weight }).where('id', '=', criterionId).execute();
  await audit(db, actor, 'programme.criterion.updated', 'programme_review_criterion', criterionId, { weight: input.weight });
}

export async function removeCriterion(db: Db, actor: TeamActor, criterionId: string): Promise<void> {
  await reviewDb(db).deleteFrom('programme_review_criteria').where('id', '=', criterionId).execute();
  await audit(db, actor, 'programme.criterion.removed', 'programme_review_criterion', criterionId, {});
}

/** Swaps a criterion with its neighbour above or below. */
export async function moveCriterion(db: Db, actor: TeamActor, callId: string, criterionId: string, direction: 'up' | 'down'): Promise<void> {
  const rows = await reviewDb(db).selectFrom('programme_review_criteria').select(['id', 'position']).where('call_id', '=', callId).orderBy('position').orderBy('id').execute();
  const index = rows.findIndex((r) => r.id === criterionId);
  const other = rows[direction === 'up' ? index - 1 : index + 1];
  if (index < 0 || !other) return;
  const ordered = rows.map((r) => r.id);
  [ordered[index], ordered[rows.indexOf(other)]] = [other.id, criterionId];
  for (const [position, id] of ordered.entries()) await reviewDb(db).updateTable('programme_review_criteria').set({ position: position + 1 }).where('id', '=', id).execute();
  await audit(db, actor, 'programme.criterion.moved', 'programme_review_criterion', criterionId, { direction });
}

export async function assignReviewer(db: Db, actor: TeamActor, call: ReviewCallRow, userId: string): Promise<void> {
  await reviewDb(db).insertInto('programme_review_assignments').values({ call_id: call.id, user_id: userId, assigned_by: actor.userId }).onConflict((oc) => oc.doNothing()).execute();
  await audit(db, actor, 'programme.reviewer.assigned', 'programme_call', call.id, { call: call.slug, reviewer: userId });
}

export async function unassignReviewer(db: Db, actor: TeamActor, call: ReviewCallRow, userId: string): Promise<void> {
  await reviewDb(db).deleteFrom('programme_review_assignments').where('call_id', '=', call.id).where('user_id', '=', userId).execute();
  await audit(db, actor, 'programme.reviewer.unassigned', 'programme_call', call.id, { call: call.slug, reviewer: userId });
}

export async function setScoringOpen(db: Db, actor: TeamActor, call: ReviewCallRow, open: boolean): Promise<void> {
  await reviewDb(db).updateTable('programme_calls').set({ review_closed_at: open ? null : new Date() }).where('id', '=', call.id).execute();
  await audit(db, actor, open ? 'programme.scoring.reopened' : 'programme.scoring.closed', 'programme_call', call.id, { call: call.slug });
}

/** The reviewer's review row, created on first use; locked so two saves of one review do not interleave. */
async function ownReview(db: Db, applicationId: string, reviewerId: string) {
  await reviewDb(db).insertInto('programme_reviews').values({ application_id: applicationId, reviewer_id: reviewerId }).onConflict((oc) => oc.columns(['application_id', 'reviewer_id']).doNothing()).execute();
  return reviewDb(db).selectFrom('programme_reviews').selectAll().where('application_id', '=', applicationId).where('reviewer_id', '=', reviewerId).forUpdate().executeTakeFirstOrThrow();
}

/** Saves (or revises) a reviewer's scores; refused if a conflict was declared meanwhile. Returns false then. */
export async function saveScores(db: Db, actor: TeamActor, application: ReviewApplicationRow, scores: Map<string, number>, comment: string | null): Promise<boolean> {
  const review = await ownReview(db, application.id, actor.userId);
  if (review.conflict_reason !== null) return false;
  await reviewDb(db).deleteFrom('programme_review_scores').where('review_id', '=', review.id).execute();
  await reviewDb(db).insertInto('programme_review_scores').values([...scores].map(([criterion_id, score]) => ({ review_id: review.id, criterion_id, score }))).execute();
  await reviewDb(db).updateTable('programme_reviews').set({ comment, updated_at: new Date() }).where('id', '=', review.id).execute();
  await audit(db, actor, 'programme.review.scored', 'programme_application', application.id, { scores: Object.fromEntries(scores) }, application.commune_id);
  return true;
}

/** A declared conflict of interest replaces any scores the reviewer gave: they no longer count. */
export async function declareConflict(db: Db, actor: TeamActor, application: ReviewApplicationRow, reason: string): Promise<void> {
  const review = await ownReview(db, application.id, actor.userId);
  await reviewDb(db).deleteFrom('programme_review_scores').where('review_id', '=', review.id).execute();
  await reviewDb(db).updateTable('programme_reviews').set({ conflict_reason: reason, comment: null, updated_at: new Date() }).where('id', '=', review.id).execute();
  await audit(db, actor, 'programme.review.conflict_declared', 'programme_application', application.id, { reason }, application.commune_id);
}

/** Shortlists (submitted → shortlisted) or takes back (shortlisted → submitted); false when the status did not allow it. */
export async function setShortlisted(db: Db, actor: TeamActor, application: ReviewApplicationRow, shortlisted: boolean): Promise<boolean> {
  const [from, to] = shortlisted ? (['submitted', 'shortlisted'] as const) : (['shortlisted', 'submitted'] as const);
  const result = await reviewDb(db).updateTable('programme_applications').set({ status: to, updated_at: new Date() }).where('id', '=', application.id).where('status', '=', from).executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return false;
  await audit(db, actor, shortlisted ? 'programme.application.shortlisted' : 'programme.application.unshortlisted', 'programme_application', application.id, { reference: application.reference }, application.commune_id);
  return true;
}

/** Selects or rejects an application whose decision has not been sent yet; false otherwise. */
export async function decide(db: Db, actor: TeamActor, application: ReviewApplicationRow, decision: 'selected' | 'rejected'): Promise<boolean> {
  const result = await reviewDb(db)
    .updateTable('programme_applications')
    .set({ status: decision, decided_at: new Date(), updated_at: new Date() })
    .where('id', '=', application.id)
    .where('status', 'in', ['submitted', 'shortlisted', 'selected', 'rejected'])
    .where('decision_sent_at', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return false;
  await audit(db, actor, 'programme.application.decided', 'programme_application', application.id, { reference: application.reference, decision }, application.commune_id);
  return true;
}

export interface InterviewInput {
  held_on: string;
  interviewer: string;
  notes: string;
  recommendation: Recommendation;
}

export async function recordInterview(db: Db, actor: TeamActor, application: ReviewApplicationRow, input: InterviewInput): Promise<void> {
  const row = await reviewDb(db).insertInto('programme_interviews').values({ application_id: application.id, ...input, recorded_by: actor.userId }).returning('id').executeTakeFirstOrThrow();
  // The notes are private: the audit log keeps that an interview was recorded and its recommendation, not its content.
  await audit(db, actor, 'programme.interview.recorded', 'programme_application', application.id, { interview: row.id, recommendation: input.recommendation }, application.commune_id);
}

/** Nobody else may be typing over the same call's criteria while one checks they are still unfrozen. */
export const lockCall = (db: Db, callId: string) => sql`select id from programme_calls where id = ${callId} for update`.execute(db);
