import { type BallotProblem, type PhoneBallotOptions, type PhoneChoice, phoneBallotCost, phoneBallotProblem, type PhoneRound, type PhoneVoteOutcome } from '../../budgeting/index.js';
import { confirmScreen, end, listScreen, pageSize, type Screen, textScreen, type UssdSession } from './flow.js';
import { type Choice, menuScreen, shorten } from './screen.js';

/** What the budget flow needs (wired in ussd/ports.ts over budgeting's index.ts). */
export interface UssdBudgetPorts {
  /** Rounds whose vote is open now. */
  rounds(): Promise<PhoneRound[]>;
  options(roundId: string, subBudget: string | null): Promise<PhoneBallotOptions | null>;
  /** Whether this phone, or the account that verified it, already voted (on any channel), other than by this very request (`key`). */
  hasVoted(roundId: string, idempotencyKey: string): Promise<boolean>;
  /** Casts the ballot once per key: an operator retrying the confirmation casts nothing twice. */
  cast(input: { roundId: string; subBudget: string | null; choices: PhoneChoice[]; declaredAge: boolean }, idempotencyKey: string): Promise<PhoneVoteOutcome>;
}

/** One voter's ballot being filled in on the phone. */
interface Draft {
  round: PhoneRound;
  subBudget: string | null;
  declaredAge: boolean;
  options: PhoneBallotOptions;
  choices: PhoneChoice[];
}

const outcomeKeys: Record<PhoneVoteOutcome, string> = {
  recorded: 'channels.ussd_budget.done',
  already_voted: 'channels.ussd_budget.already',
  closed: 'channels.ussd_budget.closed',
  invalid: 'channels.ussd_budget.invalid',
};

const money = (s: UssdSession, amount: number) => new Intl.NumberFormat(s.locale, { maximumFractionDigits: 0 }).format(amount);
// Arabic's compact form spells "million" out, which leaves no room for the project's name on a 182-character screen.
const compact = (s: UssdSession, amount: number) => new Intl.NumberFormat(s.locale === 'ar' ? 'fr' : s.locale, { notation: 'compact', maximumFractionDigits: 1 }).format(amount);
const weightOf = (draft: Draft, projectId: string) => draft.choices.find((c) => c.projectId === projectId)?.weight ?? 0;

/** The running figure the rule cares about: money left, choices made, or points given. */
function standing(s: UssdSession, draft: Draft): string {
  const { rule } = draft.round;
  if (rule.kind === 'approval') return s.t('channels.ussd_budget.chosen', { count: String(draft.choices.length), max: String(rule.maxChoices) });
  if (rule.kind === 'points') return s.t('channels.ussd_budget.points', { used: String(draft.choices.reduce((sum, c) => sum + c.weight, 0)), max: String(rule.points) });
  return s.t('channels.ussd_budget.total', { total: money(s, phoneBallotCost(draft.options, draft.choices)), budget: money(s, draft.options.budget), currency: draft.round.currency });
}

/** A refused choice says why, on the ballot screen itself; an empty ballot is not a refusal while filling it in. */
function refusal(s: UssdSession, problem: BallotProblem | null): string | null {
  if (!problem || problem.code === 'empty') return null;
  if (problem.code === 'over_budget') return s.t('channels.ussd_budget.over_budget');
  return s.t('channels.ussd_budget.too_many');
}

function withWeight(draft: Draft, projectId: string, weight: number): Draft {
  const others = draft.choices.filter((c) => c.projectId !== projectId);
  return { ...draft, choices: weight > 0 ? [...others, { projectId, weight }] : others };
}

/**
 * The ballot, seven projects a page: a number toggles a project (or asks its points), "8" pages on (back to the
 * first page after the last), "9" reviews. A choice that would break the rule is refused here with the reason.
 */
