import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { Project, RoundPhase } from '../db/tables.js';
import { scoped } from './budget-queries.js';

/**
 * A project can be tracked once it was found feasible and, when its round had a vote, once that vote has
 * closed and the project was funded by it (the winners of the results page).
 */
export function canTrack(phases: Pick<RoundPhase, 'kind' | 'ends_at'>[], project: Pick<Project, 'id' | 'feasibility'>, fundedIds: ReadonlySet<string> | null, now = new Date()): boolean {
  const voting = phases.find((p) => p.kind === 'voting');
  if (project.feasibility !== 'feasible') return false;
  return !voting || (voting.ends_at <= now && !!fundedIds?.has(project.id));
}

/** Projects with an implementation status, by neighbourhood then creation: what the public follows. */
export async function trackedProjectsOf(db: Kysely<PlatformTables>, communeId: string, roundId: string): Promise<Project[]> {
  return scoped(db, communeId)
    .selectFrom('budget_projects')
    .selectAll()
    .where('round_id', '=', roundId)
    .where('implementation_status', 'is not', null)
    .orderBy('neighbourhood')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** A project's public history, newest first; who wrote each update is not selected (not published). */
export async function updatesOf(db: Kysely<PlatformTables>, communeId: string, projectId: string) {
  return scoped(db, communeId)
    .selectFrom('budget_project_updates')
    .select(['id', 'status', 'progress', 'spent_to_date', 'note', 'created_at'])
    .where('project_id', '=', projectId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
}

export type PublicUpdate = Awaited<ReturnType<typeof updatesOf>>[number];

export async function photosOf(db: Kysely<PlatformTables>, communeId: string, projectId: string) {
  return scoped(db, communeId)
    .selectFrom('budget_project_photos')
    .innerJoin('stored_files', 'stored_files.id', 'budget_project_photos.file_id')
    .select(['budget_project_photos.id', 'budget_project_photos.file_id', 'budget_project_photos.caption', 'stored_files.width', 'stored_files.height'])
    .where('budget_project_photos.project_id', '=', projectId)
    .orderBy('budget_project_photos.created_at')
    .orderBy('budget_project_photos.id')
    .limit(100)
    .execute();
}

export type ProjectPhoto = Awaited<ReturnType<typeof photosOf>>[number];

/** The date of each tracked project's latest update, for the public list and the export. */
export async function lastUpdateDates(db: Kysely<PlatformTables>, communeId: string, projectIds: string[]): Promise<Map<string, Date>> {
  if (projectIds.length === 0) return new Map();
  const rows = await scoped(db, communeId)
    .selectFrom('budget_project_updates')
    .select(['project_id', (eb) => eb.fn.max('created_at').as('last')])
    .where('project_id', 'in', projectIds)
    .groupBy('project_id')
    .execute();
  return new Map(rows.map((r) => [r.project_id, new Date(r.last)]));
}
