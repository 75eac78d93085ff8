import type { ColumnType, Generated, Kysely, Selectable } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { LocalizedText } from '../../../platform/i18n/locales.js';
import type { DateOnly, Json, Stamp } from '../../../platform/db/column-types.js';


/** ACTES-like subject matters (level 1 of the French nomenclature, used as SCDL DELIB_MATIERE_CODE). */
export const decisionCategories = {
  public_procurement: '1.1',
  urban_planning: '2.1',
  property: '3.1',
  civil_service: '4.1',
  institutions: '5.1',
  local_finances: '7.1',
  environment: '8.8',
  other: '9.1',
} as const;
export type DecisionCategory = keyof typeof decisionCategories;
export const categoryNames = Object.keys(decisionCategories) as DecisionCategory[];

export const decisionStatuses = ['adopted', 'rejected', 'withdrawn'] as const;
export type DecisionStatus = (typeof decisionStatuses)[number];

export const voteOptions = ['yes', 'no', 'abstain', 'absent'] as const;
export type VoteOption = (typeof voteOptions)[number];

export type CouncilTables = {
  council_sessions: {
    id: Generated<string>;
    commune_id: string;
    session_date: DateOnly;
    title: Json<LocalizedText>;
    place: string;
    /** The commune module's announced meeting this session held, when there was one. */
    meeting_id: string | null;
    created_at: Stamp;
  };
  council_decisions: {
    id: Generated<string>;
    commune_id: string;
    session_id: string;
    number: string;
    year: number;
    decision_date: DateOnly;
    subject: Json<LocalizedText>;
    category: DecisionCategory;
    full_text: Json<LocalizedText>;
    pdf_file_id: string | null;
    members_in_office: number | null;
    present: number | null;
    votes_for: number;
    votes_against: number;
    abstentions: number;
    status: DecisionStatus;
    published_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
    created_at: Stamp;
    updated_at: Stamp;
  };
  council_decision_votes: {
    id: Generated<string>;
    commune_id: string;
    decision_id: string;
    person_id: string;
    option: VoteOption;
  };
};

export type CouncilSession = Selectable<CouncilTables['council_sessions']>;
export type CouncilDecisionRow = Selectable<CouncilTables['council_decisions']>;
export type DecisionVote = Selectable<CouncilTables['council_decision_votes']>;

export const councilDb = (db: Kysely<PlatformTables>): Kysely<PlatformTables & CouncilTables> => db.withTables<CouncilTables>();
