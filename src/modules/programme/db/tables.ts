import type { ColumnType, Generated, Kysely, Selectable } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { ChoiceOption, Answers, FieldKind } from '../../../platform/forms/typed-fields.js';
import type { Locale, LocalizedText } from '../../../platform/i18n/locales.js';
import type { DateOnly, Json, JsonWithDefault, MaybeStamp, Numeric, Stamp } from '../../../platform/db/column-types.js';
export type { DateOnly, Json, JsonWithDefault, MaybeStamp, Numeric, Stamp };


export const teamRoles = ['operator', 'reviewer'] as const;
export type TeamRole = (typeof teamRoles)[number];
export const audiences = ['communes', 'volunteers'] as const;
export type CallAudience = (typeof audiences)[number];
export const applicationStatuses = ['draft', 'submitted', 'shortlisted', 'selected', 'rejected', 'withdrawn'] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];
export const genders = ['female', 'male', 'other'] as const;
export type Gender = (typeof genders)[number];

export const deploymentStatuses = ['planned', 'active', 'completed', 'ended_early'] as const;
export type DeploymentStatus = (typeof deploymentStatuses)[number];
/** One line of a deployment's terms of reference; `fromNeeds` when it came from the commune's application. */
export interface TermOfReference {
  text: string;
  fromNeeds: boolean;
}

// The typed fields of a call's form are the platform's (shared with the administrative procedures).
export { type Answer, type Answers, type ChoiceOption, type FieldKind, fieldKinds } from '../../../platform/forms/typed-fields.js';

export type ProgrammeTables = {
  programme_team: {
    user_id: string;
    role: TeamRole;
    added_at: Stamp;
    added_by: string | null;
  };
  programme_cohorts: {
    id: Generated<string>;
    slug: string;
    title: Json<LocalizedText>;
    path_starts_on: DateOnly;
    path_ends_on: DateOnly;
    volunteers_abroad_only: ColumnType<boolean, boolean | undefined, boolean>;
    created_at: Stamp;
  };
  programme_calls: {
    id: Generated<string>;
    cohort_id: string;
    slug: string;
    audience: CallAudience;
    title: Json<LocalizedText>;
    description: JsonWithDefault<LocalizedText>;
    eligibility: JsonWithDefault<LocalizedText>;
    languages: JsonWithDefault<Locale[]>;
    opens_on: DateOnly;
    closes_on: DateOnly;
    published_at: MaybeStamp;
    created_at: Stamp;
    updated_at: Stamp;
  };
  programme_call_fields: {
    id: Generated<string>;
    call_id: string;
    key: string;
    position: number;
    kind: FieldKind;
    label: Json<LocalizedText>;
    help: JsonWithDefault<LocalizedText>;
    required: ColumnType<boolean, boolean | undefined, boolean>;
    options: JsonWithDefault<ChoiceOption[]>;
    min_value: Numeric;
    max_value: Numeric;
    max_length: number | null;
    purpose: 'needs' | null;
  };
  programme_applications: {
    id: Generated<string>;
    call_id: string;
    reference: string | null;
    applicant_user_id: string | null;
    entered_by: string | null;
    channel: ColumnType<'web' | 'paper', 'web' | 'paper' | undefined, 'web' | 'paper'>;
    commune_id: string | null;
    applicant_name: string;
    contact: string | null;
    country: string | null;
    gender: Gender | null;
    birth_year: number | null;
    answers: JsonWithDefault<Answers>;
    status: ColumnType<ApplicationStatus, ApplicationStatus | undefined, ApplicationStatus>;
    submitted_at: MaybeStamp;
    decided_at: MaybeStamp;
    decision_sent_at: MaybeStamp;
    created_at: Stamp;
    updated_at: Stamp;
  };
  programme_deployments: {
    id: Generated<string>;
    cohort_id: string;
    commune_id: string;
    commune_application_id: string | null;
    volunteer_application_id: string;
    volunteer_user_id: string | null;
    starts_on: DateOnly;
    ends_on: DateOnly;
    status: ColumnType<DeploymentStatus, DeploymentStatus | undefined, DeploymentStatus>;
    terms: JsonWithDefault<TermOfReference[]>;
    created_at: Stamp;
    created_by: string | null;
  };
};

export type CohortRow = Selectable<ProgrammeTables['programme_cohorts']>;
export type CallRow = Selectable<ProgrammeTables['programme_calls']>;
export type FieldRow = Selectable<ProgrammeTables['programme_call_fields']>;
export type ApplicationRow = Selectable<ProgrammeTables['programme_applications']>;
export type DeploymentRow = Selectable<ProgrammeTables['programme_deployments']>;

export const programmeDb = (db: Kysely<PlatformTables>) => db.withTables<ProgrammeTables>();
