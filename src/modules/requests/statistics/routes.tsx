import type { FastifyInstance } from 'fastify';
import { AppError } from '../../../platform/http/errors.js';
import { sendPage } from '../../../platform/http/render.js';
import { isoDate } from '../../../platform/i18n/format.js';
import { ensureRequestDefaults } from '../defaults.js';
import { categoriesOf, statesOf } from '../queries/request-queries.js';
import { complaintStatistics, defaultStatisticsPeriod, isStatisticsPeriod } from './complaint-statistics.js';
import { StatisticsPage } from './statistics-page.js';

/** GET /<commune>/requests/statistics?period=30d|90d|12m|all: the public figures of the commune's complaints. */
export async function statisticsRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.platform;
  app.get<{ Querystring: { period?: string } }>('/requests/statistics', { config: { access: 'public' } }, async (request, reply) => {
    const commune = request.commune;
    if (!commune) throw new AppError('COMMUNE_NOT_FOUND');
    await ensureRequestDefaults(db, commune.id);
    // An unknown period (an old or hand-typed link) shows the default rather than an error.
    const period = isStatisticsPeriod(request.query.period) ? request.query.period : defaultStatisticsPeriod;
    const today = isoDate(new Date(), commune.time_zone);
    const [statistics, categories, states] = await Promise.all([complaintStatistics(db, commune, period, today), categoriesOf(db, commune.id, { activeOnly: false }), statesOf(db, commune.id)]);
    return sendPage(request, reply, (ctx) => <StatisticsPage ctx={ctx} props={{ period, statistics, categories, states }} />);
  });
}
