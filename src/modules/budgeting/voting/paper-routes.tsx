import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../../../platform/audit/audit.js';
import { normalisePhone } from '../../../platform/auth/identifier.js';
import { AppError } from '../../../platform/http/errors.js';
import { redirectWithFlash, sendPage } from '../../../platform/http/render.js';
import type { RouteAccess } from '../../../platform/permissions/route-access.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import type { Round } from '../db/tables.js';
import { findRound, isUuid } from '../queries/budget-queries.js';
import { ballotFromForm, ballotScope, summarize, voteState } from './ballot.js';
import { castBallot, type CastOutcome, phoneVoterKey, type Voter } from './cast-ballot.js';
import { PaperBallotPage } from './paper-views.js';
import { problemMessage } from './vote-views.js';

const mediators: RouteAccess = { communeRoles: ['mediator', 'staff', 'admin'] };
type Params = { Params: { id: string } };
type Form = Record<string, unknown>;
const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

async function roundOf(request: FastifyRequest<Params>): Promise<Round> {
  const round = await findRound(request.server.platform.db, request.commune!.id, request.params.id);
  if (!round) throw new AppError('NOT_FOUND');
  return round;
}

/** The person the sheet belongs to: an account by its phone, or an assisted participant of this commune. */
export async function voterOf(request: FastifyRequest, round: Round, body: Form): Promise<Voter | null> {
  const { db } = request.server.platform;
  const assistedId = text(body.assisted_id);
  if (assistedId && round.allow_assisted && isUuid(assistedId)) {
    const person = await db.selectFrom('assisted_participants').select(['id', 'neighbourhood', 'gender', 'age_band']).where('commune_id', '=', request.commune!.id).where('id', '=', assistedId).executeTakeFirst();
    return person ? { key: `assisted:${person.id}`, neighbourhood: person.neighbourhood, gender: person.gender, ageBand: person.age_band } : null;
  }
  const phone = normalisePhone(text(body.voter_phone), request.commune!.country);
  if (!phone) return null;
  const user = await db.selectFrom('users').select(['id', 'neighbourhood', 'gender', 'age_band']).where('phone_e164', '=', phone).executeTakeFirst();
  return user ? { key: `user:${user.id}`, aliases: phoneVoterKey(phone), neighbourhood: user.neighbourhood, gender: user.gender, ageBand: user.age_band } : null;
}

async function formPage(request: FastifyRequest<Params>, reply: FastifyReply, round: Round, values: Form, error: ((ctx: ViewContext) => string) | null, status = 200) {
  const { db } = request.server.platform;
  const scope = await ballotScope(db, request.commune!.id, round, undefined);
  // Every feasible project, whatever the sub-budget: the server checks the sheet against the one chosen.
  const all = scope && scope.subBudgets.length > 0 ? await Promise.all(scope.subBudgets.map(async (s) => (await ballotScope(db, request.commune!.id, round, s.neighbourhood))?.projects ?? [])) : [scope?.projects ?? []];
  const assisted = round.allow_assisted ? await db.selectFrom('assisted_participants').select(['id', 'full_name']).where('commune_id', '=', request.commune!.id).orderBy('full_name').execute() : [];
  return sendPage(request, reply, (ctx) => <PaperBallotPage ctx={ctx} props={{ round, subBudgets: scope?.subBudgets ?? [], projects: all.flat(), assisted, values, error: error ? error(ctx) : null }} />, status);
}

const refusalKeys: Partial<Record<CastOutcome | 'paper_taken', string>> = {
  already_voted: 'budgeting.paper.already_voted',
  closed: 'budgeting.vote.closed',
  paper_taken: 'budgeting.paper.paper_taken',
};

/** One sheet, one entry: the unique paper number per round is the database's answer to a sheet entered twice. */
async function castPaper(request: FastifyRequest, ...args: Parameters<typeof castBallot>): Promise<CastOutcome | 'paper_taken'> {
  try {
    return await castBallot(...args);
  } catch (error) {
    if ((error as { code?: string }).code === '23505' && String((error as { constraint?: string }).constraint ?? error).includes('budget_ballots_paper_once')) return 'paper_taken';
    throw error;
  }
}

/** Paper ballots entered in the back-office by mediators and polling officers (access: mediator, staff, admin). */
export async function paperBallotRoutes(app: FastifyInstance): Promise<void> {
  app.get<Params>('/budgets/:id/paper', { config: { access: mediators } }, async (request, reply) => formPage(request, reply, await roundOf(request), {}, null));

  app.post<Params>('/budgets/:id/paper', { config: { access: mediators } }, async (request, reply) => {
    const round = await roundOf(request);
    const body = (request.body ?? {}) as Form;
    const { db, config } = request.server.platform;
    const scope = await ballotScope(db, request.commune!.id, round, text(body.sub_budget) || undefined);
    if (!scope || voteState(scope.phase, new Date()) !== 'open') return formPage(request, reply, round, body, (ctx) => ctx.t('budgeting.vote.not_open'), 409);
    const paperNumber = text(body.paper_number);
    if (!paperNumber || paperNumber.length > 40) return formPage(request, reply, round, body, (ctx) => ctx.t('budgeting.paper.number_missing'), 422);
    const voter = await voterOf(request, round, body);
    if (!voter) return formPage(request, reply, round, body, (ctx) => ctx.t('budgeting.paper.voter_not_found'), 422);
    const ballot = ballotFromForm(scope.rule, body);
    const { problem } = summarize(scope, ballot);
    if (problem) return formPage(request, reply, round, body, (ctx) => problemMessage(ctx, round, problem), 422);
    const outcome = await castPaper(request, db, request.commune!.id, scope, ballot, voter, config.sessionSecret, { channel: 'paper', paperNumber });
    const refusal = refusalKeys[outcome];
    if (refusal) return formPage(request, reply, round, body, (ctx) => ctx.t(refusal), 409);
    // Who entered a sheet, for which round — never the voter, the sheet number or the choices.
    await recordAudit(db, { communeId: request.commune!.id, actorUserId: request.actor.user?.id ?? null, action: 'budget_round.paper_ballot_entered', resourceType: 'budget_round', resourceId: round.id, ip: request.ip });
    return redirectWithFlash(reply, `/${request.commune!.slug}/admin/budgets/${round.id}/paper`, 'budgeting.paper.recorded');
  });
}
