import type { Kysely } from 'kysely';
import type { Commune, PlatformTables } from '../../../platform/db/platform-tables.js';
import type { FormState } from '../../../platform/http/forms.js';
import { zonedLocalToDate } from '../../../platform/i18n/format.js';
import type { LocalizedText } from '../../../platform/i18n/locales.js';
import { type PhaseKind, phaseKinds, type Round, roundStatuses, ruleKinds } from '../db/tables.js';
import { parseAmount } from '../money.js';
import { isFrozen, phasesOf, scoped, subBudgetsOf } from '../queries/budget-queries.js';
import { assertNotFrozen, refusingFrozen } from './freeze.js';

type Values = Record<string, string>;
type Errors = FormState['errors'];

function localized(values: Values, prefix: string, commune: Commune, max: number): LocalizedText {
  return Object.fromEntries(commune.enabled_locales.map((l) => [l, values[`${prefix}_${l}`]?.trim().slice(0, max) ?? '']).filter(([, v]) => v));
}

function optionalInteger(values: Values, name: string, errors: Errors, min: number, max: number): number | null {
  const raw = (values[name] ?? '').trim();
  if (!raw) return null;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) errors[name] = 'core.form.invalid';
  return n;
}

/** "Neighbourhood: amount", one per line, into sub-budgets; a line that does not read is an error. */
export function parseSubBudgets(text: string): { lines: { neighbourhood: string; amount: number }[]; invalid: boolean } {
  const lines: { neighbourhood: string; amount: number }[] = [];
  let invalid = false;
  for (const line of text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean)) {
    const split = line.lastIndexOf(':');
    const neighbourhood = line.slice(0, Math.max(split, 0)).trim().slice(0, 120);
    const amount = parseAmount(line.slice(split + 1));
    if (split <= 0 || !neighbourhood || amount === null || lines.some((l) => l.neighbourhood === neighbourhood)) invalid = true;
    else lines.push({ neighbourhood, amount });
  }
  return { lines, invalid };
}

export interface RoundInput {
  columns: {
    title: string;
    description: string;
    total_amount: number;
    per_neighbourhood: boolean;
    rule: Round['rule'];
    max_choices: number | null;
    points: number | null;
    min_age: number | null;
    require_verified_phone: boolean;
    allow_assisted: boolean;
    allow_ballot_change: boolean;
    status: Round['status'];
  };
  subBudgets: { neighbourhood: string; amount: number }[];
}

/** Reads the round form; every mistake is named next to its field. */
export function parseRoundForm(values: Values, commune: Commune): { errors: Errors; input: RoundInput | null } {
  const errors: Errors = {};
  const title = localized(values, 'title', commune, 200);
  if (!title[commune.default_locale]) errors[`title_${commune.default_locale}`] = 'core.form.required';
  const total = parseAmount(values.total_amount);
  if (total === null) errors.total_amount = 'budgeting.form.amount_invalid';
  const rule = ruleKinds.find((r) => r === values.rule);
  if (!rule) errors.rule = 'core.form.invalid';
  const maxChoices = optionalInteger(values, 'max_choices', errors, 1, 1000);
  const points = optionalInteger(values, 'points', errors, 1, 10_000);
  if (rule === 'approval' && maxChoices === null) errors.max_choices = 'budgeting.form.max_choices_required';
  if (rule === 'points' && points === null) errors.points = 'budgeting.form.points_required';
  const status = roundStatuses.find((s) => s === values.status);
  if (!status) errors.status = 'core.form.invalid';
  const perNeighbourhood = values.per_neighbourhood === 'on';
  const { lines, invalid } = parseSubBudgets(values.sub_budgets ?? '');
  if (perNeighbourhood && (invalid || lines.length === 0)) errors.sub_budgets = 'budgeting.form.sub_budgets_invalid';
  else if (perNeighbourhood && total !== null && lines.reduce((sum, l) => sum + l.amount, 0) !== total) errors.sub_budgets = 'budgeting.form.sub_budgets_sum';
  const minAge = optionalInteger(values, 'min_age', errors, 0, 120);
  if (Object.keys(errors).length > 0) return { errors, input: null };
  return {
    errors,
    input: {
      columns: {
        title: JSON.stringify(title),
        description: JSON.stringify(localized(values, 'description', commune, 8000)),
        total_amount: total!,
        per_neighbourhood: perNeighbourhood,
        rule: rule!,
        max_choices: rule === 'approval' ? maxChoices : null,
        points: rule === 'points' ? points : null,
        min_age: minAge,
        require_verified_phone: values.require_verified_phone === 'on',
        allow_assisted: values.allow_assisted === 'on',
        allow_ballot_change: values.allow_ballot_change === 'on',
        status: status!,
      },
      subBudgets: perNeighbourhood ? lines : [],
    },
  };
}

