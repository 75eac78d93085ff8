import type { ColumnType, Generated, Selectable } from 'kysely';
import type { ImplementationStatus } from './tables.js';
import type { Stamp } from '../../../platform/db/column-types.js';


/** Implementation tracking: the history of each project's progress, and photos of the works. */
export type BudgetingImplementationTables = {
  budget_project_updates: {
    id: Generated<string>;
    commune_id: string;
    project_id: string;
    status: ImplementationStatus;
    progress: number;
    spent_to_date: number | null;
    note: string | null;
    created_by: string | null;
    created_at: Stamp;
  };
  budget_project_photos: {
    id: Generated<string>;
    commune_id: string;
    project_id: string;
    file_id: string;
    caption: ColumnType<string, string | undefined, string>;
    created_at: Stamp;
  };
};

export type ProjectUpdate = Selectable<BudgetingImplementationTables['budget_project_updates']>;
