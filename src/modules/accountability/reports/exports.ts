import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { LocalizedText } from '../../../platform/i18n/locales.js';
import type { OpenDataExport } from '../../../platform/module.js';
import { reportsDb } from './tables.js';

const french = (value: LocalizedText) => value.fr ?? Object.values(value).find(Boolean) ?? '';

/** Rows of this commune's published plans only: a draft's commitments are not public yet. */
function onPublishedCommitments(db: Kysely<PlatformTables>, communeId: string) {
  return reportsDb(db)
    .selectFrom('accountability_commitments as c')
    .innerJoin('accountability_plans as p', 'p.id', 'c.plan_id')
    .innerJoin('communes', 'communes.id', 'c.commune_id')
    .where('c.commune_id', '=', communeId)
    .where('p.commune_id', '=', communeId)
    .where('p.state', '=', 'published');
}

const commitmentUrl = (row: { slug: string; planId: string; commitmentId: string }) => `/${row.slug}/plans/${row.planId}/commitments/${row.commitmentId}`;

/** One row per published progress report; the author is "commune" or the civil-society organisation, never a person. */
export async function progressReportRows(db: Kysely<PlatformTables>, communeId: string) {
  const rows = await onPublishedCommitments(db, communeId)
    .innerJoin('accountability_progress_reports as r', 'r.commitment_id', 'c.id')
    .select(['r.id', 'r.period_start', 'r.period_end', 'r.status', 'r.narrative', 'r.challenges', 'r.evidence', 'r.author_kind', 'r.organisation', 'r.published_at', 'c.id as commitmentId', 'c.number', 'c.plan_id as planId', 'communes.slug'])
    .where('r.commune_id', '=', communeId)
    .where('r.published_at', 'is not', null)
    .orderBy('c.number').orderBy('r.period_start').orderBy('r.author_kind')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    commitment_id: row.commitmentId,
    commitment_number: row.number,
    period_start: row.period_start,
    period_end: row.period_end,
    author_kind: row.author_kind,
    organisation: row.organisation ?? '',
    status: row.status,
    narrative: french(row.narrative),
    challenges: french(row.challenges),
    evidence_urls: row.evidence.map((link) => link.url).join(' '),
    published_at: row.published_at?.toISOString() ?? '',
    // Relative URLs: the open-data module prefixes the site's public address.
    url: commitmentUrl(row),
  }));
}

/** One row per review of the independent monitoring body, with OGP IRM's terms as codes. */
export async function reviewRows(db: Kysely<PlatformTables>, communeId: string) {
  const rows = await onPublishedCommitments(db, communeId)
    .innerJoin('accountability_reviews as v', 'v.commitment_id', 'c.id')
    .select(['v.id', 'v.review_date', 'v.verifiable', 'v.ogp_values', 'v.potential_impact', 'v.completion', 'v.early_results', 'v.rationale', 'c.id as commitmentId', 'c.number', 'c.plan_id as planId', 'communes.slug'])
    .where('v.commune_id', '=', communeId)
    .orderBy('c.number').orderBy('v.review_date')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    commitment_id: row.commitmentId,
    commitment_number: row.number,
    review_date: row.review_date,
    verifiable: row.verifiable,
    ogp_values: row.ogp_values.join(' '),
    potential_impact: row.potential_impact,
    completion: row.completion,
    early_results: row.early_results ?? '',
    rationale: french(row.rationale),
    url: commitmentUrl(row),
  }));
}

export const reportExports: OpenDataExport[] = [
  { id: 'accountability-progress-reports', titleKey: 'accountability.reports.exports_title', descriptionKey: 'accountability.reports.exports_description', rows: progressReportRows },
  { id: 'accountability-reviews', titleKey: 'accountability.review.exports_title', descriptionKey: 'accountability.review.exports_description', rows: reviewRows },
];
