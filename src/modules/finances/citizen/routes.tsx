import type { FastifyInstance } from 'fastify';
import { AppError } from '../../../platform/http/errors.js';
import { sendPage } from '../../../platform/http/render.js';
import { communeOf, parseYear } from '../pages/routes.js';
import { citizenFigures } from './figures.js';
import { citizenBudgetPolicy } from './permissions.js';
import { findCitizenBudget } from './queries.js';
import { CitizenBudgetPage } from './views/public-views.js';

/** The citizen budget of a year: public once published; its authors may preview it before. */
export async function citizenPageRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.platform;

  app.get<{ Params: { year: string } }>('/finances/:year/citizen', { config: { access: 'public' } }, async (request, reply) => {
    const commune = communeOf(request);
    const year = parseYear(request.params.year);
    const budget = await findCitizenBudget(db, commune.id, year);
    const preview = !!budget && !budget.published && citizenBudgetPolicy.can(request.actor, 'finances.citizen.edit', { communeId: commune.id });
    if (!budget || (!budget.published && !preview)) throw new AppError('NOT_FOUND', `no published citizen budget ${year}`);
    const figures = await citizenFigures(db, commune.id, year, budget.sections);
    return sendPage(request, reply, (ctx) => <CitizenBudgetPage ctx={ctx} props={{ budget, figures, preview }} />);
  });
}
