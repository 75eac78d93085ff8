import type { FastifyInstance } from 'fastify';
import { sendPage } from '../../../platform/http/render.js';
import type { RouteAccess } from '../../../platform/permissions/route-access.js';
import { Localized } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import type { Round } from '../db/tables.js';
import { listPublicRounds } from '../queries/budget-queries.js';

const officers: RouteAccess = { communeRoles: ['mediator', 'staff', 'admin'] };

function PollingStationPage({ ctx, rounds }: { ctx: ViewContext; rounds: Round[] }) {
  const base = `/${ctx.commune!.slug}/admin/budgets`;
  return (
    <Layout ctx={ctx} title={ctx.t('budgeting.polling.title')} area="admin">
      <h1 safe>{ctx.t('budgeting.polling.title')}</h1>
      <p safe>{ctx.t('budgeting.polling.intro')}</p>
      {rounds.length === 0 ? <p class="muted" safe>{ctx.t('budgeting.polling.none')}</p> : ''}
      <ul class="news-list">
        {rounds.map((round) => (
          <li>
            <h2><Localized ctx={ctx} text={round.title} /></h2>
            <p>
              <a href={`${base}/${round.id}/eligibility`} safe>{ctx.t('budgeting.eligibility.title')}</a> ·{' '}
              <a href={`${base}/${round.id}/paper`} safe>{ctx.t('budgeting.paper.link')}</a>
            </p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

/** Where mediators and polling officers start: each published round, with the check and the paper-ballot entry. */
export async function pollingStationRoutes(app: FastifyInstance): Promise<void> {
  app.get('/budgets/polling-station', { config: { access: officers } }, async (request, reply) => {
    const rounds = await listPublicRounds(app.platform.db, request.commune!.id);
    return sendPage(request, reply, (ctx) => <PollingStationPage ctx={ctx} rounds={rounds} />);
  });
}
