import type { ColumnType, Generated, Selectable } from 'kysely';
import type { LocalizedText } from '../../../platform/i18n/locales.js';
import type { DatastoreSchema } from '../datastore/table-schema.js';
import type { Json, JsonWithDefault, MaybeDate, MaybeStamp, Stamp } from '../../../platform/db/column-types.js';

type Count = ColumnType<number, number | undefined, number>;

export const datasetStates = ['draft', 'published', 'withdrawn'] as const;
export type DatasetState = (typeof datasetStates)[number];

/** EU Vocabularies "Data theme" codes (DCAT-AP `dcat:theme`). */
export const dataThemes = ['AGRI', 'ECON', 'EDUC', 'ENER', 'ENVI', 'GOVE', 'HEAL', 'INTR', 'JUST', 'REGI', 'SOCI', 'TECH', 'TRAN'] as const;
export type DataTheme = (typeof dataThemes)[number];

/** EU Vocabularies "Frequency" codes (DCAT-AP `dct:accrualPeriodicity`), the ones a commune uses. */
export const updateFrequencies = ['DAILY', 'WEEKLY', 'MONTHLY', 'QUARTERLY', 'ANNUAL_2', 'ANNUAL', 'IRREG', 'NEVER', 'UNKNOWN'] as const;
export type UpdateFrequency = (typeof updateFrequencies)[number];

export type ImportState = 'queued' | 'running' | 'done' | 'failed';

/** A row the import could not load, with its line in the source file (1 = the header). */
export interface ImportRowError {
  line: number;
  column?: string;
  message: string;
}

/** What the import found out about the file before parsing it. */
export interface DetectedFormat {
  encoding?: string;
  delimiter?: string;
  sheet?: string;
  /** The schema staff asked for (a corrected one); the import infers one when absent. */
  schema?: DatastoreSchema;
}

export type OpenDataTables = {
  open_data_datasets: {
    id: Generated<string>;
    commune_id: string;
    name: string;
    title: Json<LocalizedText>;
    description: JsonWithDefault<LocalizedText>;
    themes: JsonWithDefault<DataTheme[]>;
    keywords: JsonWithDefault<string[]>;
    licence_id: string;
    contact_name: string | null;
    contact_email: string | null;
    temporal_start: MaybeDate;
    temporal_end: MaybeDate;
    spatial: string | null;
    frequency: ColumnType<UpdateFrequency, UpdateFrequency | undefined, UpdateFrequency>;
    version: string | null;
    state: ColumnType<DatasetState, DatasetState | undefined, DatasetState>;
    revision: Count;
    created_by: string | null;
    created_at: Stamp;
    modified_at: Stamp;
  };
  open_data_resources: {
    id: Generated<string>;
    commune_id: string;
    dataset_id: string;
    position: Count;
    name: string;
    description: JsonWithDefault<LocalizedText>;
    kind: 'file' | 'link';
    url: string | null;
    storage_key: string | null;
    filename: string | null;
    /** Upper case, as CKAN shows it: CSV, XLSX, JSON, GEOJSON, PDF… */
    format: string;
    media_type: string;
    byte_size: number | null;
    sha256: string | null;
    /** The Table Schema of the imported table, as inferred then corrected by staff. */
    table_schema: ColumnType<DatastoreSchema | null, string | null | undefined, string | null>;
    datastore_active: ColumnType<boolean, boolean | undefined, boolean>;
    datastore_rows: number | null;
    created_at: Stamp;
    modified_at: Stamp;
  };
  open_data_revisions: {
    id: Generated<string>;
    commune_id: string;
    dataset_id: string;
    revision: number;
    actor_id: string | null;
    at: Stamp;
    /** What changed: one entry per field, resource added or removed. */
    changes: Json<RevisionChange[]>;
    /** The dataset and its resources as they were after this revision. */
    snapshot: Json<Record<string, unknown>>;
  };
  open_data_imports: {
    id: Generated<string>;
    commune_id: string;
    resource_id: string;
    state: ColumnType<ImportState, ImportState | undefined, ImportState>;
    bytes_total: Count;
    bytes_read: Count;
    rows_loaded: Count;
    rows_rejected: Count;
    detected: JsonWithDefault<DetectedFormat>;
    errors: JsonWithDefault<ImportRowError[]>;
    failure: string | null;
    created_by: string | null;
    created_at: Stamp;
    finished_at: MaybeStamp;
  };
};

export interface RevisionChange {
  field: string;
  before?: unknown;
  after?: unknown;
}

export type StaffDatasetRow = Selectable<OpenDataTables['open_data_datasets']>;
export type StaffResourceRow = Selectable<OpenDataTables['open_data_resources']>;
export type ImportRow = Selectable<OpenDataTables['open_data_imports']>;
