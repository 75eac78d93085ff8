import type { ColumnType, Generated, Kysely, Selectable } from 'kysely';
import { communeScope } from '../../../platform/db/commune-scope.js';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { Stamp } from '../../../platform/db/column-types.js';

/** A stage's JSON: absent until staff first save it. */
type Stage<T> = ColumnType<T | null, string | null | undefined, string | null>;

/** OCDS procurementMethod codelist. */
export const procurementMethods = ['open', 'selective', 'limited', 'direct'] as const;
export type ProcurementMethod = (typeof procurementMethods)[number];
/** OCDS procurementCategory codelist. */
export const procurementCategories = ['goods', 'works', 'services'] as const;
export type ProcurementCategory = (typeof procurementCategories)[number];
/** A few values of the OCDS documentType codelist that a commune's tender actually has. */
export const documentTypes = ['tenderNotice', 'biddingDocuments', 'technicalSpecifications', 'evaluationCriteria', 'contractDraft'] as const;
export type DocumentType = (typeof documentTypes)[number];

/** Amounts are kept as exact decimal text ("1500000.00"); OCDS gets numbers. Dates are YYYY-MM-DD in the commune. */
export interface PlanningStage {
  budgetYear: number | null;
  budgetLineKey: string | null;
  budgetLineLabel: string | null;
  budgetAmount: string | null;
  rationale: string | null;
}

export interface TenderDocument {
  id: string;
  type: DocumentType;
  title: string;
  url: string;
}

export interface TenderStage {
  title: string;
  description: string | null;
  method: ProcurementMethod;
  category: ProcurementCategory;
  value: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  numberOfTenderers: number | null;
  documents: TenderDocument[];
}

export interface AwardStage {
  supplierName: string;
  /** e.g. SN-NINEA (Senegal), MA-ICE (Morocco): free text, as org-id.guide lists many. */
  supplierScheme: string;
  supplierId: string;
  amount: string;
  date: string;
}

export interface Amendment {
  id: string;
  date: string;
  description: string;
  newAmount: string;
}

export interface ContractStage {
  signedDate: string;
  periodStart: string | null;
  periodEnd: string | null;
  /** The value as signed; amendments carry the later values. */
  amount: string;
  amendments: Amendment[];
}

export interface Payment {
  id: string;
  date: string;
  amount: string;
}

export interface ImplementationStage {
  payments: Payment[];
}

export type ContractTables = {
  finance_contract_settings: {
    commune_id: string;
    ocid_prefix: string;
    prefix_registered: ColumnType<boolean, boolean | undefined, boolean>;
    updated_at: Stamp;
  };
  finance_contract_processes: {
    id: Generated<string>;
    commune_id: string;
    ocid: string;
    title: string;
    planning: Stage<PlanningStage>;
    tender: Stage<TenderStage>;
    award: Stage<AwardStage>;
    contract: Stage<ContractStage>;
    implementation: Stage<ImplementationStage>;
    created_at: Stamp;
    updated_at: Stamp;
  };
  finance_contract_releases: {
    id: Generated<string>;
    commune_id: string;
    process_id: string;
    release_id: string;
    tag: string;
    released_at: Stamp;
    release: ColumnType<Record<string, unknown>, string, string>;
    created_by: string | null;
  };
};

export type ContractProcess = Selectable<ContractTables['finance_contract_processes']>;
export type ContractReleaseRow = Selectable<ContractTables['finance_contract_releases']>;
export type ContractSettings = Selectable<ContractTables['finance_contract_settings']>;

export type ContractsDb = Kysely<PlatformTables & ContractTables>;
export const contractsDb = (db: Kysely<PlatformTables>): ContractsDb => db.withTables<ContractTables>();
export const scopedContracts = (db: Kysely<PlatformTables>, communeId: string) => communeScope(contractsDb(db), communeId);
