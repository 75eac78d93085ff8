import type { ColumnType, Generated, Kysely, Selectable } from 'kysely';
import { communeScope } from '../../../platform/db/commune-scope.js';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { LocalizedText } from '../../../platform/i18n/locales.js';
import type { Completion, OgpValue, PlanTables } from '../plans/tables.js';
import type { DateOnly, Json, JsonWithDefault, Stamp } from '../../../platform/db/column-types.js';


export const authorKinds = ['commune', 'civil_society'] as const;
export type AuthorKind = (typeof authorKinds)[number];

/** OGP IRM "potential for results" (plans from 2020 on): unclear, modest, substantial. */
export const potentialImpacts = ['unclear', 'modest', 'substantial'] as const;
export type PotentialImpact = (typeof potentialImpacts)[number];
/** IRM completion, which also knows "no evidence available"; the commune's own status never does. */
export const reviewCompletions = ['no_evidence', 'not_started', 'limited', 'substantial', 'complete'] as const;
export type ReviewCompletion = (typeof reviewCompletions)[number];
/** IRM Results Reports' early results: no notable results, modest, significant, outstanding. */
export const earlyResults = ['no_notable_results', 'modest', 'significant', 'outstanding'] as const;
export type EarlyResults = (typeof earlyResults)[number];

export interface EvidenceLink {
  title: string;
  url: string;
}

export type ReportTables = {
  accountability_progress_reports: {
    id: Generated<string>;
    commune_id: string;
    commitment_id: string;
    period_start: DateOnly;
    period_end: DateOnly;
    status: Completion;
    narrative: Json<LocalizedText>;
    challenges: JsonWithDefault<LocalizedText>;
    evidence: JsonWithDefault<EvidenceLink[]>;
    author_kind: AuthorKind;
    organisation: string | null;
    created_by: string | null;
    created_at: Stamp;
    updated_at: Stamp;
    published_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  };
  accountability_reviews: {
    id: Generated<string>;
    commune_id: string;
    commitment_id: string;
    verifiable: boolean;
    ogp_values: JsonWithDefault<OgpValue[]>;
    potential_impact: PotentialImpact;
    completion: ReviewCompletion;
    early_results: EarlyResults | null;
    rationale: Json<LocalizedText>;
    review_date: DateOnly;
    created_by: string | null;
    created_at: Stamp;
  };
};

export type ReportRow = Selectable<ReportTables['accountability_progress_reports']>;
export type ReviewRow = Selectable<ReportTables['accountability_reviews']>;

export const reportsDb = (db: Kysely<PlatformTables>) => db.withTables<ReportTables & PlanTables>();
export const scopedReports = (db: Kysely<PlatformTables>, communeId: string) => communeScope(reportsDb(db), communeId);
