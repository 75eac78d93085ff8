import type { Kysely } from 'kysely';
import { communeScope } from '../../../platform/db/commune-scope.js';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { VotingRule } from '../voting-rules.js';
import { type BudgetingTables, type PhaseKind, phaseKinds, type Project, type Round, type RoundPhase } from '../db/tables.js';
import { isUuid } from '../../../platform/db/uuid.js';

export type BudgetingDb = Kysely<PlatformTables & BudgetingTables>;
export const budgetingDb = (db: Kysely<PlatformTables>): BudgetingDb => db.withTables<BudgetingTables>();
export const scoped = (db: Kysely<PlatformTables>, communeId: string) => communeScope(budgetingDb(db), communeId);

export { isUuid } from '../../../platform/db/uuid.js';

/** Rounds citizens may see: not drafts, newest first. */
export async function listPublicRounds(db: Kysely<PlatformTables>, communeId: string) {
  return scoped(db, communeId).selectFrom('budget_rounds').selectAll().where('status', '!=', 'draft').orderBy('created_at', 'desc').orderBy('id').execute();
}

export async function listAllRounds(db: Kysely<PlatformTables>, communeId: string) {
  return scoped(db, communeId).selectFrom('budget_rounds').selectAll().orderBy('created_at', 'desc').orderBy('id').execute();
}

export async function findRound(db: Kysely<PlatformTables>, communeId: string, id: string, options: { includeDrafts?: boolean } = {}): Promise<Round | undefined> {
  if (!isUuid(id)) return undefined;
  let query = scoped(db, communeId).selectFrom('budget_rounds').selectAll().where('id', '=', id);
  if (!options.includeDrafts) query = query.where('status', '!=', 'draft');
  return query.executeTakeFirst();
}

/** Phases in their fixed order (ideas → implementation), whichever of them the round uses. */
export async function phasesOf(db: Kysely<PlatformTables>, communeId: string, roundId: string): Promise<RoundPhase[]> {
  const rows = await scoped(db, communeId).selectFrom('budget_round_phases').selectAll().where('round_id', '=', roundId).execute();
  return rows.sort((a, b) => phaseKinds.indexOf(a.kind) - phaseKinds.indexOf(b.kind));
}

export async function subBudgetsOf(db: Kysely<PlatformTables>, communeId: string, roundId: string) {
  return scoped(db, communeId).selectFrom('budget_sub_budgets').selectAll().where('round_id', '=', roundId).orderBy('neighbourhood').execute();
}

export async function projectsOf(db: Kysely<PlatformTables>, communeId: string, roundId: string): Promise<Project[]> {
  return scoped(db, communeId).selectFrom('budget_projects').selectAll().where('round_id', '=', roundId).orderBy('neighbourhood').orderBy('created_at').orderBy('id').execute();
}

export async function findProject(db: Kysely<PlatformTables>, communeId: string, roundId: string, id: string): Promise<Project | undefined> {
  if (!isUuid(id) || !isUuid(roundId)) return undefined;
  return scoped(db, communeId).selectFrom('budget_projects').selectAll().where('round_id', '=', roundId).where('id', '=', id).executeTakeFirst();
}

/** The phase under way at an instant: the latest-starting one whose period contains it. */
export function currentPhase(phases: RoundPhase[], now = new Date()): RoundPhase | null {
  const open = phases.filter((p) => p.starts_at <= now && now < p.ends_at);
  return open.sort((a, b) => b.starts_at.getTime() - a.starts_at.getTime())[0] ?? null;
}

/** Frozen once the voting phase has started: the same test as the database triggers. */
export function isFrozen(phases: Pick<RoundPhase, 'kind' | 'starts_at'>[], now = new Date()): boolean {
  return phases.some((p) => p.kind === 'voting' && p.starts_at <= now);
}

export async function roundIsFrozen(db: Kysely<PlatformTables>, communeId: string, roundId: string): Promise<boolean> {
  const voting = await scoped(db, communeId).selectFrom('budget_round_phases').select(['kind', 'starts_at']).where('round_id', '=', roundId).where('kind', '=', 'voting').execute();
  return isFrozen(voting);
}

/** The round's rule in the shape the counting code takes. */
export function votingRuleOf(round: Pick<Round, 'rule' | 'max_choices' | 'points'>): VotingRule {
  if (round.rule === 'approval') return { kind: 'approval', maxChoices: round.max_choices ?? 1 };
  if (round.rule === 'points') return { kind: 'points', points: round.points ?? 1 };
  return { kind: 'knapsack' };
}

/** The cost voters see: the revised one when the review changed it. */
export const projectCost = (project: Pick<Project, 'estimated_cost' | 'revised_cost'>) => project.revised_cost ?? project.estimated_cost;

export const phaseKind = (value: string | undefined): PhaseKind | undefined => phaseKinds.find((k) => k === value);