function ballotScreen(s: UssdSession, ports: UssdBudgetPorts, draft: Draft, path: string[], offset = 0, notice: string | null = null): Screen {
  const { projects } = draft.options;
  const page = projects.slice(offset, offset + pageSize);
  const paged = projects.length > pageSize;
  const mark = (id: string) => {
    const weight = weightOf(draft, id);
    return weight === 0 ? '' : draft.round.rule.kind === 'points' ? `[${weight}] ` : '* ';
  };
  const choices: Choice[] = page.map((p, i) => ({ key: String(i + 1), label: `${mark(p.id)}${compact(s, p.cost)} ${p.title}` }));
  if (paged) choices.push({ key: '8', label: s.t('channels.ussd.more') });
  if (draft.choices.length > 0) choices.push({ key: '9', label: s.t('channels.ussd_budget.validate') });
  const title = notice ? `${notice} ${standing(s, draft)}` : standing(s, draft);
  const update = (next: Draft) => {
    const problem = refusal(s, phoneBallotProblem(draft.round.rule, next.options, next.choices));
    return problem ? ballotScreen(s, ports, draft, path, offset, problem) : ballotScreen(s, ports, next, path, offset);
  };
  return {
    text: menuScreen(title, choices),
    next: async (input) => {
      if (paged && input === '8') return ballotScreen(s, ports, draft, path, offset + pageSize < projects.length ? offset + pageSize : 0);
      if (input === '9' && draft.choices.length > 0) return review(s, ports, draft, path);
      const project = /^[1-7]$/.test(input) ? page[Number(input) - 1] : undefined;
      if (!project) return null;
      if (draft.round.rule.kind !== 'points') return update(withWeight(draft, project.id, weightOf(draft, project.id) > 0 ? 0 : 1));
      const max = draft.round.rule.points;
      const prompt = textScreen(s.t('channels.ussd_budget.points_prompt', { project: shorten(project.title, 60), max: String(max) }), async (typed) => {
        const weight = /^\d{1,6}$/.test(typed) ? Number(typed) : Number.NaN;
        return weight <= max ? update(withWeight(draft, project.id, weight)) : null;
      });
      return { ...prompt, takesZero: true };
    },
  };
}

function review(s: UssdSession, ports: UssdBudgetPorts, draft: Draft, path: string[]): Screen {
  const titles = draft.choices.map((c) => draft.options.projects.find((p) => p.id === c.projectId)?.title ?? '').join(', ');
  const summary = s.t('channels.ussd_budget.review', { projects: shorten(titles, 70), total: money(s, phoneBallotCost(draft.options, draft.choices)), currency: draft.round.currency });
  return confirmScreen(s, summary, async () => {
    const outcome = await ports.cast({ roundId: draft.round.id, subBudget: draft.subBudget, choices: draft.choices, declaredAge: draft.declaredAge }, `${s.sessionId}:${path.join('*')}`);
    return end(s.t(outcomeKeys[outcome]));
  });
}

async function openBallot(s: UssdSession, ports: UssdBudgetPorts, round: PhoneRound, subBudget: string | null, path: string[]): Promise<Screen> {
  const options = await ports.options(round.id, subBudget);
  if (!options || options.projects.length === 0) return end(s.t('channels.ussd_budget.no_projects'));
  const draft: Draft = { round, subBudget, declaredAge: false, options, choices: [] };
  if (round.minAge === null) return ballotScreen(s, ports, draft, path);
  const age = String(round.minAge);
  return {
    text: menuScreen(s.t('channels.ussd_budget.age', { age }), [{ key: '1', label: s.t('channels.ussd_budget.yes') }, { key: '2', label: s.t('channels.ussd_budget.no') }]),
    next: async (answer) => {
      if (answer === '2') return end(s.t('channels.ussd_budget.age_refused', { age }));
      return answer === '1' ? ballotScreen(s, ports, { ...draft, declaredAge: true }, path) : null;
    },
  };
}

async function start(s: UssdSession, ports: UssdBudgetPorts, round: PhoneRound, path: string[]): Promise<Screen> {
  if (await ports.hasVoted(round.id, `${s.sessionId}:${path.join('*')}`)) return end(s.t('channels.ussd_budget.already'));
  if (round.subBudgets.length === 0) return openBallot(s, ports, round, null, path);
  return listScreen(s, s.t('channels.ussd_budget.neighbourhood'), round.subBudgets, (n) => n, (n) => openBallot(s, ports, round, n, path));
}

/** Main menu "6": the open round (or a choice among several), the voter's neighbourhood when it has its own budget, the ballot, "Send". */
export async function budgetFlow(s: UssdSession, ports: UssdBudgetPorts, rounds: PhoneRound[], path: string[]): Promise<Screen> {
  if (rounds.length === 1) return start(s, ports, rounds[0]!, path);
  return listScreen(s, s.t('channels.ussd_budget.pick'), rounds, (round) => round.title, (round) => start(s, ports, round, path));
}
