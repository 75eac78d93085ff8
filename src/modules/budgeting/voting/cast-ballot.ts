import { sql, type Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { scoped } from '../queries/budget-queries.js';
import { openBallotRef, sealBallotRef } from '../sealed-ref.js';
import type { Ballot } from '../voting-rules.js';
import type { BallotScope } from './ballot.js';
import type { VoteChannel } from '../db/tables.js';

export interface Voter {
  key: string;
  /**
   * Other keys of the same person: 'phone:<E.164>' for an account's verified phone, so that a phone that voted
   * before its account existed (USSD) and the account cannot both vote.
   */
  aliases?: string[];
  neighbourhood: string | null;
  gender: string | null;
  ageBand: string | null;
}

export type CastOutcome = 'recorded' | 'changed' | 'already_voted' | 'closed';

/** How the ballot arrives: online by the voter, or a paper sheet entered by a mediator (never changed). */
export interface CastChannel {
  channel: VoteChannel;
  paperNumber?: string;
}

type Tx = Kysely<PlatformTables>;

async function insertBallot(tx: Tx, communeId: string, scope: BallotScope, ballot: Ballot, via: CastChannel): Promise<string> {
  const inCommune = scoped(tx, communeId);
  // No timestamp and no voter reference: nothing joins this row back to a person (secret ballot).
  const row = await inCommune.insertInto('budget_ballots', { round_id: scope.round.id, sub_budget: scope.subBudget, channel: via.channel, paper_number: via.paperNumber ?? null }).returning('id').executeTakeFirstOrThrow();
  await insertChoices(tx, communeId, row.id, ballot);
  return row.id;
}

async function insertChoices(tx: Tx, communeId: string, ballotId: string, ballot: Ballot): Promise<void> {
  const choices = [...ballot].filter(([, weight]) => weight > 0).map(([project_id, weight]) => ({ ballot_id: ballotId, project_id, weight }));
  await scoped(tx, communeId).insertInto('budget_ballot_choices', choices).execute();
}

/** Replaces the choices of the ballot the voter's sealed reference points to; false when it cannot be opened. */
async function replaceBallot(tx: Tx, communeId: string, scope: BallotScope, ballot: Ballot, voterKey: string, secret: string): Promise<boolean> {
  const inCommune = scoped(tx, communeId);
  // The voter row is locked first, so two changes by one person run one after the other.
  const voter = await inCommune.selectFrom('budget_voters').select('sealed_ballot_ref').where('round_id', '=', scope.round.id).where('voter_key', '=', voterKey).forUpdate().executeTakeFirst();
  const ballotId = voter?.sealed_ballot_ref ? openBallotRef(secret, voter.sealed_ballot_ref) : null;
  if (!ballotId) return false;
  const updated = await inCommune.updateTable('budget_ballots').set({ sub_budget: scope.subBudget }).where('id', '=', ballotId).where('round_id', '=', scope.round.id).returning('id').executeTakeFirst();
  if (!updated) return false;
  await inCommune.deleteFrom('budget_ballot_choices').where('ballot_id', '=', ballotId).execute();
  await insertChoices(tx, communeId, ballotId, ballot);
  return true;
}

/** A phone's key as a voter, or none. */
export const phoneVoterKey = (phone: string | null | undefined): string[] => (phone ? [`phone:${phone}`] : []);

/**
 * Whether the person already voted under another of their keys. The phone keys involved are locked for the
 * transaction first, so a USSD vote and a web vote of one person arriving together run one after the other.
 */
async function aliasVoted(tx: Tx, communeId: string, roundId: string, voter: Voter): Promise<boolean> {
  const aliases = voter.aliases ?? [];
  const phoneKeys = [...new Set([voter.key, ...aliases])].filter((key) => key.startsWith('phone:')).sort();
  for (const key of phoneKeys) await sql`select pg_advisory_xact_lock(hashtext(${`${roundId}/${key}`}))`.execute(tx);
  if (aliases.length === 0) return false;
  return !!(await scoped(tx, communeId).selectFrom('budget_voters').select('voter_key').where('round_id', '=', roundId).where('voter_key', 'in', aliases).executeTakeFirst());
}

/**
 * One person, one ballot (ADR 0003): the voter row and the ballot are written in one transaction; the voter
 * row's primary key decides, whatever process the request reached. The ballot must already be checked.
 * Given a transaction (`db.isTransaction`), it writes in it and leaves the commit to the caller.
 */
export async function castBallot(db: Kysely<PlatformTables>, communeId: string, scope: BallotScope, ballot: Ballot, voter: Voter, secret: string, via: CastChannel = { channel: 'web' }): Promise<CastOutcome> {
  // Only an online ballot can be changed; a paper sheet, once in the box, stays as it is.
  const mayChange = scope.round.allow_ballot_change && via.channel === 'web';
  // In the caller's transaction when there is one (an idempotent confirmation), else in its own.
  return inTransaction(db, async (tx) => {
    const inCommune = scoped(tx, communeId);
    // Re-checked inside the transaction: the vote may have closed since the page was shown.
    const open = await inCommune.selectFrom('budget_round_phases').select('id').where('round_id', '=', scope.round.id).where('kind', '=', 'voting').where('starts_at', '<=', sql<Date>`now()`).where('ends_at', '>', sql<Date>`now()`).executeTakeFirst();
    if (!open) return 'closed';
    if (await aliasVoted(tx, communeId, scope.round.id, voter)) return 'already_voted';
    const inserted = await inCommune
      .insertInto('budget_voters', { round_id: scope.round.id, voter_key: voter.key, channel: via.channel, neighbourhood: voter.neighbourhood, gender: voter.gender, age_band: voter.ageBand })
      .onConflict((oc) => oc.columns(['round_id', 'voter_key']).doNothing())
      .returning('voter_key')
      .executeTakeFirst();
    if (!inserted) {
      if (!mayChange) return 'already_voted';
      return (await replaceBallot(tx, communeId, scope, ballot, voter.key, secret)) ? 'changed' : 'already_voted';
    }
    const ballotId = await insertBallot(tx, communeId, scope, ballot, via);
    if (mayChange) {
      await inCommune.updateTable('budget_voters').set({ sealed_ballot_ref: sealBallotRef(secret, ballotId) }).where('round_id', '=', scope.round.id).where('voter_key', '=', voter.key).execute();
    }
    return 'recorded';
  });
}
