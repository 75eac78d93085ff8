import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Commune } from '../../../platform/db/platform-tables.js';
import { AppError } from '../../../platform/http/errors.js';
import type { FormState } from '../../../platform/http/forms.js';
import { idempotent, pageOutcome } from '../../../platform/http/idempotency.js';
import { sendPage } from '../../../platform/http/render.js';
import { isoDate } from '../../../platform/i18n/format.js';
import { notifyReporter } from '../commands/notify-reporter.js';
import { fileInformationRequest } from './commands.js';
import { lawOf } from './deadline.js';
import { checkInformation } from './form.js';
import { informationPageSize, listInformationRequests } from './queries.js';
import { informationStatistics } from './statistics.js';
import { informationStatuses } from './statuses.js';
import { InformationFiledPage, InformationFormPage, InformationListPage, StatisticsPage } from './views/public.js';

const pub = { config: { access: 'public' as const } };
// Same limit as the complaint form: anyone may ask without an account, one sender must not flood the queue.
const filing = { config: { access: 'public' as const, policy: 'open-filing' as const, rateLimit: { max: 10, timeWindow: '10 minutes', keyGenerator: (r: FastifyRequest) => r.actor?.user?.id ?? r.ip } } };

function communeOf(request: FastifyRequest): Commune {
  if (!request.commune) throw new AppError('COMMUNE_NOT_FOUND');
  return request.commune;
}

export const communeToday = (commune: Commune, now = new Date()) => isoDate(now, commune.time_zone);
export const currentLaw = (commune: Commune) => lawOf({ law_country: null }, commune);

export const statusQuery = z.object({
  status: z.enum([...informationStatuses, 'overdue']).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1000).optional().catch(1),
});

/** Public access-to-information pages under /<commune>/requests/information. */
export function registerInformationRoutes(app: FastifyInstance): void {
  const { db } = app.platform;
  const formPage = (request: FastifyRequest, form: FormState) => {
    const props = { form, law: currentLaw(communeOf(request)), signedIn: !!request.actor.user };
    return (ctx: Parameters<typeof InformationFormPage>[0]['ctx']) => <InformationFormPage ctx={ctx} props={props} />;
  };

  app.get('/requests/information', pub, async (request, reply) => {
    const commune = communeOf(request);
    const query = statusQuery.parse(request.query ?? {});
    const page = query.page ?? 1;
    const today = communeToday(commune);
    const rows = await listInformationRequests(db, commune.id, { status: query.status, today }, page);
    const props = { law: currentLaw(commune), requests: rows.slice(0, informationPageSize), status: query.status, page, hasMore: rows.length > informationPageSize, today };
    return sendPage(request, reply, (ctx) => <InformationListPage ctx={ctx} props={props} />);
  });

  app.get('/requests/information/new', pub, async (request, reply) => sendPage(request, reply, formPage(request, { values: {}, errors: {} })));

  app.post('/requests/information/new', filing, async (request, reply) => {
    const commune = communeOf(request);
    const body = Object.fromEntries(Object.entries((request.body ?? {}) as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'));
    const checked = checkInformation(commune, body, !!request.actor.user);
    if (!checked.ok) return sendPage(request, reply, formPage(request, checked.form), 422);
    const user = request.actor.user;
    const { contact, ...input } = checked.input;
    // Idempotent like the complaint form: a resent form gets the first answer, one request stored.
    return idempotent(request, reply, 'requests.information', async (tx) => {
      const { request: filed, accessCode } = await fileInformationRequest(tx, commune, {
        ...input,
        reporter: { userId: user?.id ?? null, name: contact.name ?? user?.display_name ?? null, phone: contact.phone, email: contact.email, locale: request.locale },
      });
      const page = await pageOutcome(request, (ctx) => <InformationFiledPage ctx={ctx} reference={filed.reference} accessCode={accessCode} dueOn={filed.due_on} />, 201);
      return { ...page, afterCommit: async () => void (await notifyReporter(app.platform, commune, filed, 'filed', { code: accessCode })) };
    });
  });

  app.get('/requests/information/statistics', pub, async (request, reply) => {
    const commune = communeOf(request);
    const stats = await informationStatistics(db, commune.id, { timeZone: commune.time_zone, today: communeToday(commune) });
    return sendPage(request, reply, (ctx) => <StatisticsPage ctx={ctx} stats={stats} law={currentLaw(commune)} />);
  });
}
