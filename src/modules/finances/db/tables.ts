import type { ColumnType, Generated, Selectable } from 'kysely';
import type { LocalizedText } from '../../../platform/i18n/locales.js';
import type { Json, JsonWithDefault, MaybeStamp, Stamp } from '../../../platform/db/column-types.js';

/** `numeric` comes back from PostgreSQL as text, exact; written as a number or text. */
type Amount = ColumnType<string, string | number, string | number>;
type MaybeAmount = ColumnType<string | null, string | number | null | undefined, string | number | null>;
type Count = ColumnType<number, number | undefined, number>;

/** The budget cycle: the mayor's proposal, the council's vote, amendments during the year, the accounts. */
export const budgetPhases = ['proposed', 'adopted', 'amended', 'executed'] as const;
export type BudgetPhase = (typeof budgetPhases)[number];
export const budgetDirections = ['revenue', 'expenditure'] as const;
export type BudgetDirection = (typeof budgetDirections)[number];
export const budgetSections = ['operating', 'investment'] as const;
export type BudgetSection = (typeof budgetSections)[number];

export type BudgetImportState = 'mapping' | 'applied' | 'unchanged' | 'failed';

/** A row the budget import refused, with its line in the file (1 = the header). */
export interface BudgetRowError {
  line: number;
  column?: string;
  message: string;
}

/** Which column of the file holds each budget field (by header text), chosen by staff when headers differ. */
export type ColumnMapping = Partial<Record<string, string>>;

export interface CitizenBudgetSection {
  heading: LocalizedText;
  body: LocalizedText;
  /** A chart of the year's figures shown under the text. */
  chart?: 'overview' | 'functions' | 'sections' | 'execution';
}

export type FinanceTables = {
  finance_budget_imports: {
    id: Generated<string>;
    commune_id: string;
    year: number;
    phase: BudgetPhase;
    filename: string;
    storage_key: string;
    sha256: string;
    mapping: JsonWithDefault<ColumnMapping>;
    state: ColumnType<BudgetImportState, BudgetImportState | undefined, BudgetImportState>;
    lines_loaded: Count;
    lines_rejected: Count;
    errors: JsonWithDefault<BudgetRowError[]>;
    created_by: string | null;
    created_at: Stamp;
    applied_at: MaybeStamp;
  };
  finance_budget_lines: {
    id: Generated<string>;
    commune_id: string;
    year: number;
    phase: BudgetPhase;
    direction: BudgetDirection;
    section: BudgetSection;
    nature_code: string;
    nature_label: string;
    function_code: ColumnType<string, string | undefined, string>;
    function_label: ColumnType<string, string | undefined, string>;
    line_key: string;
    amount: Amount;
    paid_amount: MaybeAmount;
    import_id: string | null;
  };
  finance_cofog_crosswalk: {
    commune_id: string;
    function_code: string;
    cofog_code: string;
    updated_at: Stamp;
  };
  finance_citizen_budgets: {
    id: Generated<string>;
    commune_id: string;
    year: number;
    title: Json<LocalizedText>;
    introduction: JsonWithDefault<LocalizedText>;
    sections: JsonWithDefault<CitizenBudgetSection[]>;
    published: ColumnType<boolean, boolean | undefined, boolean>;
    updated_by: string | null;
    updated_at: Stamp;
  };
  finance_line_links: {
    id: Generated<string>;
    commune_id: string;
    year: number;
    line_key: string;
    target_type: 'budget_project' | 'commitment' | 'council_decision';
    target_id: string;
    created_at: Stamp;
  };
};

export type BudgetLineRow = Selectable<FinanceTables['finance_budget_lines']>;
export type BudgetImportRow = Selectable<FinanceTables['finance_budget_imports']>;
export type CitizenBudgetRow = Selectable<FinanceTables['finance_citizen_budgets']>;
