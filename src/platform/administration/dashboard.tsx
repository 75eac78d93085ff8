import type { FastifyInstance, FastifyRequest } from 'fastify';
import { communeScope } from '../db/commune-scope.js';
import type { Commune } from '../db/platform-tables.js';
import { sendPage } from '../http/render.js';
import { formatNumber } from '../i18n/format.js';
import { localeNames } from '../i18n/locales.js';
import { backOfficeRoles, hasRole, reviewerRoles } from '../permissions/actor.js';
import { Layout } from '../views/layout.js';
import type { ViewContext } from '../views/view-context.js';
import { currentCommune } from './admin-support.js';

interface Facts { team: number; invitations: number; participants: number; recentActions: number }

const toCount = (row: { n: string | number | bigint } | undefined) => Number(row?.n ?? 0);

async function loadFacts(request: FastifyRequest, commune: Commune): Promise<Facts> {
  const scope = communeScope(request.server.platform.db, commune.id);
  const weekAgo = new Date(Date.now() - 7 * 24 * 3600 * 1000);
  const [team, invitations, participants, recentActions] = await Promise.all([
    scope.selectFrom('role_grants').select((eb) => eb.fn.countAll().as('n')).where('revoked_at', 'is', null).where('role', 'in', backOfficeRoles).executeTakeFirst(),
    scope.selectFrom('invitations').select((eb) => eb.fn.countAll().as('n')).where('accepted_at', 'is', null).executeTakeFirst(),
    scope.selectFrom('assisted_participants').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst(),
    scope.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).where('created_at', '>=', weekAgo).executeTakeFirst(),
  ]);
  return { team: toCount(team), invitations: toCount(invitations), participants: toCount(participants), recentActions: toCount(recentActions) };
}

function DashboardPage({ ctx, facts }: { ctx: ViewContext; facts: Facts | null }) {
  const commune = ctx.commune!;
  const figures: [number, string][] = facts === null ? [] : [
    [facts.team, 'administration.dashboard.team'],
    [facts.invitations, 'administration.dashboard.invitations'],
    [facts.participants, 'administration.dashboard.participants'],
    [facts.recentActions, 'administration.dashboard.recent_actions'],
  ];
  return (
    <Layout ctx={ctx} title={ctx.t('administration.dashboard.title')} area="admin">
      <h1 safe>{ctx.t('administration.dashboard.title')}</h1>
      <p class="lead" safe>{ctx.t('administration.dashboard.intro', { commune: ctx.communeName ?? commune.slug })}</p>
      {facts ? <section aria-labelledby="facts-title">
        <h2 id="facts-title" class="visually-hidden" safe>{ctx.t('administration.dashboard.facts')}</h2>
        <ul class="key-figures">
          {figures.map(([value, key]) => <li><strong safe>{formatNumber(value, ctx.locale)}</strong> <span safe>{ctx.t(key)}</span></li>)}
        </ul>
        <p class="muted" safe>{ctx.t('administration.dashboard.languages', { list: commune.enabled_locales.map((l) => localeNames[l]).join(', ') })}</p>
      </section> : ''}
      <section aria-labelledby="tools-title">
        <h2 id="tools-title" safe>{ctx.t('administration.dashboard.tools')}</h2>
        <ul class="grid">
          {ctx.adminNavigation.map((entry) => (
            <li class="card"><a href={`/${commune.slug}/${entry.path}`} safe>{ctx.t(entry.labelKey)}</a></li>
          ))}
        </ul>
      </section>
      <p><a href={`/${commune.slug}/`} safe>{ctx.t('administration.dashboard.public_site')}</a></p>
    </Layout>
  );
}

/** The back-office home: what this person may use here, and a few figures. */
export function registerDashboardRoute(app: FastifyInstance): void {
  // Civil society and the monitoring body land here too, but the team's figures are the team's.
  app.get('/', { config: { access: { communeRoles: [...backOfficeRoles, ...reviewerRoles] } } }, async (request, reply) => {
    const commune = currentCommune(request);
    const isTeam = request.actor.isPlatformAdmin || hasRole(request.actor, commune.id, ...backOfficeRoles);
    const facts = isTeam ? await loadFacts(request, commune) : null;
    return sendPage(request, reply, (ctx) => <DashboardPage ctx={ctx} facts={facts} />);
  });
}
