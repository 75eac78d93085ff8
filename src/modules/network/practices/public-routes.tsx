import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isUuid } from '../../../platform/db/uuid.js';
import { AppError } from '../../../platform/http/errors.js';
import { sendPage } from '../../../platform/http/render.js';
import { moduleTags } from './labels.js';
import { CommunePracticesPage, PracticeLibraryPage, PracticePage } from './public-views.js';
import { communePractices, type PracticeFilters, practiceCountries, practiceDocuments, practicesPageSize, publishedPractice, searchPractices } from './queries.js';
import { type Principle, principles } from './tables.js';

const everyone = { config: { access: 'public' as const } };

/** Filters from the query string; anything unexpected is ignored rather than refused (links get mangled). */
function filtersFrom(request: FastifyRequest, moduleIds: string[]): PracticeFilters {
  const query = request.query as Record<string, unknown>;
  const text = (name: string, max: number) => (typeof query[name] === 'string' ? (query[name] as string).trim().slice(0, max) : '');
  const principle = text('principle', 40);
  const module = text('module', 40);
  const country = text('country', 2).toUpperCase();
  const page = Number.parseInt(text('page', 6), 10);
  return {
    q: text('q', 200),
    principle: (principles as readonly string[]).includes(principle) ? (principle as Principle) : '',
    module: moduleIds.includes(module) ? module : '',
    country: /^[A-Z]{2}$/.test(country) ? country : '',
    page: Number.isInteger(page) && page > 0 && page < 10_000 ? page : 1,
  };
}

/** The network's library of good practices, open to everyone. */
export function practiceNetworkRoutes(app: FastifyInstance): void {
  const { db } = app.platform;
  const tags = moduleTags(app.platform.modules);
  app.get('/network/practices', everyone, async (request, reply) => {
    const filters = filtersFrom(request, tags.map((t) => t.id));
    const [{ items, total }, countries] = await Promise.all([searchPractices(db, filters), practiceCountries(db)]);
    const props = { filters, items, total, pages: Math.ceil(total / practicesPageSize), countries, tags };
    return sendPage(request, reply, (ctx) => <PracticeLibraryPage ctx={ctx} props={props} />);
  });
  app.get<{ Params: { id: string } }>('/network/practices/:id', everyone, async (request, reply) => {
    const practice = isUuid(request.params.id) ? await publishedPractice(db, request.params.id) : undefined;
    if (!practice) throw new AppError('NOT_FOUND');
    const documents = await practiceDocuments(db, practice.commune_id, practice.id);
    return sendPage(request, reply, (ctx) => <PracticePage ctx={ctx} practice={practice} documents={documents} tags={tags} />);
  });
}

/** A member commune's own page lists the practices it shared with the network. */
export function practiceCommuneRoutes(app: FastifyInstance): void {
  app.get('/practices', everyone, async (request, reply) => {
    const commune = request.commune;
    if (!commune) throw new AppError('COMMUNE_NOT_FOUND');
    const practices = await communePractices(app.platform.db, commune.id, { publishedOnly: true });
    return sendPage(request, reply, (ctx) => <CommunePracticesPage ctx={ctx} practices={practices} />);
  });
}
