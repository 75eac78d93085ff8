import type { ColumnType, Generated, Kysely, Selectable } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { LocalizedText } from '../../../platform/i18n/locales.js';
import type { Json, JsonWithDefault, MaybeStamp, Stamp, ProgrammeTables } from '../db/tables.js';


export const recommendations = ['select', 'reserve', 'reject'] as const;
export type Recommendation = (typeof recommendations)[number];
/** How a decision reached its applicant. */
export type DecisionChannel = 'inbox' | 'sms' | 'email';

export type ReviewTables = {
  programme_calls: ProgrammeTables['programme_calls'] & { review_closed_at: MaybeStamp };
  programme_applications: ProgrammeTables['programme_applications'] & { decision_sent_via: ColumnType<DecisionChannel[] | null, string | null | undefined, string | null> };
  programme_review_criteria: { id: Generated<string>; call_id: string; position: number; label: Json<LocalizedText>; guide: JsonWithDefault<LocalizedText>; weight: number };
  programme_review_assignments: { call_id: string; user_id: string; assigned_at: Stamp; assigned_by: string | null };
  programme_reviews: { id: Generated<string>; application_id: string; reviewer_id: string; comment: string | null; conflict_reason: string | null; created_at: Stamp; updated_at: Stamp };
  programme_review_scores: { review_id: string; criterion_id: string; score: number };
  programme_interviews: { id: Generated<string>; application_id: string; held_on: ColumnType<string, string, string>; interviewer: string; notes: string; recommendation: Recommendation; recorded_by: string | null; created_at: Stamp };
  programme_messages: { id: Generated<string>; user_id: string; application_id: string | null; body: string; created_at: Stamp; read_at: MaybeStamp };
};

export type CriterionRow = Selectable<ReviewTables['programme_review_criteria']>;
export type ReviewRow = Selectable<ReviewTables['programme_reviews']>;
export type InterviewRow = Selectable<ReviewTables['programme_interviews']>;
export type ReviewCallRow = Selectable<ReviewTables['programme_calls']>;
export type ReviewApplicationRow = Selectable<ReviewTables['programme_applications']>;

export const reviewDb = (db: Kysely<PlatformTables>) => db.withTables<Omit<ProgrammeTables, 'programme_calls' | 'programme_applications'> & ReviewTables>();
