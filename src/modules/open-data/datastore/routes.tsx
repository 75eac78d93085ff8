import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Commune } from '../../../platform/db/platform-tables.js';
import { AppError } from '../../../platform/http/errors.js';
import { sendPage } from '../../../platform/http/render.js';
import { CkanError } from '../api/ckan/envelope.js';
import type { Params } from '../api/ckan/params.js';
import { dumpStream, readDumpQuery } from './dump.js';
import { previewPageSize, PreviewPage, type PreviewQuery } from './preview-views.js';
import { type DatastoreQuery, searchDatastore } from './query.js';
import { findPublicDatastoreResource, type PublicDatastoreResource } from './resources.js';

const pub = { config: { access: 'public' as const } };
type ResourceRequest = FastifyRequest<{ Params: { resourceId: string }; Querystring: Params }>;

async function resourceOf(request: ResourceRequest): Promise<{ commune: Commune; resource: PublicDatastoreResource }> {
  const commune = request.commune;
  if (!commune) throw new AppError('COMMUNE_NOT_FOUND');
  const resource = await findPublicDatastoreResource(request.server.platform.db, [commune.id], request.params.resourceId);
  if (!resource) throw new AppError('NOT_FOUND');
  return { commune, resource };
}

/** CKAN's validation errors (unknown field, bad value) are a bad request here, never an SQL error. */
function validated<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof CkanError) throw new AppError('BAD_REQUEST', error.message);
    throw error;
  }
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

function readPreviewQuery(query: Params): PreviewQuery {
  const page = Number(text(query.page));
  return {
    q: text(query.q).slice(0, 200),
    sort: text(query.sort).slice(0, 200),
    filterField: text(query.filter_field),
    filterValue: text(query.filter_value).slice(0, 200),
    page: Number.isInteger(page) && page > 0 ? Math.min(page, 1_000_000) : 1,
  };
}

function searchOf(query: PreviewQuery): DatastoreQuery {
  return {
    filters: query.filterField && query.filterValue ? { [query.filterField]: query.filterValue } : {},
    q: query.q || undefined,
    sort: query.sort || undefined,
    fields: undefined,
    limit: previewPageSize,
    offset: (query.page - 1) * previewPageSize,
    afterId: undefined,
    includeTotal: true,
    totalEstimationThreshold: undefined,
  };
}

/** A query the visitor built (a value a column cannot hold, a crafted sort) shows the first page with a notice. */
async function previewData(request: ResourceRequest, resource: PublicDatastoreResource, query: PreviewQuery) {
  const db = request.server.platform.db;
  try {
    const result = await searchDatastore(db, resource, searchOf(query));
    return { fields: result.fields, records: result.records, total: result.total ?? 0, invalid: false };
  } catch (error) {
    if (!(error instanceof CkanError)) throw error;
    const result = await searchDatastore(db, resource, { ...searchOf({ q: '', sort: '', filterField: '', filterValue: '', page: 1 }), limit: previewPageSize });
    return { fields: result.fields, records: result.records, total: result.total ?? 0, invalid: true };
  }
}

async function sendDump(request: ResourceRequest, reply: FastifyReply): Promise<FastifyReply> {
  const { resource } = await resourceOf(request);
  const format = text(request.query.format).toLowerCase() || 'csv';
  if (format !== 'csv' && format !== 'json') throw new AppError('BAD_REQUEST', `dump format ${format}`);
  const bom = ['true', '1'].includes(text(request.query.bom).toLowerCase());
  const stream = validated(() => dumpStream(request.server.platform.db, resource, readDumpQuery(request.query), format, bom));
  return reply
    .type(format === 'json' ? 'application/json; charset=utf-8' : 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${resource.id}.${format}"`)
    .header('cache-control', 'public, max-age=300')
    .send(stream);
}

/** GET /<commune>/datastore/dump/<id> (CKAN's URL) and the preview page /<commune>/data/resources/<id>. */
export async function datastoreRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Params: { resourceId: string }; Querystring: Params }>('/datastore/dump/:resourceId', pub, sendDump);
  app.get<{ Params: { resourceId: string }; Querystring: Params }>('/data/resources/:resourceId', pub, async (request, reply) => {
    const { commune, resource } = await resourceOf(request);
    const query = readPreviewQuery(request.query);
    const data = await previewData(request, resource, query);
    const props = { communeSlug: commune.slug, resource, query, ...data };
    return sendPage(request, reply, (ctx) => <PreviewPage ctx={ctx} props={props} />, data.invalid ? 400 : 200);
  });
}