export async function createRound(db: Kysely<PlatformTables>, commune: Commune, input: RoundInput): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const inCommune = scoped(trx, commune.id);
    // The currency is the commune's at creation: a later change of settings does not rewrite a voted budget.
    const round = await inCommune.insertInto('budget_rounds', { ...input.columns, currency: commune.currency }).returning('id').executeTakeFirstOrThrow();
    if (input.subBudgets.length > 0) await inCommune.insertInto('budget_sub_budgets', input.subBudgets.map((s) => ({ ...s, round_id: round.id }))).execute();
    return round.id;
  });
}

const sameSubBudgets = (a: { neighbourhood: string; amount: number }[], b: { neighbourhood: string; amount: number }[]) =>
  a.length === b.length && a.every((line) => b.some((other) => other.neighbourhood === line.neighbourhood && other.amount === line.amount));

/** Saves the round; once voting has opened, only wording, status and eligibility may change. */
export async function updateRound(db: Kysely<PlatformTables>, communeId: string, round: Round, input: RoundInput): Promise<void> {
  const existingSubBudgets = await subBudgetsOf(db, communeId, round.id);
  const ballotRelevantChange =
    (['rule', 'max_choices', 'points', 'total_amount', 'per_neighbourhood'] as const).some((k) => input.columns[k] !== round[k]) || !sameSubBudgets(existingSubBudgets, input.subBudgets);
  if (ballotRelevantChange) assertNotFrozen(isFrozen(await phasesOf(db, communeId, round.id)));
  await refusingFrozen(() =>
    db.transaction().execute(async (trx) => {
      const inCommune = scoped(trx, communeId);
      await inCommune.updateTable('budget_rounds').set(input.columns).where('id', '=', round.id).execute();
      if (sameSubBudgets(existingSubBudgets, input.subBudgets)) return;
      await inCommune.deleteFrom('budget_sub_budgets').where('round_id', '=', round.id).execute();
      if (input.subBudgets.length > 0) await inCommune.insertInto('budget_sub_budgets', input.subBudgets.map((s) => ({ ...s, round_id: round.id }))).execute();
    }),
  );
}

export type PhaseInput = { kind: PhaseKind; starts_at: Date; ends_at: Date };

/** Each phase is optional; a used phase has both dates (commune time), ends after it starts, and starts follow the phase order. */
export function parsePhasesForm(values: Values, timeZone: string): { errors: Errors; phases: PhaseInput[] } {
  const errors: Errors = {};
  const phases: PhaseInput[] = [];
  for (const kind of phaseKinds) {
    const start = (values[`${kind}_starts_at`] ?? '').trim();
    const end = (values[`${kind}_ends_at`] ?? '').trim();
    if (!start && !end) continue;
    const startsAt = zonedLocalToDate(start, timeZone);
    const endsAt = zonedLocalToDate(end, timeZone);
    if (!startsAt) errors[`${kind}_starts_at`] = 'core.form.invalid_date';
    if (!endsAt) errors[`${kind}_ends_at`] = 'core.form.invalid_date';
    if (!startsAt || !endsAt) continue;
    if (endsAt <= startsAt) errors[`${kind}_ends_at`] = 'budgeting.phase.ends_before_start';
    else if (phases.length > 0 && startsAt < phases[phases.length - 1]!.starts_at) errors[`${kind}_starts_at`] = 'budgeting.phase.out_of_order';
    else phases.push({ kind, starts_at: startsAt, ends_at: endsAt });
  }
  return { errors, phases };
}

/** Replaces the round's phases; the start of an opened vote cannot move (it would thaw the round). */
export async function savePhases(db: Kysely<PlatformTables>, communeId: string, roundId: string, phases: PhaseInput[]): Promise<void> {
  const existing = await phasesOf(db, communeId, roundId);
  const openedVote = existing.find((p) => p.kind === 'voting' && isFrozen([p]));
  const newVote = phases.find((p) => p.kind === 'voting');
  if (openedVote) assertNotFrozen(newVote?.starts_at.getTime() !== openedVote.starts_at.getTime());
  await refusingFrozen(() =>
    db.transaction().execute(async (trx) => {
      const inCommune = scoped(trx, communeId);
      const kept = phases.map((p) => p.kind);
      const removed = existing.filter((p) => !kept.includes(p.kind)).map((p) => p.id);
      if (removed.length > 0) await inCommune.deleteFrom('budget_round_phases').where('id', 'in', removed).execute();
      for (const phase of phases) {
        const current = existing.find((p) => p.kind === phase.kind);
        if (current) await inCommune.updateTable('budget_round_phases').set({ starts_at: phase.starts_at, ends_at: phase.ends_at }).where('id', '=', current.id).execute();
        else await inCommune.insertInto('budget_round_phases', { ...phase, round_id: roundId }).execute();
      }
    }),
  );
}
