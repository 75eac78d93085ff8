import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../../../platform/audit/audit.js';
import { AppError } from '../../../platform/http/errors.js';
import { sendPage } from '../../../platform/http/render.js';
import type { RouteAccess } from '../../../platform/permissions/route-access.js';
import { CsrfField, Localized, Notice } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import type { Round } from '../db/tables.js';
import { findRound, scoped } from '../queries/budget-queries.js';
import { voterOf } from './paper-routes.js';

const officers: RouteAccess = { communeRoles: ['mediator', 'staff', 'admin'] };
type Params = { Params: { id: string } };

/** All a polling officer learns: whether the person may vote here — never how, where or when they voted. */
export type Eligibility = 'may_vote' | 'has_voted' | 'unknown';

export async function eligibilityOf(request: FastifyRequest, round: Round, body: Record<string, unknown>): Promise<Eligibility> {
  const voter = await voterOf(request, round, body);
  if (!voter) return 'unknown';
  const voted = await scoped(request.server.platform.db, round.commune_id).selectFrom('budget_voters').select('voter_key').where('round_id', '=', round.id).where('voter_key', 'in', [voter.key, ...(voter.aliases ?? [])]).executeTakeFirst();
  return voted ? 'has_voted' : 'may_vote';
}

const answerKeys: Record<Eligibility, string> = {
  may_vote: 'budgeting.eligibility.may_vote',
  has_voted: 'budgeting.eligibility.has_voted',
  unknown: 'budgeting.eligibility.unknown',
};

function EligibilityPage({ ctx, round, answer, assisted }: { ctx: ViewContext; round: Round; answer: Eligibility | null; assisted: { id: string; full_name: string }[] }) {
  const url = `/${ctx.commune!.slug}/admin/budgets/${round.id}/eligibility`;
  return (
    <Layout ctx={ctx} title={ctx.t('budgeting.eligibility.title')} area="admin">
      <p><a href={`/${ctx.commune!.slug}/admin/budgets/${round.id}/paper`}><Localized ctx={ctx} text={round.title} /></a></p>
      <h1 safe>{ctx.t('budgeting.eligibility.title')}</h1>
      <p safe>{ctx.t('budgeting.eligibility.intro')}</p>
      {answer ? <Notice kind={answer === 'may_vote' ? 'success' : 'error'}><p role="status" safe>{ctx.t(answerKeys[answer])}</p></Notice> : ''}
      <form method="post" action={url}>
        <CsrfField ctx={ctx} />
        <p><label><span safe>{ctx.t('budgeting.paper.voter_phone')}</span> <input type="tel" name="voter_phone" inputmode="tel" dir="ltr" /></label></p>
        {round.allow_assisted && assisted.length > 0 ? (
          <p>
            <label>
              <span safe>{ctx.t('budgeting.paper.assisted')}</span>{' '}
              <select name="assisted_id">
                <option value="" safe>{ctx.t('budgeting.paper.assisted_none')}</option>
                {assisted.map((a) => <option value={a.id} safe>{a.full_name}</option>)}
              </select>
            </label>
          </p>
        ) : ''}
        <button type="submit" class="btn" safe>{ctx.t('budgeting.eligibility.check')}</button>
      </form>
    </Layout>
  );
}

async function show(request: FastifyRequest<Params>, reply: FastifyReply, answer: Eligibility | null) {
  const round = await findRound(request.server.platform.db, request.commune!.id, request.params.id);
  if (!round) throw new AppError('NOT_FOUND');
  const assisted = round.allow_assisted ? await request.server.platform.db.selectFrom('assisted_participants').select(['id', 'full_name']).where('commune_id', '=', request.commune!.id).orderBy('full_name').limit(500).execute() : [];
  return { round, page: () => sendPage(request, reply, (ctx) => <EligibilityPage ctx={ctx} round={round} answer={answer} assisted={assisted} />) };
}

/** The polling station's check before handing out a paper ballot (mediators, staff, admins of the commune). */
export async function eligibilityRoutes(app: FastifyInstance): Promise<void> {
  app.get<Params>('/budgets/:id/eligibility', { config: { access: officers } }, async (request, reply) => (await show(request, reply, null)).page());

  app.post<Params>('/budgets/:id/eligibility', { config: { access: officers } }, async (request, reply) => {
    const { round } = await show(request, reply, null);
    const answer = await eligibilityOf(request, round, (request.body ?? {}) as Record<string, unknown>);
    // Who checked, for which round — not whom, nor the answer.
    await recordAudit(app.platform.db, { communeId: request.commune!.id, actorUserId: request.actor.user?.id ?? null, action: 'budget_round.eligibility_checked', resourceType: 'budget_round', resourceId: round.id, ip: request.ip });
    return (await show(request, reply, answer)).page();
  });
}
