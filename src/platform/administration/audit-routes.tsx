import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { communeScope } from '../db/commune-scope.js';
import type { Commune } from '../db/platform-tables.js';
import { sendPage } from '../http/render.js';
import { adminOnly } from '../permissions/route-access.js';
import { currentCommune } from './admin-support.js';
import { type AuditPageData, AuditPage, type AuditRow } from './audit-views.js';
import { administrationPolicy } from './permissions.js';

const pageSize = 50;

function readQuery(request: FastifyRequest): { before: string | null; prefix: string } {
  const query = request.query as Record<string, unknown>;
  const before = typeof query.before === 'string' && /^[1-9]\d{0,17}$/.test(query.before) ? query.before : null;
  const prefix = typeof query.action === 'string' && /^[a-z_]{1,40}$/.test(query.action) ? query.action : '';
  return { before, prefix };
}

/** The first word of the actions this commune's log holds ("role", "news"…), for the filter. */
async function actionPrefixes(request: FastifyRequest, commune: Commune): Promise<string[]> {
  const prefix = sql<string>`split_part(action, '.', 1)`;
  const rows = await communeScope(request.server.platform.db, commune.id).selectFrom('audit_log').select(prefix.as('prefix')).distinct().orderBy('prefix').execute();
  return rows.map((r) => r.prefix);
}

async function loadAuditPage(request: FastifyRequest, commune: Commune): Promise<AuditPageData> {
  const { before, prefix } = readQuery(request);
  let query = communeScope(request.server.platform.db, commune.id)
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_user_id')
    .leftJoin('assisted_participants', 'assisted_participants.id', 'audit_log.on_behalf_of')
    .select(['audit_log.id', 'audit_log.created_at', 'audit_log.action', 'audit_log.resource_type', 'audit_log.resource_id', 'audit_log.ip', 'users.display_name as actor', 'assisted_participants.full_name as on_behalf_of']);
  if (before) query = query.where('audit_log.id', '<', before);
  if (prefix) query = query.where('audit_log.action', 'like', `${prefix}.%`);
  // One row more than the page tells whether older entries exist.
  const rows = (await query.orderBy('audit_log.id', 'desc').limit(pageSize + 1).execute()) as AuditRow[];
  const page = rows.slice(0, pageSize);
  return { rows: page, nextBefore: rows.length > pageSize ? String(page.at(-1)!.id) : null, before, prefix, prefixes: await actionPrefixes(request, commune) };
}

/** The commune's append-only audit log, newest first. */
export function registerAuditRoutes(app: FastifyInstance): void {
  app.get('/audit', { config: { access: adminOnly } }, async (request, reply) => {
    const commune = currentCommune(request);
    administrationPolicy.authorize(request.actor, 'audit.read', { communeId: commune.id });
    const data = await loadAuditPage(request, commune);
    return sendPage(request, reply, (ctx) => <AuditPage ctx={ctx} data={data} />);
  });
}
