import type { ColumnType, Generated, Selectable } from 'kysely';
import type { LocalizedText } from '../../../platform/i18n/locales.js';
import type { BudgetingImplementationTables } from './implementation-tables.js';
import type { Json, MaybeStamp, Stamp } from '../../../platform/db/column-types.js';

type Instant = ColumnType<Date, Date | string, Date | string>;
// numeric comes back as a string from both drivers; written as a number or a string.
type Decimal = ColumnType<string | null, number | string | null | undefined, number | string | null>;

export const ruleKinds = ['knapsack', 'approval', 'points'] as const;
export const roundStatuses = ['draft', 'published', 'archived'] as const;
export const phaseKinds = ['ideas', 'review', 'voting', 'results', 'implementation'] as const;
export const feasibilities = ['pending', 'feasible', 'not_feasible'] as const;
export const implementationStatuses = ['planned', 'procurement', 'in_progress', 'done', 'cancelled'] as const;
export const voteChannels = ['web', 'paper', 'mediator', 'ussd', 'sms', 'whatsapp'] as const;

export type RuleKind = (typeof ruleKinds)[number];
export type RoundStatus = (typeof roundStatuses)[number];
export type PhaseKind = (typeof phaseKinds)[number];
export type Feasibility = (typeof feasibilities)[number];
export type ImplementationStatus = (typeof implementationStatuses)[number];
export type VoteChannel = (typeof voteChannels)[number];

/** SQLSTATE of the freeze triggers (see the migration): a ballot-relevant change after the vote opened. */
export const frozenSqlState = 'PB409';

export type BudgetingTables = BudgetingVotingTables & BudgetingImplementationTables & {
  budget_rounds: {
    id: Generated<string>;
    commune_id: string;
    title: Json<LocalizedText>;
    description: Json<LocalizedText>;
    currency: string;
    /** Whole units of the currency. */
    total_amount: number;
    per_neighbourhood: boolean;
    rule: RuleKind;
    max_choices: number | null;
    points: number | null;
    min_age: number | null;
    require_verified_phone: boolean;
    allow_assisted: boolean;
    allow_ballot_change: boolean;
    status: ColumnType<RoundStatus, RoundStatus | undefined, RoundStatus>;
    created_at: Stamp;
  };
  budget_round_phases: {
    id: Generated<string>;
    commune_id: string;
    round_id: string;
    kind: PhaseKind;
    starts_at: Instant;
    ends_at: Instant;
  };
  budget_sub_budgets: {
    round_id: string;
    commune_id: string;
    neighbourhood: string;
    amount: number;
  };
  budget_projects: {
    id: Generated<string>;
    commune_id: string;
    round_id: string;
    proposal_id: string | null;
    title: string;
    description: string;
    neighbourhood: string | null;
    estimated_cost: number;
    revised_cost: number | null;
    cost_note: string | null;
    photo_file_id: string | null;
    place: string | null;
    latitude: Decimal;
    longitude: Decimal;
    responsible_service: string | null;
    feasibility: ColumnType<Feasibility, Feasibility | undefined, Feasibility>;
    feasibility_reason: string | null;
    reviewed_by: string | null;
    reviewed_at: MaybeStamp;
    implementation_status: ImplementationStatus | null;
    implementation_note: string | null;
    progress: number | null;
    spent_to_date: number | null;
    created_at: Stamp;
  };
};

/** Tables of the voting slice: who voted, and the ballots, which share no key (secret ballot). */
export type BudgetingVotingTables = {
  budget_voters: {
    round_id: string;
    commune_id: string;
    /** 'user:<uuid>', 'assisted:<uuid>' or 'phone:<E.164>' (a phone no account verified). */
    voter_key: string;
    channel: VoteChannel;
    neighbourhood: string | null;
    gender: string | null;
    age_band: string | null;
    sealed_ballot_ref: string | null;
    created_at: Stamp;
  };
  budget_ballots: {
    id: Generated<string>;
    commune_id: string;
    round_id: string;
    sub_budget: string | null;
    channel: VoteChannel;
    paper_number: string | null;
  };
  budget_ballot_choices: {
    ballot_id: string;
    commune_id: string;
    project_id: string;
    weight: number;
  };
};

export type Round = Selectable<BudgetingTables['budget_rounds']>;
export type RoundPhase = Selectable<BudgetingTables['budget_round_phases']>;
export type SubBudget = Selectable<BudgetingTables['budget_sub_budgets']>;
export type Project = Selectable<BudgetingTables['budget_projects']>;
