import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../../platform/http/errors.js';
import { redirectWithFlash, sendPage } from '../../../platform/http/render.js';
import { isUuid } from '../../../platform/db/uuid.js';
import { staffOnly } from '../../../platform/permissions/route-access.js';
import { financesPolicy } from '../permissions.js';
import { addLineLink, lineLinks, linkTargets, removeLineLink } from './links.js';
import { LinksPage } from './links-views.js';
import { linesOfYear } from './queries.js';

const staff = { config: { access: staffOnly } };
type YearParams = { Params: { year: string } };

/** The commune and a year of its budget that has lines; anything else is "not found". */
async function yearOf(request: FastifyRequest<YearParams>) {
  const commune = request.commune;
  if (!commune) throw new AppError('COMMUNE_NOT_FOUND');
  financesPolicy.authorize(request.actor, 'finances.budget.manage', { communeId: commune.id });
  const year = Number(request.params.year);
  if (!Number.isInteger(year)) throw new AppError('NOT_FOUND');
  const lines = await linesOfYear(request.server.platform.db, commune.id, year);
  if (lines.length === 0) throw new AppError('NOT_FOUND');
  return { commune, year, lines, actor: { communeId: commune.id, actorId: request.actor.user?.id ?? null } };
}

/** Staff link budget lines to the participatory-budget projects and council decisions they pay for. */
export function lineLinkRoutes(app: FastifyInstance): void {
  const { db } = app.platform;

  app.get<YearParams>('/finances/budgets/:year/links', staff, async (request, reply) => {
    const { commune, year, lines } = await yearOf(request);
    const [links, targets] = await Promise.all([lineLinks(db, commune, year), linkTargets(db, commune)]);
    return sendPage(request, reply, (ctx) => <LinksPage ctx={ctx} props={{ year, lines, links, targets }} />);
  });

  app.post<YearParams & { Body: { line_key?: string; target?: string } }>('/finances/budgets/:year/links/add', staff, async (request, reply) => {
    const { commune, year, lines, actor } = await yearOf(request);
    const [type, targetId] = String(request.body?.target ?? '').split(':');
    const target = (await linkTargets(db, commune)).find((t) => t.type === type && t.id === targetId);
    const line = lines.find((l) => l.line_key === request.body?.line_key);
    if (!target || !line) throw new AppError('BAD_REQUEST');
    await addLineLink(db, actor, { year, lineKey: line.line_key, type: target.type, targetId: target.id });
    return redirectWithFlash(reply, `/${commune.slug}/admin/finances/budgets/${year}/links`, 'finances.budgets.link_saved');
  });

  app.post<YearParams & { Params: { linkId: string } }>('/finances/budgets/:year/links/:linkId/remove', staff, async (request, reply) => {
    const { commune, year, actor } = await yearOf(request);
    if (!isUuid(request.params.linkId)) throw new AppError('NOT_FOUND');
    await removeLineLink(db, actor, request.params.linkId);
    return redirectWithFlash(reply, `/${commune.slug}/admin/finances/budgets/${year}/links`, 'finances.budgets.link_removed');
  });
}
