import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { FormState } from '../../../platform/http/forms.js';
import type { Project, SubBudget } from '../db/tables.js';
import { parseAmount } from '../money.js';
import { isUuid, roundIsFrozen, scoped } from '../queries/budget-queries.js';
import { assertNotFrozen, refusingFrozen } from './freeze.js';

type Values = Record<string, string>;
type Errors = FormState['errors'];

const text = (values: Values, name: string, max: number) => (values[name] ?? '').trim().slice(0, max);
const optional = (values: Values, name: string, max: number) => text(values, name, max) || null;

function coordinate(values: Values, name: string, limit: number, errors: Errors): number | null {
  const raw = text(values, name, 30).replace(',', '.');
  if (!raw) return null;
  const n = Number(raw);
  if (!Number.isFinite(n) || Math.abs(n) > limit) errors[name] = 'core.form.invalid';
  return Math.round(n * 1e6) / 1e6;
}

export interface ProjectColumns {
  title: string;
  description: string;
  neighbourhood: string | null;
  estimated_cost: number;
  place: string | null;
  latitude: number | null;
  longitude: number | null;
  responsible_service: string | null;
  proposal_id: string | null;
}

/** Reads the project form; with sub-budgets, the neighbourhood must be one of them (its money comes from there). */
export function parseProjectForm(values: Values, subBudgets: Pick<SubBudget, 'neighbourhood'>[]): { errors: Errors; columns: ProjectColumns | null } {
  const errors: Errors = {};
  const title = text(values, 'title', 200);
  const description = text(values, 'description', 8000);
  if (!title) errors.title = 'core.form.required';
  if (!description) errors.description = 'core.form.required';
  const neighbourhood = optional(values, 'neighbourhood', 120);
  if (subBudgets.length > 0 && !subBudgets.some((s) => s.neighbourhood === neighbourhood)) errors.neighbourhood = 'budgeting.project.neighbourhood_from_sub_budgets';
  const cost = parseAmount(values.estimated_cost);
  if (cost === null) errors.estimated_cost = 'budgeting.form.amount_invalid';
  const latitude = coordinate(values, 'latitude', 90, errors);
  const longitude = coordinate(values, 'longitude', 180, errors);
  if ((latitude === null) !== (longitude === null)) errors[latitude === null ? 'latitude' : 'longitude'] = 'budgeting.project.both_coordinates';
  const proposalId = optional(values, 'proposal_id', 40);
  if (proposalId && !isUuid(proposalId)) errors.proposal_id = 'core.form.invalid';
  if (Object.keys(errors).length > 0) return { errors, columns: null };
  return {
    errors,
    columns: { title, description, neighbourhood, estimated_cost: cost!, place: optional(values, 'place', 300), latitude, longitude, responsible_service: optional(values, 'responsible_service', 200), proposal_id: proposalId },
  };
}

export async function createProject(db: Kysely<PlatformTables>, communeId: string, roundId: string, columns: ProjectColumns & { photo_file_id: string | null }): Promise<string> {
  assertNotFrozen(await roundIsFrozen(db, communeId, roundId));
  const created = await refusingFrozen(() => scoped(db, communeId).insertInto('budget_projects', { ...columns, round_id: roundId }).returning('id').executeTakeFirstOrThrow());
  return created.id;
}

/** Once voting has opened, the title, cost and neighbourhood voters see stay as they were; the rest may still be completed. */
export async function updateProject(db: Kysely<PlatformTables>, communeId: string, project: Project, columns: ProjectColumns & { photo_file_id: string | null }): Promise<void> {
  // The neighbourhood decides which sub-budget's ballot a project is on.
  if (columns.title !== project.title || columns.estimated_cost !== project.estimated_cost || columns.neighbourhood !== project.neighbourhood) assertNotFrozen(await roundIsFrozen(db, communeId, project.round_id));
  // The link to a proposal is set at creation; an edit form does not carry it.
  const { proposal_id: _ignored, ...editable } = columns;
  await refusingFrozen(() => scoped(db, communeId).updateTable('budget_projects').set({ ...editable, photo_file_id: columns.photo_file_id ?? project.photo_file_id }).where('id', '=', project.id).execute());
}

export interface ReviewInput {
  feasibility: 'pending' | 'feasible' | 'not_feasible';
  reason: string | null;
  revisedCost: number | null;
  costNote: string | null;
}

/** Feasible or not (a public reason is required for "not feasible"), and a revised cost explained publicly. */
export function parseReviewForm(values: Values): { errors: Errors; review: ReviewInput | null } {
  const errors: Errors = {};
  const feasibility = (['pending', 'feasible', 'not_feasible'] as const).find((f) => f === values.feasibility);
  if (!feasibility) errors.feasibility = 'core.form.invalid';
  const reason = optional(values, 'feasibility_reason', 2000);
  if (feasibility === 'not_feasible' && !reason) errors.feasibility_reason = 'budgeting.review.reason_required';
  const rawCost = text(values, 'revised_cost', 40);
  const revisedCost = rawCost ? parseAmount(rawCost) : null;
  if (rawCost && revisedCost === null) errors.revised_cost = 'budgeting.form.amount_invalid';
  const costNote = optional(values, 'cost_note', 2000);
  if (revisedCost !== null && !costNote) errors.cost_note = 'budgeting.review.cost_note_required';
  if (Object.keys(errors).length > 0) return { errors, review: null };
  return { errors, review: { feasibility: feasibility!, reason, revisedCost, costNote } };
}

export async function reviewProject(db: Kysely<PlatformTables>, communeId: string, project: Project, review: ReviewInput, staffId: string): Promise<void> {
  if (review.feasibility !== project.feasibility || review.revisedCost !== project.revised_cost) assertNotFrozen(await roundIsFrozen(db, communeId, project.round_id));
  await refusingFrozen(() =>
    scoped(db, communeId)
      .updateTable('budget_projects')
      .set({ feasibility: review.feasibility, feasibility_reason: review.reason, revised_cost: review.revisedCost, cost_note: review.costNote, reviewed_by: staffId, reviewed_at: new Date() })
      .where('id', '=', project.id)
      .execute(),
  );
}
