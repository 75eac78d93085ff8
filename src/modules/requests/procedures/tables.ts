import type { ColumnType, Generated, Kysely, Selectable } from 'kysely';
import type { MaybeStamp, Numeric, Stamp } from '../../../platform/db/column-types.js';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { StoredScanColumns } from '../../../platform/forms/scan-files.js';
import type { Answers, ChoiceOption, FieldKind } from '../../../platform/forms/typed-fields.js';
import type { LocalizedText } from '../../../platform/i18n/locales.js';
import type { Request, RequestsTables } from '../db/tables.js';

/** Columns and tables added by migration 2026-12-01T0100_requests_procedures. */
export type ProcedureTables = {
  requests: {
    procedure_id: string | null;
    /** Personal data: read by the requester and the commune's civil-status office only. */
    answers: ColumnType<Answers | null, string | null | undefined, string | null>;
    ready_at: MaybeStamp;
    collected_at: MaybeStamp;
  };
  request_procedure_fields: {
    id: Generated<string>;
    commune_id: string;
    service_id: string;
    key: string;
    kind: FieldKind;
    label: ColumnType<LocalizedText, string, string>;
    help: ColumnType<LocalizedText, string | undefined, string>;
    required: ColumnType<boolean, boolean | undefined, boolean>;
    options: ColumnType<ChoiceOption[], string | undefined, string>;
    min_value: Numeric;
    max_value: Numeric;
    max_length: number | null;
    position: ColumnType<number, number | undefined, number>;
  };
  request_files: StoredScanColumns & {
    id: Generated<string>;
    commune_id: string;
    request_id: string;
    created_at: Stamp;
  };
};

export type ProcedureDb = Kysely<PlatformTables & RequestsTables & ProcedureTables>;
export type ProcedureRequest = Request & Selectable<ProcedureTables['requests']>;
export type ProcedureField = Selectable<ProcedureTables['request_procedure_fields']>;

export const procedureDb = (db: Kysely<PlatformTables>): ProcedureDb => db.withTables<RequestsTables & ProcedureTables>();
