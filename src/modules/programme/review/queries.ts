import { type Kysely, sql } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { FieldRow } from '../db/tables.js';
import { rankApplications, type RankedApplication, type ReviewScores } from './ranking.js';
import { type CriterionRow, type InterviewRow, type ReviewApplicationRow, type ReviewCallRow, reviewDb, type ReviewRow } from './tables.js';

type Db = Kysely<PlatformTables>;

const slugPattern = /^[a-z0-9][a-z0-9-]{0,79}$/;
export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Applications the team reviews: handed in, and not withdrawn. */
export const reviewedStatuses = ['submitted', 'shortlisted', 'selected', 'rejected'] as const;

export async function reviewCallBySlug(db: Db, slug: string): Promise<ReviewCallRow | undefined> {
  if (!slugPattern.test(slug)) return undefined;
  return reviewDb(db).selectFrom('programme_calls').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function applicationById(db: Db, id: string): Promise<ReviewApplicationRow | undefined> {
  if (!uuidPattern.test(id)) return undefined;
  return reviewDb(db).selectFrom('programme_applications').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function callById(db: Db, id: string): Promise<ReviewCallRow> {
  return reviewDb(db).selectFrom('programme_calls').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export async function criteriaOf(db: Db, callId: string): Promise<CriterionRow[]> {
  return reviewDb(db).selectFrom('programme_review_criteria').selectAll().where('call_id', '=', callId).orderBy('position').orderBy('id').execute();
}

export async function fieldsOf(db: Db, callId: string): Promise<FieldRow[]> {
  return reviewDb(db).selectFrom('programme_call_fields').selectAll().where('call_id', '=', callId).orderBy('position').execute();
}

/** Criteria are frozen once any application of the call has a score: changing them would change scores already given. */
export async function scoringStarted(db: Db, callId: string): Promise<boolean> {
  const row = await reviewDb(db)
    .selectFrom('programme_review_scores')
    .innerJoin('programme_review_criteria', 'programme_review_criteria.id', 'programme_review_scores.criterion_id')
    .select('programme_review_scores.score')
    .where('programme_review_criteria.call_id', '=', callId)
    .limit(1)
    .executeTakeFirst();
  return !!row;
}

export async function isAssigned(db: Db, callId: string, userId: string): Promise<boolean> {
  const row = await reviewDb(db).selectFrom('programme_review_assignments').select('user_id').where('call_id', '=', callId).where('user_id', '=', userId).executeTakeFirst();
  return !!row;
}

export interface TeamMember {
  user_id: string;
  display_name: string | null;
  role: 'operator' | 'reviewer';
}

export async function teamMembers(db: Db): Promise<TeamMember[]> {
  return reviewDb(db)
    .selectFrom('programme_team')
    .innerJoin('users', 'users.id', 'programme_team.user_id')
    .select(['programme_team.user_id', 'users.display_name', 'programme_team.role'])
    .orderBy('users.display_name')
    .execute();
}

export async function assignedReviewers(db: Db, callId: string): Promise<{ user_id: string; display_name: string | null }[]> {
  return reviewDb(db)
    .selectFrom('programme_review_assignments')
    .innerJoin('users', 'users.id', 'programme_review_assignments.user_id')
    .select(['programme_review_assignments.user_id', 'users.display_name'])
    .where('programme_review_assignments.call_id', '=', callId)
    .orderBy('users.display_name')
    .execute();
}

export async function reviewableApplications(db: Db, callId: string): Promise<ReviewApplicationRow[]> {
  return reviewDb(db)
    .selectFrom('programme_applications')
    .selectAll()
    .where('call_id', '=', callId)
    .where('status', 'in', reviewedStatuses)
    .orderBy('reference')
    .execute();
}

export interface CallProgress {
  call: ReviewCallRow;
  applications: number;
  reviewers: number;
  /** Reviews with scores, and conflicts declared (each settles one expected review). */
  done: number;
  expected: number;
}

/**
 * Scores done / expected per call (drafts included: the operator prepares criteria before publishing): every assigned
 * reviewer reviews every application, a declared conflict counts as settled.
 */
export async function callsWithProgress(db: Db, onlyFor?: string): Promise<CallProgress[]> {
  const rows = await sql<{ id: string; applications: number; reviewers: number; done: number }>`
    select c.id,
      (select count(*) from programme_applications a where a.call_id = c.id and a.status in ('submitted', 'shortlisted', 'selected', 'rejected'))::int as applications,
      (select count(*) from programme_review_assignments r where r.call_id = c.id)::int as reviewers,
      (select count(*) from programme_reviews v join programme_applications a on a.id = v.application_id
        join programme_review_assignments r on r.call_id = a.call_id and r.user_id = v.reviewer_id
        where a.call_id = c.id and a.status in ('submitted', 'shortlisted', 'selected', 'rejected'))::int as done
    from programme_calls c
    where (${onlyFor ?? null}::uuid is null or exists (select 1 from programme_review_assignments r where r.call_id = c.id and r.user_id = ${onlyFor ?? null}::uuid))
    order by c.closes_on desc, c.audience`.execute(db);
  const calls = await reviewDb(db).selectFrom('programme_calls').selectAll().execute();
  return rows.rows.map((row) => ({ call: calls.find((c) => c.id === row.id)!, applications: row.applications, reviewers: row.reviewers, done: row.done, expected: row.applications * row.reviewers }));
}

export async function reviewOf(db: Db, applicationId: string, reviewerId: string): Promise<(ReviewRow & { scores: Record<string, number> }) | undefined> {
  const review = await reviewDb(db).selectFrom('programme_reviews').selectAll().where('application_id', '=', applicationId).where('reviewer_id', '=', reviewerId).executeTakeFirst();
  if (!review) return undefined;
  const scores = await reviewDb(db).selectFrom('programme_review_scores').select(['criterion_id', 'score']).where('review_id', '=', review.id).execute();
  return { ...review, scores: Object.fromEntries(scores.map((s) => [s.criterion_id, s.score])) };
}

/** The reviewer's own reviews in a call: what their desk shows as done (scored) or declined (conflict). */
export async function ownReviewsInCall(db: Db, callId: string, reviewerId: string): Promise<{ application_id: string; conflict: boolean }[]> {
  const rows = await reviewDb(db)
    .selectFrom('programme_reviews')
    .innerJoin('programme_applications', 'programme_applications.id', 'programme_reviews.application_id')
    .select(['programme_reviews.application_id', 'programme_reviews.conflict_reason'])
    .where('programme_applications.call_id', '=', callId)
    .where('programme_reviews.reviewer_id', '=', reviewerId)
    .execute();
  return rows.map((r) => ({ application_id: r.application_id, conflict: r.conflict_reason !== null }));
}

export interface TeamReview {
  reviewer_id: string;
  display_name: string | null;
  comment: string | null;
  conflict_reason: string | null;
  scores: Record<string, number>;
}

/** Every review of an application (the operator's view only), conflicts included. */
export async function teamReviews(db: Db, applicationIds: string[]): Promise<Map<string, TeamReview[]>> {
  const byApplication = new Map<string, TeamReview[]>();
  if (applicationIds.length === 0) return byApplication;
  const reviews = await reviewDb(db)
    .selectFrom('programme_reviews')
    .innerJoin('users', 'users.id', 'programme_reviews.reviewer_id')
    .select(['programme_reviews.id', 'programme_reviews.application_id', 'programme_reviews.reviewer_id', 'users.display_name', 'programme_reviews.comment', 'programme_reviews.conflict_reason'])
    .where('programme_reviews.application_id', 'in', applicationIds)
    .orderBy('users.display_name')
    .execute();
  const scores = reviews.length === 0 ? [] : await reviewDb(db).selectFrom('programme_review_scores').selectAll().where('review_id', 'in', reviews.map((r) => r.id)).execute();
  for (const review of reviews) {
    const own = Object.fromEntries(scores.filter((s) => s.review_id === review.id).map((s) => [s.criterion_id, s.score]));
    const list = byApplication.get(review.application_id) ?? [];
    list.push({ reviewer_id: review.reviewer_id, display_name: review.display_name, comment: review.comment, conflict_reason: review.conflict_reason, scores: own });
    byApplication.set(review.application_id, list);
  }
  return byApplication;
}

export interface RankingRow extends RankedApplication {
  application: ReviewApplicationRow;
}

/** The call's ranking: every reviewed application with its weighted score, reviews, spread and rank. */
export async function callRanking(db: Db, callId: string): Promise<RankingRow[]> {
  const [criteria, applications] = await Promise.all([criteriaOf(db, callId), reviewableApplications(db, callId)]);
  const reviews = await teamReviews(db, applications.map((a) => a.id));
  const inputs = applications.map((application) => ({
    applicationId: application.id,
    sortKey: application.reference ?? application.id,
    reviews: (reviews.get(application.id) ?? []).filter((r) => r.conflict_reason === null).map((r): ReviewScores => ({ reviewerId: r.reviewer_id, scores: r.scores })),
  }));
  const byId = new Map(applications.map((a) => [a.id, a]));
  return rankApplications(criteria, inputs).map((row) => ({ ...row, application: byId.get(row.applicationId)! }));
}

export async function interviewsOf(db: Db, applicationId: string): Promise<InterviewRow[]> {
  return reviewDb(db).selectFrom('programme_interviews').selectAll().where('application_id', '=', applicationId).orderBy('held_on', 'desc').orderBy('created_at', 'desc').execute();
}
