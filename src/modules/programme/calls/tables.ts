import type { ColumnType, Generated, Kysely, Selectable } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { StoredScanColumns } from '../../../platform/forms/scan-files.js';
import type { Stamp, ProgrammeTables } from '../db/tables.js';


/** The tables of the calls slice (migration 2026-11-29T0100_programme_calls). */
export type CallsTables = ProgrammeTables & {
  programme_files: StoredScanColumns & {
    id: Generated<string>;
    application_id: string;
    uploaded_by: string | null;
    created_at: Stamp;
  };
  programme_applications: ProgrammeTables['programme_applications'] & {
    draft_values: ColumnType<Record<string, string>, string | undefined, string>;
    withdrawn_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  };
};

export type ProgrammeFileRow = Selectable<CallsTables['programme_files']>;
export type FullApplicationRow = Selectable<CallsTables['programme_applications']>;

export const callsDb = (db: Kysely<PlatformTables>) => db.withTables<CallsTables>();
