import type { ColumnType, Generated, Kysely, Selectable } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { DateOnly, Numeric, Stamp, ProgrammeTables } from '../db/tables.js';


export const stepStatuses = ['planned', 'in_progress', 'done', 'blocked'] as const;
export type StepStatus = (typeof stepStatuses)[number];

export type PathTables = ProgrammeTables & {
  programme_path_steps: {
    id: Generated<string>;
    deployment_id: string;
    position: number;
    template: string | null;
    title: string;
    owner: ColumnType<string, string | undefined, string>;
    due_on: DateOnly;
    status: ColumnType<StepStatus, StepStatus | undefined, StepStatus>;
    evidence: ColumnType<string, string | undefined, string>;
    evidence_url: string | null;
    indicator: string | null;
    target: Numeric;
    created_at: Stamp;
    updated_at: Stamp;
  };
};

export type StepRow = Selectable<PathTables['programme_path_steps']>;

export const pathDb = (db: Kysely<PlatformTables>) => db.withTables<PathTables>();
