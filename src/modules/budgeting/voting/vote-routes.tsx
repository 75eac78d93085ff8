import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { AppError } from '../../../platform/http/errors.js';
import { idempotent, type IdempotentOutcome, pageOutcome } from '../../../platform/http/idempotency.js';
import { sendPage } from '../../../platform/http/render.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import type { Round } from '../db/tables.js';
import { findRound, scoped } from '../queries/budget-queries.js';
import { registerStaticScript } from '../../../platform/http/static-script.js';
import { ballotScript } from './ballot-script.js';
import { type BallotScope, ballotFromForm, ballotScope, summarize, voteState } from './ballot.js';
import { castBallot, phoneVoterKey } from './cast-ballot.js';
import { roundResults } from './results.js';
import { resultsCsv } from './results-record.js';
import { ResultsPage } from './results-views.js';
import { BallotPage, ReceiptPage, ReviewPage, SubBudgetChooser, type VoteBlock, VoteBlockedPage } from './vote-views.js';

const signedIn = { config: { access: 'signed-in' as const, policy: 'open-participation' as const } };
const pub = { config: { access: 'public' as const } };
type Params = { Params: { id: string }; Querystring: { sub_budget?: string } };
type Form = Record<string, unknown>;

function communeOf(request: FastifyRequest) {
  if (!request.commune) throw new AppError('COMMUNE_NOT_FOUND');
  return request.commune;
}

async function roundOf(request: FastifyRequest<{ Params: { id: string } }>): Promise<Round> {
  const round = await findRound(request.server.platform.db, communeOf(request).id, request.params.id);
  if (!round) throw new AppError('NOT_FOUND');
  return round;
}

/** What stops this person voting now, if anything; checked on every step, the confirmation included. */
function blockFor(request: FastifyRequest, scope: BallotScope): VoteBlock | null {
  const state = voteState(scope.phase, new Date());
  if (state !== 'open') return state;
  if (scope.round.require_verified_phone && !request.actor.user?.phone_e164) return 'phone_required';
  return null;
}

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
const declared = (body: Form) => body.declaration === 'yes';

async function scopeFor(request: FastifyRequest<{ Params: { id: string } }>, subBudget: string | undefined): Promise<BallotScope> {
  const scope = await ballotScope(request.server.platform.db, communeOf(request).id, await roundOf(request), subBudget);
  if (!scope) throw new AppError('NOT_FOUND');
  return scope;
}

/** Said before the form is filled in, not after: a person who may not vote again learns it at once. */
async function hasVoted(request: FastifyRequest, scope: BallotScope): Promise<boolean> {
  const user = request.actor.user!;
  const voterKeys = [`user:${user.id}`, ...phoneVoterKey(user.phone_e164)];
  const row = await scoped(request.server.platform.db, communeOf(request).id).selectFrom('budget_voters').select('channel').where('round_id', '=', scope.round.id).where('voter_key', 'in', voterKeys).executeTakeFirst();
  return !!row;
}

/** The ballot form, or the reason it cannot be shown, or the neighbourhood chooser first. */
async function ballotView(request: FastifyRequest, reply: FastifyReply, scope: BallotScope, body: Form, options: { showProblem: boolean; declarationMissing?: boolean; status?: number }) {
  const block = blockFor(request, scope) ?? (!scope.round.allow_ballot_change && (await hasVoted(request, scope)) ? 'already_voted' : null);
  if (block) return sendPage(request, reply, (ctx) => <VoteBlockedPage ctx={ctx} round={scope.round} block={block} />, block === 'phone_required' ? 403 : 409);
  if (scope.subBudgets.length > 0 && !scope.subBudget) return sendPage(request, reply, (ctx) => <SubBudgetChooser ctx={ctx} scope={scope} />);
  const ballot = ballotFromForm(scope.rule, body);
  const props = { scope, ballot, summary: summarize(scope, ballot), showProblem: options.showProblem, declarationMissing: options.declarationMissing ?? false, declared: declared(body), scriptHref: `/${request.commune!.slug}${ballotScript.path}` };
  return sendPage(request, reply, (ctx) => <BallotPage ctx={ctx} props={props} />, options.status);
}

const htmlOutcome = (request: FastifyRequest, status: number, view: (ctx: ViewContext) => JSX.Element) => pageOutcome(request, view, status);

