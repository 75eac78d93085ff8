import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { FormState } from '../../../platform/http/forms.js';
import { type ImplementationStatus, implementationStatuses, type Project } from '../db/tables.js';
import { parseAmount } from '../money.js';
import { scoped } from '../queries/budget-queries.js';
import { refusingFrozen } from './freeze.js';

type Values = Record<string, string>;
type Errors = FormState['errors'];

export interface ImplementationInput {
  status: ImplementationStatus;
  progress: number;
  spentToDate: number | null;
  note: string | null;
}

/** Nothing spent yet is a valid amount here, unlike a cost. */
function parseSpending(raw: string): number | null | 'invalid' {
  const trimmed = raw.trim();
  if (!trimmed) return null;
  if (/^0+$/.test(trimmed)) return 0;
  return parseAmount(trimmed) ?? 'invalid';
}

/** Reads the implementation form: progress 0–100, "done" means 100 %, "cancelled" needs a public reason. */
export function parseImplementationForm(values: Values): { errors: Errors; input: ImplementationInput | null } {
  const errors: Errors = {};
  const status = implementationStatuses.find((s) => s === values.implementation_status);
  if (!status) errors.implementation_status = 'core.form.invalid';
  const rawProgress = (values.progress ?? '').trim();
  const progress = Number(rawProgress);
  if (!rawProgress || !Number.isInteger(progress) || progress < 0 || progress > 100) errors.progress = 'budgeting.tracking.progress_invalid';
  else if (status === 'done' && progress !== 100) errors.progress = 'budgeting.tracking.done_needs_full_progress';
  const spentToDate = parseSpending(values.spent_to_date ?? '');
  if (spentToDate === 'invalid') errors.spent_to_date = 'budgeting.form.amount_invalid';
  const note = (values.implementation_note ?? '').trim().slice(0, 2000) || null;
  if (status === 'cancelled' && !note) errors.implementation_note = 'budgeting.tracking.cancel_reason_required';
  if (Object.keys(errors).length > 0) return { errors, input: null };
  return { errors, input: { status: status!, progress, spentToDate: spentToDate as number | null, note } };
}

/** One save: the update joins the public history and becomes the project's current state, together or not at all. */
export async function recordImplementationUpdate(db: Kysely<PlatformTables>, communeId: string, project: Project, input: ImplementationInput, staffId: string | null): Promise<string> {
  return refusingFrozen(() =>
    db.transaction().execute(async (trx) => {
      const inCommune = scoped(trx, communeId);
      const update = await inCommune
        .insertInto('budget_project_updates', { project_id: project.id, status: input.status, progress: input.progress, spent_to_date: input.spentToDate, note: input.note, created_by: staffId })
        .returning('id')
        .executeTakeFirstOrThrow();
      await inCommune
        .updateTable('budget_projects')
        .set({ implementation_status: input.status, progress: input.progress, spent_to_date: input.spentToDate, implementation_note: input.note })
        .where('id', '=', project.id)
        .execute();
      return update.id;
    }),
  );
}

export async function addProjectPhoto(db: Kysely<PlatformTables>, communeId: string, projectId: string, fileId: string, caption: string): Promise<string> {
  const photo = await scoped(db, communeId).insertInto('budget_project_photos', { project_id: projectId, file_id: fileId, caption }).returning('id').executeTakeFirstOrThrow();
  return photo.id;
}
