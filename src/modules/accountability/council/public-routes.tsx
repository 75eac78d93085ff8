import type { FastifyInstance, FastifyRequest } from 'fastify';
import { toCsv } from '../../../platform/http/csv.js';
import { AppError } from '../../../platform/http/errors.js';
import { sendPage } from '../../../platform/http/render.js';
import { councilData } from '../../commune/index.js';
import { councilOrganizationId, scdlColumns, scdlRowsFor, voteEvent } from './exports.js';
import { type NamedVote, DecisionListPage, DecisionPage } from './public-views.js';
import { type DecisionFilters, findDecision, findSession, publishedYears, searchPublishedDecisions, votesOf } from './queries.js';
import { categoryNames, type DecisionCategory, type DecisionStatus, decisionStatuses } from './tables.js';

const pub = { config: { access: 'public' as const } };
type IdParams = { Params: { id: string } };

function communeOf(request: FastifyRequest) {
  if (!request.commune) throw new AppError('COMMUNE_NOT_FOUND');
  return request.commune;
}

const baseUrlOf = (request: FastifyRequest) => request.server.platform.config.publicUrl ?? `${request.protocol}://${request.host}`;

/** Filters from the query string; anything unknown is ignored rather than refused (links get mangled). */
function filtersOf(query: Record<string, string | undefined>): DecisionFilters {
  const year = Number(query.year);
  const page = Number(query.page);
  return {
    q: query.q?.trim().slice(0, 100) || undefined,
    category: categoryNames.includes(query.category as DecisionCategory) ? (query.category as DecisionCategory) : undefined,
    year: Number.isInteger(year) && year > 1900 && year < 2200 ? year : undefined,
    status: decisionStatuses.includes(query.status as DecisionStatus) ? (query.status as DecisionStatus) : undefined,
    page: Number.isInteger(page) && page > 0 && page < 10_000 ? page : 1,
  };
}

async function publishedDecision(request: FastifyRequest, id: string) {
  const decision = await findDecision(request.server.platform.db, communeOf(request).id, id, { publishedOnly: true });
  if (!decision) throw new AppError('NOT_FOUND');
  return decision;
}

/** Public pages under /<commune>/council-decisions: search, a decision with its vote, SCDL CSV and Popolo VoteEvent. */
export async function registerCouncilPublicRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.platform;

  app.get('/council-decisions', pub, async (request, reply) => {
    const commune = communeOf(request);
    const filters = filtersOf(request.query as Record<string, string | undefined>);
    const [result, years] = await Promise.all([searchPublishedDecisions(db, commune.id, filters), publishedYears(db, commune.id)]);
    return sendPage(request, reply, (ctx) => <DecisionListPage ctx={ctx} items={result.items} hasMore={result.hasMore} filters={filters} years={years} />);
  });

  app.get('/council-decisions.csv', pub, async (request, reply) => {
    const commune = communeOf(request);
    const rows = await scdlRowsFor(db, commune.id, baseUrlOf(request));
    const table = [[...scdlColumns], ...rows.map((row) => scdlColumns.map((column) => row[column]))];
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${commune.slug}-deliberations.csv"`)
      .header('cache-control', 'public, max-age=300')
      .send(toCsv(table, { bom: (request.query as Record<string, string>).bom === '1' }));
  });

  app.get<IdParams>('/council-decisions/:id', pub, async (request, reply) => {
    const commune = communeOf(request);
    const decision = await publishedDecision(request, request.params.id);
    const [session, votes, council] = await Promise.all([findSession(db, commune.id, decision.session_id), votesOf(db, commune.id, decision.id), councilData(db, commune.id)]);
    const names = new Map(council.persons.map((p) => [p.id, p.name]));
    const named: NamedVote[] = votes
      .map((v) => ({ personId: v.person_id, name: names.get(v.person_id) ?? '', option: v.option }))
      .sort((a, b) => a.name.localeCompare(b.name));
    return sendPage(request, reply, (ctx) => <DecisionPage ctx={ctx} decision={decision} session={session} votes={named} />);
  });

  app.get<IdParams>('/council-decisions/:id/vote.json', pub, async (request, reply) => {
    const commune = communeOf(request);
    const decision = await publishedDecision(request, request.params.id);
    const [votes, organizationId] = await Promise.all([votesOf(db, commune.id, decision.id), councilOrganizationId(db, commune.id)]);
    const url = `${baseUrlOf(request)}/${commune.slug}/council-decisions/${decision.id}`;
    return reply.header('cache-control', 'public, max-age=300').send(voteEvent(decision, votes, organizationId, url));
  });
}