/** The confirmation: every check again on the server (the form is never trusted), then one transaction. */
async function confirmVote(request: FastifyRequest<Params>, scope: BallotScope, body: Form, db: Kysely<PlatformTables>): Promise<IdempotentOutcome> {
  const block = blockFor(request, scope);
  if (block) return htmlOutcome(request, block === 'phone_required' ? 403 : 409, (ctx) => <VoteBlockedPage ctx={ctx} round={scope.round} block={block} />);
  const ballot = ballotFromForm(scope.rule, body);
  const summary = summarize(scope, ballot);
  const noDeclaration = scope.round.min_age !== null && !declared(body);
  if (!scope.subBudget && scope.subBudgets.length > 0) throw new AppError('VALIDATION_FAILED', 'no sub-budget');
  if (summary.problem || noDeclaration) throw new AppError('VALIDATION_FAILED', summary.problem?.code ?? 'declaration');
  const user = request.actor.user!;
  const voter = { key: `user:${user.id}`, aliases: phoneVoterKey(user.phone_e164), neighbourhood: user.neighbourhood, gender: user.gender, ageBand: user.age_band };
  // `db` is the idempotent request's transaction: the ballot and the stored answer commit together.
  const outcome = await castBallot(db, communeOf(request).id, scope, ballot, voter, request.server.platform.config.sessionSecret);
  if (outcome === 'already_voted' || outcome === 'closed') {
    return htmlOutcome(request, 409, (ctx) => <VoteBlockedPage ctx={ctx} round={scope.round} block={outcome} />);
  }
  return { statusCode: 303, location: `/${communeOf(request).slug}/budgets/${scope.round.id}/vote/done` };
}

/** Voting online and the sealed results, under /<commune>/budgets/<id>/. No audit entry: it would link a person to a time. */
export async function votingRoutes(app: FastifyInstance): Promise<void> {
  registerStaticScript(app, ballotScript);

  app.get<Params>('/budgets/:id/vote', signedIn, async (request, reply) => {
    const scope = await scopeFor(request, request.query.sub_budget ?? request.actor.user?.neighbourhood ?? undefined);
    return ballotView(request, reply, scope, {}, { showProblem: false });
  });

  app.post<Params>('/budgets/:id/vote', signedIn, async (request, reply) => {
    const body = (request.body ?? {}) as Form;
    const scope = await scopeFor(request, text(body.sub_budget));
    if (body.intent !== 'review' || blockFor(request, scope) || !scope.subBudget && scope.subBudgets.length > 0) return ballotView(request, reply, scope, body, { showProblem: true });
    const ballot = ballotFromForm(scope.rule, body);
    const summary = summarize(scope, ballot);
    const declarationMissing = scope.round.min_age !== null && !declared(body);
    if (summary.problem || declarationMissing) return ballotView(request, reply, scope, body, { showProblem: true, declarationMissing, status: 422 });
    return sendPage(request, reply, (ctx) => <ReviewPage ctx={ctx} scope={scope} ballot={ballot} summary={summary} />);
  });

  app.post<Params>('/budgets/:id/vote/confirm', signedIn, async (request, reply) => {
    const body = (request.body ?? {}) as Form;
    const scope = await scopeFor(request, text(body.sub_budget));
    return idempotent(request, reply, 'budget.vote', (db) => confirmVote(request, scope, body, db));
  });

  app.get<Params>('/budgets/:id/vote/done', signedIn, async (request, reply) => {
    const scope = await scopeFor(request, undefined);
    return sendPage(request, reply, (ctx) => <ReceiptPage ctx={ctx} round={scope.round} closesAt={scope.phase?.ends_at ?? null} />);
  });

  app.get<Params>('/budgets/:id/results', pub, async (request, reply) => {
    const round = await roundOf(request);
    const results = await roundResults(request.server.platform.db, communeOf(request).id, round, new Date());
    return sendPage(request, reply, (ctx) => <ResultsPage ctx={ctx} round={round} results={results} />);
  });

  app.get<Params>('/budgets/:id/results.csv', pub, async (request, reply) => {
    const round = await roundOf(request);
    const results = await roundResults(request.server.platform.db, communeOf(request).id, round, new Date());
    if (results.sealed) throw new AppError('NOT_FOUND');
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="results-${round.id}.csv"`).send(resultsCsv(round, results));
  });
}
