import { type Kysely, sql } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { type Locale, pickLocalized } from '../../../platform/i18n/locales.js';
import type { Round, VoteChannel } from '../db/tables.js';
import { findRound, listPublicRounds, phasesOf, scoped, subBudgetsOf, votingRuleOf } from '../queries/budget-queries.js';
import { type BallotProblem, ballotCost, ballotProblem, type VotingRule } from '../voting-rules.js';
import { ballotScope, voteState, votingPhase } from './ballot.js';
import { castBallot, phoneVoterKey, type Voter } from './cast-ballot.js';

type Db = Kysely<PlatformTables>;

/** A round whose vote is open, as a phone menu shows it. */
export interface PhoneRound {
  id: string;
  title: string;
  currency: string;
  rule: VotingRule;
  /** A voter declares being at least this old, as on the web form. */
  minAge: number | null;
  /** Neighbourhoods with their own budget: the voter picks one and votes for its projects only. */
  subBudgets: string[];
}

/** What a phone voter chooses from in a round (or one of its sub-budgets): the feasible projects and the budget. */
export interface PhoneBallotOptions {
  budget: number;
  projects: { id: string; title: string; cost: number }[];
}

export type PhoneChoice = { projectId: string; weight: number };
export type PhoneVoteOutcome = 'recorded' | 'already_voted' | 'closed' | 'invalid';

async function voteIsOpen(db: Db, round: Round, now: Date): Promise<boolean> {
  return voteState(votingPhase(await phasesOf(db, round.commune_id, round.id)), now) === 'open';
}

/** The commune's rounds whose vote is open now. */
export async function phoneVotingRounds(db: Db, communeId: string, locale: Locale, now = new Date()): Promise<PhoneRound[]> {
  const rounds = (await listPublicRounds(db, communeId)).filter((r) => r.status === 'published');
  const open = await Promise.all(rounds.map(async (r) => ((await voteIsOpen(db, r, now)) ? r : null)));
  return Promise.all(
    open.filter((r): r is Round => !!r).map(async (r) => ({
      id: r.id,
      title: pickLocalized(r.title, locale)?.value ?? '',
      currency: r.currency,
      rule: votingRuleOf(r),
      minAge: r.min_age,
      subBudgets: (await subBudgetsOf(db, communeId, r.id)).map((s) => s.neighbourhood),
    })),
  );
}

/** The projects a phone voter may choose in a round, or null for an unknown round or sub-budget. */
export async function phoneBallotOptions(db: Db, communeId: string, roundId: string, subBudget: string | null): Promise<PhoneBallotOptions | null> {
  const round = await findRound(db, communeId, roundId);
  const scope = round && (await ballotScope(db, communeId, round, subBudget ?? undefined));
  if (!scope || (scope.subBudgets.length > 0 && !scope.subBudget)) return null;
  return { budget: scope.budget, projects: scope.projects.map((p) => ({ id: p.id, title: p.title, cost: scope.byId.get(p.id)!.cost })) };
}

const asBallot = (choices: PhoneChoice[]) => new Map(choices.map((c) => [c.projectId, c.weight]));

/** The first problem with a phone ballot under the round's rule (the same check as web and paper), or null. */
export function phoneBallotProblem(rule: VotingRule, options: PhoneBallotOptions, choices: PhoneChoice[]): BallotProblem | null {
  return ballotProblem(rule, asBallot(choices), new Map(options.projects.map((p) => [p.id, p])), options.budget);
}

export const phoneBallotCost = (options: PhoneBallotOptions, choices: PhoneChoice[]) => ballotCost(asBallot(choices), new Map(options.projects.map((p) => [p.id, p])));

/** The caller as a voter: the account that verified this phone (`user:<id>`, its phone as an alias), else the phone itself. */
async function phoneVoter(db: Db, phone: string, subBudget: string | null): Promise<Voter> {
  const account = await db.selectFrom('users').select(['id', 'neighbourhood', 'gender', 'age_band']).where('phone_e164', '=', phone).executeTakeFirst();
  if (account) return { key: `user:${account.id}`, aliases: phoneVoterKey(phone), neighbourhood: account.neighbourhood, gender: account.gender, ageBand: account.age_band };
  return { key: `phone:${phone}`, neighbourhood: subBudget, gender: null, ageBand: null };
}

/** Whether this phone, or the account that verified it, already voted in the round. */
export async function phoneHasVoted(db: Db, communeId: string, roundId: string, phone: string): Promise<boolean> {
  const voter = await phoneVoter(db, phone, null);
  const row = await scoped(db, communeId).selectFrom('budget_voters').select('voter_key').where('round_id', '=', roundId).where('voter_key', 'in', [voter.key, ...(voter.aliases ?? [])]).executeTakeFirst();
  return !!row;
}

/**
 * Casts a ballot from a phone with the web's checks: vote open, sub-budget chosen, age declared when the round
 * asks, the rule's limits. One transaction through `castBallot`; a phone ballot is never changed afterwards.
 */
export async function castBallotFromPhone(
  db: Db,
  commune: { id: string },
  input: { roundId: string; phone: string; subBudget: string | null; choices: PhoneChoice[]; declaredAge: boolean; channel: Extract<VoteChannel, 'ussd' | 'sms' | 'whatsapp'> },
): Promise<PhoneVoteOutcome> {
  const round = await findRound(db, commune.id, input.roundId);
  if (!round || round.status !== 'published' || !(await voteIsOpen(db, round, new Date()))) return 'closed';
  const scope = await ballotScope(db, commune.id, round, input.subBudget ?? undefined);
  if (!scope || (scope.subBudgets.length > 0 && !scope.subBudget)) return 'invalid';
  if (round.min_age !== null && !input.declaredAge) return 'invalid';
  const ballot = asBallot(input.choices);
  if (ballotProblem(scope.rule, ballot, scope.byId, scope.budget)) return 'invalid';
  // No sealing key: castBallot seals a reference only for ballots that may change, which phone ballots never are.
  const outcome = await castBallot(db, commune.id, scope, ballot, await phoneVoter(db, input.phone, scope.subBudget), '', { channel: input.channel });
  return outcome === 'changed' ? 'already_voted' : outcome;
}

/** Voters per month (in the commune's time zone) and channel since a date, for the channels statistics. */
export async function votersByChannel(db: Db, communeId: string, since: Date, timeZone: string): Promise<{ month: string; channel: string; count: number }[]> {
  const rows = await scoped(db, communeId)
    .selectFrom('budget_voters')
    .select([sql<string>`to_char(created_at at time zone ${timeZone}, 'YYYY-MM')`.as('month'), 'channel', (eb) => eb.fn.countAll<number>().as('count')])
    .where('created_at', '>=', since)
    .groupBy([sql`1`, sql`2`])
    .execute();
  return rows.map((r) => ({ month: r.month, channel: r.channel, count: Number(r.count) }));
}
