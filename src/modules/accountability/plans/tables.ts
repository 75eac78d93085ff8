import type { ColumnType, Generated, Kysely, Selectable } from 'kysely';
import { communeScope } from '../../../platform/db/commune-scope.js';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { LocalizedText } from '../../../platform/i18n/locales.js';
import type { DateOnly, Json, JsonWithDefault, MaybeDate, Stamp } from '../../../platform/db/column-types.js';

type Weight = ColumnType<number, number | undefined, number>;

/** OGP's completion scale, for commitments and milestones alike. */
export const completionLevels = ['not_started', 'limited', 'substantial', 'complete'] as const;
export type Completion = (typeof completionLevels)[number];
export const ogpValues = ['transparency', 'participation', 'accountability', 'inclusion', 'technology'] as const;
export type OgpValue = (typeof ogpValues)[number];
export const planKinds = ['ogp_action_plan', 'development_plan', 'other'] as const;
export type PlanKind = (typeof planKinds)[number];
/** The IAP2 spectrum of public participation. */
export const influenceLevels = ['inform', 'consult', 'involve', 'collaborate', 'empower'] as const;
export type InfluenceLevel = (typeof influenceLevels)[number];

type CompletionColumn = ColumnType<Completion, Completion | undefined, Completion>;

export type PlanTables = {
  accountability_plans: {
    id: Generated<string>;
    commune_id: string;
    kind: PlanKind;
    title: Json<LocalizedText>;
    description: JsonWithDefault<LocalizedText>;
    period_start: DateOnly;
    period_end: DateOnly;
    influence_level: InfluenceLevel | null;
    state: ColumnType<'draft' | 'published', 'draft' | 'published' | undefined, 'draft' | 'published'>;
    created_at: Stamp;
    updated_at: Stamp;
  };
  accountability_plan_sources: { commune_id: string; plan_id: string; consultation_id: string };
  accountability_commitments: {
    id: Generated<string>;
    commune_id: string;
    plan_id: string;
    number: number;
    title: Json<LocalizedText>;
    problem: JsonWithDefault<LocalizedText>;
    action: JsonWithDefault<LocalizedText>;
    solution: JsonWithDefault<LocalizedText>;
    expected_results: JsonWithDefault<LocalizedText>;
    ogp_values: JsonWithDefault<OgpValue[]>;
    lead_institution: ColumnType<string, string | undefined, string>;
    supporters_government: ColumnType<string, string | undefined, string>;
    supporters_civil_society: ColumnType<string, string | undefined, string>;
    supporters_other: ColumnType<string, string | undefined, string>;
    contact_name: string | null;
    contact_email: string | null;
    start_date: MaybeDate;
    end_date: MaybeDate;
    policy_area: ColumnType<string, string | undefined, string>;
    budget_amount: ColumnType<string | null, string | number | null | undefined, string | number | null>;
    budget_lines: JsonWithDefault<string[]>;
    sdgs: JsonWithDefault<number[]>;
    weight: Weight;
    status: CompletionColumn;
    created_at: Stamp;
    updated_at: Stamp;
  };
  accountability_milestones: {
    id: Generated<string>;
    commune_id: string;
    commitment_id: string;
    position: Weight;
    title: Json<LocalizedText>;
    deliverable: JsonWithDefault<LocalizedText>;
    start_date: MaybeDate;
    end_date: MaybeDate;
    responsible: ColumnType<string, string | undefined, string>;
    weight: Weight;
    status: CompletionColumn;
    updated_at: Stamp;
  };
  accountability_evidence: {
    id: Generated<string>;
    commune_id: string;
    commitment_id: string;
    milestone_id: string | null;
    kind: 'document' | 'link' | 'photo';
    title: string;
    url: string | null;
    file_id: string | null;
    added_by: string | null;
    added_at: Stamp;
  };
};

export type PlanRow = Selectable<PlanTables['accountability_plans']>;
export type CommitmentRow = Selectable<PlanTables['accountability_commitments']>;
export type MilestoneRow = Selectable<PlanTables['accountability_milestones']>;

export const plansDb = (db: Kysely<PlatformTables>) => db.withTables<PlanTables>();
export const scopedPlans = (db: Kysely<PlatformTables>, communeId: string) => communeScope(plansDb(db), communeId);
