import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/audit.js';
import type { Commune } from '../../../platform/db/platform-tables.js';
import { AppError } from '../../../platform/http/errors.js';
import type { FormState } from '../../../platform/http/forms.js';
import { redirectWithFlash, sendPage } from '../../../platform/http/render.js';
import { staffOnly } from '../../../platform/permissions/route-access.js';
import { budgetYears } from '../pages/queries.js';
import { parseYear } from '../pages/routes.js';
import { citizenBudgetFormValues, parseCitizenBudget } from './form.js';
import { citizenBudgetPolicy } from './permissions.js';
import { citizenBudgetsOf, findCitizenBudget, saveCitizenBudget, setCitizenBudgetPublished } from './queries.js';
import { CitizenEditPage, CitizenListPage } from './views/admin-views.js';

const staff = { config: { access: staffOnly } };
type YearRoute = { Params: { year: string } };
const publicationSchema = z.object({ published: z.enum(['true', 'false']) });

/** The commune whose citizen budget this person may write (its staff or administrators). */
function editableCommune(request: FastifyRequest): Commune {
  if (!request.commune) throw new AppError('COMMUNE_NOT_FOUND');
  citizenBudgetPolicy.authorize(request.actor, 'finances.citizen.edit', { communeId: request.commune.id });
  return request.commune;
}

const actorIdOf = (request: FastifyRequest) => request.actor.user?.id ?? null;

async function audit(request: FastifyRequest, commune: Commune, action: string, id: string, details: Record<string, unknown>) {
  await recordAudit(request.server.platform.db, { communeId: commune.id, actorUserId: actorIdOf(request), ip: request.ip, action: `finances.citizen.${action}`, resourceType: 'finance_citizen_budget', resourceId: id, details });
}

async function showEditPage(request: FastifyRequest, reply: FastifyReply, commune: Commune, year: number, form?: FormState, status = 200) {
  const budget = await findCitizenBudget(request.server.platform.db, commune.id, year);
  const shown = form ?? { values: citizenBudgetFormValues(budget), errors: {} };
  return sendPage(request, reply, (ctx) => <CitizenEditPage ctx={ctx} props={{ year, form: shown, budget }} />, status);
}

/** Back-office: staff write each year's citizen budget in several languages, then publish or withdraw it. */
export async function citizenAdminRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.platform;

  app.get('/finances/citizen', staff, async (request, reply) => {
    const commune = editableCommune(request);
    const [lines, budgets] = await Promise.all([budgetYears(db, commune.id), citizenBudgetsOf(db, commune.id)]);
    const years = [...new Set([...lines.map((y) => y.year), ...budgets.map((b) => b.year)])].sort((a, b) => b - a);
    return sendPage(request, reply, (ctx) => <CitizenListPage ctx={ctx} props={{ years, budgets }} />);
  });

  app.get<YearRoute>('/finances/citizen/:year', staff, async (request, reply) => {
    const commune = editableCommune(request);
    return showEditPage(request, reply, commune, parseYear(request.params.year));
  });

  app.post<YearRoute>('/finances/citizen/:year', staff, async (request, reply) => {
    const commune = editableCommune(request);
    const year = parseYear(request.params.year);
    const parsed = parseCitizenBudget(request.body);
    if (!parsed.ok) return showEditPage(request, reply, commune, year, parsed.form, 422);
    const { content } = parsed;
    const id = await saveCitizenBudget(db, commune.id, year, actorIdOf(request), content);
    await audit(request, commune, 'saved', id, { year, sections: content.sections.length, languages: Object.keys(content.title) });
    return redirectWithFlash(reply, `/${commune.slug}/admin/finances/citizen/${year}`, 'finances.citizen.saved');
  });

  app.post<YearRoute>('/finances/citizen/:year/publication', staff, async (request, reply) => {
    const commune = editableCommune(request);
    const year = parseYear(request.params.year);
    const parsed = publicationSchema.safeParse(request.body);
    if (!parsed.success) throw new AppError('BAD_REQUEST');
    const published = parsed.data.published === 'true';
    const budget = await findCitizenBudget(db, commune.id, year);
    if (!budget || !(await setCitizenBudgetPublished(db, commune.id, year, actorIdOf(request), published))) throw new AppError('NOT_FOUND');
    await audit(request, commune, published ? 'published' : 'unpublished', budget.id, { year });
    return redirectWithFlash(reply, `/${commune.slug}/admin/finances/citizen/${year}`, published ? 'finances.citizen.published' : 'finances.citizen.unpublished');
  });
}
