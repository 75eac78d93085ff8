import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { isUuid } from '../../../platform/db/uuid.js';
import type { LocalizedText } from '../../../platform/i18n/locales.js';
import { type ReportRow, reportsDb, type ReviewRow, scopedReports } from './tables.js';

export interface AssessableCommitment {
  id: string;
  number: number;
  title: LocalizedText;
  planId: string;
  planTitle: LocalizedText;
}

/** Commitments of the commune's published plans: what civil society and the monitoring body assess. */
function publishedCommitments(db: Kysely<PlatformTables>, communeId: string) {
  return reportsDb(db)
    .selectFrom('accountability_commitments as c')
    .innerJoin('accountability_plans as p', 'p.id', 'c.plan_id')
    .select(['c.id', 'c.number', 'c.title', 'c.plan_id as planId', 'p.title as planTitle'])
    .where('c.commune_id', '=', communeId)
    .where('p.commune_id', '=', communeId)
    .where('p.state', '=', 'published');
}

export async function assessableCommitments(db: Kysely<PlatformTables>, communeId: string): Promise<AssessableCommitment[]> {
  return publishedCommitments(db, communeId).orderBy('p.period_start', 'desc').orderBy('c.number').execute();
}

/** One commitment of a published plan of this commune; a draft's or another commune's is not found. */
export async function assessableCommitment(db: Kysely<PlatformTables>, communeId: string, commitmentId: string): Promise<AssessableCommitment | undefined> {
  if (!isUuid(commitmentId)) return undefined;
  return publishedCommitments(db, communeId).where('c.id', '=', commitmentId).executeTakeFirst();
}

export interface ReportPeriod {
  start: string;
  end: string;
  commune: ReportRow | undefined;
  shadows: ReportRow[];
}

export interface CommitmentAssessments {
  periods: ReportPeriod[];
  review: ReviewRow | undefined;
  earlierReviews: number;
}

/** Reports grouped by period, newest first, the commune's beside civil society's. */
export function groupByPeriod(reports: ReportRow[]): ReportPeriod[] {
  const periods = new Map<string, ReportPeriod>();
  for (const report of reports) {
    const key = `${report.period_start}/${report.period_end}`;
    const period = periods.get(key) ?? { start: report.period_start, end: report.period_end, commune: undefined, shadows: [] };
    if (report.author_kind === 'commune') period.commune = report;
    else period.shadows.push(report);
    periods.set(key, period);
  }
  return [...periods.values()].sort((a, b) => (b.start + b.end).localeCompare(a.start + a.end));
}

/** The published reports and the latest independent review of one commitment of this commune. */
export async function commitmentAssessments(db: Kysely<PlatformTables>, communeId: string, commitmentId: string): Promise<CommitmentAssessments> {
  const scope = scopedReports(db, communeId);
  const [reports, reviews] = await Promise.all([
    scope.selectFrom('accountability_progress_reports').selectAll().where('commitment_id', '=', commitmentId).where('published_at', 'is not', null).orderBy('created_at').execute(),
    scope.selectFrom('accountability_reviews').selectAll().where('commitment_id', '=', commitmentId).orderBy('review_date', 'desc').orderBy('created_at', 'desc').execute(),
  ]);
  return { periods: groupByPeriod(reports), review: reviews[0], earlierReviews: Math.max(0, reviews.length - 1) };
}

/** What one author already wrote on a commitment, to show beside the form (and to prefill a correction). */
export async function ownReports(db: Kysely<PlatformTables>, communeId: string, commitmentId: string, author: { kind: 'commune' } | { kind: 'civil_society'; userId: string }) {
  let query = scopedReports(db, communeId).selectFrom('accountability_progress_reports').selectAll().where('commitment_id', '=', commitmentId).where('author_kind', '=', author.kind);
  if (author.kind === 'civil_society') query = query.where('created_by', '=', author.userId);
  return query.orderBy('period_start', 'desc').execute();
}

export async function reviewsOf(db: Kysely<PlatformTables>, communeId: string, commitmentId: string): Promise<ReviewRow[]> {
  return scopedReports(db, communeId).selectFrom('accountability_reviews').selectAll().where('commitment_id', '=', commitmentId).orderBy('review_date', 'desc').execute();
}
