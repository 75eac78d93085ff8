import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/http/errors.js';
import { sendPage } from '../../platform/http/render.js';
import { locales, pickLocalized } from '../../platform/i18n/locales.js';
import { documentCategories } from './db/tables.js';
import {
  councilData,
  findProfile,
  findPublishedNews,
  findService,
  hasRequestForm,
  isUuid,
  listDocuments,
  listPublishedNews,
  listServices,
  upcomingMeetings,
} from './queries/public-queries.js';
import { atomFeed } from './views/atom-feed.js';
import { CouncilPage, PersonPage, popoloExport, postLabelKeys } from './views/council.js';
import { HomePage } from './views/home.js';
import { NewsIndexPage, NewsPage } from './views/news.js';
import { registerProcedureStyle } from './views/procedure-style.js';
import { DocumentsPage, ServicePage, ServicesPage } from './views/services.js';

const pub = { config: { access: 'public' as const } };
type IdParams = { Params: { id: string } };

function communeOf(request: FastifyRequest) {
  if (!request.commune) throw new AppError('COMMUNE_NOT_FOUND');
  return request.commune;
}

export function baseUrlOf(request: FastifyRequest): string {
  return request.server.platform.config.publicUrl ?? `${request.protocol}://${request.host}`;
}

function pageNumber(value: unknown): number {
  const page = Number(value);
  return Number.isInteger(page) && page > 0 && page < 10_000 ? page : 1;
}

/** Public pages of the commune's official site, under /<commune>/. */
export async function communeRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.platform;

  app.get('/', pub, async (request, reply) => {
    const commune = communeOf(request);
    const [profile, news, meetings] = await Promise.all([
      findProfile(db, commune.id),
      listPublishedNews(db, commune.id, { limit: 3 }),
      upcomingMeetings(db, commune.id),
    ]);
    const props = { presentation: profile?.presentation ?? null, keyFigures: profile?.key_figures ?? {}, news: news.items, meetings };
    return sendPage(request, reply, (ctx) => <HomePage ctx={ctx} props={props} />);
  });

  app.get('/news', pub, async (request, reply) => {
    const page = pageNumber((request.query as Record<string, unknown>).page);
    const result = await listPublishedNews(db, communeOf(request).id, { page });
    return sendPage(request, reply, (ctx) => <NewsIndexPage ctx={ctx} items={result.items} page={result.page} hasMore={result.hasMore} />);
  });

  app.get('/news/feed.atom', pub, async (request, reply) => {
    const commune = communeOf(request);
    const { items } = await listPublishedNews(db, commune.id, { limit: 20 });
    const name = pickLocalized(commune.name, commune.default_locale, locales)?.value ?? commune.slug;
    return reply.type('application/atom+xml; charset=utf-8').header('cache-control', 'public, max-age=300').send(atomFeed(commune, items, baseUrlOf(request), name));
  });

  app.get<IdParams>('/news/:id', pub, async (request, reply) => {
    const post = await findPublishedNews(db, communeOf(request).id, request.params.id);
    if (!post) throw new AppError('NOT_FOUND');
    return sendPage(request, reply, (ctx) => <NewsPage ctx={ctx} post={post} />);
  });

  app.get('/council', pub, async (request, reply) => {
    const data = await councilData(db, communeOf(request).id);
    return sendPage(request, reply, (ctx) => <CouncilPage ctx={ctx} data={data} />);
  });

  app.get('/council/popolo.json', pub, async (request, reply) => {
    const data = await councilData(db, communeOf(request).id);
    return reply.header('cache-control', 'public, max-age=300').send(popoloExport(data, baseUrlOf(request), request.locale, (post) => request.t(postLabelKeys[post])));
  });

  app.get<IdParams>('/council/:id', pub, async (request, reply) => {
    if (!isUuid(request.params.id)) throw new AppError('NOT_FOUND');
    const data = await councilData(db, communeOf(request).id);
    const person = data.persons.find((p) => p.id === request.params.id);
    if (!person) throw new AppError('NOT_FOUND');
    return sendPage(request, reply, (ctx) => <PersonPage ctx={ctx} person={person} data={data} />);
  });

  registerProcedureStyle(app);

  app.get('/services', pub, async (request, reply) => {
    const raw = (request.query as Record<string, unknown>).q;
    const q = typeof raw === 'string' ? raw.trim().slice(0, 100) : '';
    const services = await listServices(db, communeOf(request).id, { q, locale: request.locale });
    return sendPage(request, reply, (ctx) => <ServicesPage ctx={ctx} services={services} q={q} />);
  });

  for (const [suffix, printView] of [['', false], ['/print', true]] as const) {
    app.get<IdParams>(`/services/:id${suffix}`, pub, async (request, reply) => {
      const service = await findService(db, communeOf(request).id, request.params.id);
      if (!service) throw new AppError('NOT_FOUND');
      const requestForm = !printView && service.kind === 'procedure' && (await hasRequestForm(db, service.commune_id, service.id));
      return sendPage(request, reply, (ctx) => <ServicePage ctx={ctx} service={service} printView={printView} requestForm={requestForm} />);
    });
  }

  app.get('/documents', pub, async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    const year = Number(query.year);
    const filters = {
      q: query.q?.slice(0, 100) || undefined,
      category: documentCategories.includes(query.category as never) ? query.category : undefined,
      year: Number.isInteger(year) && year > 1900 && year < 2200 ? year : undefined,
    };
    const documents = await listDocuments(db, communeOf(request).id, filters);
    return sendPage(request, reply, (ctx) => <DocumentsPage ctx={ctx} documents={documents} filters={filters} />);
  });
}
