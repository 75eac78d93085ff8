import type { FastifyInstance } from 'fastify';
import { AppError } from '../../../platform/http/errors.js';
import { sendPage } from '../../../platform/http/render.js';
import { isoDate } from '../../../platform/i18n/format.js';
import { defaultStatisticsPeriod, isStatisticsPeriod } from './complaint-statistics.js';
import { ProcedureStatisticsPage } from './procedure-statistics-page.js';
import { procedureStatistics } from './procedure-statistics.js';

/** GET /<commune>/requests/procedures/statistics?period=30d|90d|12m|all: public, anonymous figures per procedure. */
export async function procedureStatisticsRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.platform;
  app.get<{ Querystring: { period?: string } }>('/requests/procedures/statistics', { config: { access: 'public' } }, async (request, reply) => {
    const commune = request.commune;
    if (!commune) throw new AppError('COMMUNE_NOT_FOUND');
    // An unknown period (an old or hand-typed link) shows the default rather than an error.
    const period = isStatisticsPeriod(request.query.period) ? request.query.period : defaultStatisticsPeriod;
    const statistics = await procedureStatistics(db, commune, period, isoDate(new Date(), commune.time_zone));
    return sendPage(request, reply, (ctx) => <ProcedureStatisticsPage ctx={ctx} period={period} statistics={statistics} />);
  });
}
