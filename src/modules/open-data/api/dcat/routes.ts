import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { publicBaseUrl } from '../../../../platform/config/config.js';
import type { Commune } from '../../../../platform/db/platform-tables.js';
import { AppError } from '../../../../platform/http/errors.js';
import { type CatalogueDataset, communeDatasets, findCommuneDataset, networkDatasets } from '../../catalogue.js';
import { ApiError, installApiErrors } from './errors.js';
import { addDataset, type CatalogDescription, catalogGraph, communeCatalog, type Described, Graph, lastPage, networkCatalog } from './graph.js';
import { contentTypes, type RdfFormat, rdfFormatOf, serialize } from './serialize.js';

/** ckanext-dcat's default page size (`ckanext.dcat.datasets_per_page`). */
export const datasetsPerPage = 100;

type CatalogRequest = { Params: { format: string }; Querystring: { page?: string } };
type DatasetRequest = { Params: { name: string; format: string } };

const open = { config: { access: 'public' as const } };

function formatOf(extension: string): RdfFormat {
  const format = rdfFormatOf(extension);
  if (!format) throw new ApiError(404, 'Unknown format: use .jsonld, .ttl, .rdf or .xml');
  return format;
}

function pageOf(value: string | undefined): number {
  if (value === undefined) return 1;
  if (!/^[1-9]\d{0,6}$/.test(value)) throw new ApiError(400, 'page must be a whole number from 1');
  return Number(value);
}

function communeOf(request: FastifyRequest): Commune {
  if (!request.commune) throw new AppError('COMMUNE_NOT_FOUND');
  return request.commune;
}

const describedFor = (request: FastifyRequest): Described => ({
  services: request.server.platform,
  baseUrl: publicBaseUrl(request.server.platform.config),
  now: new Date(),
});

async function send(reply: FastifyReply, graph: Graph, format: RdfFormat): Promise<FastifyReply> {
  return reply.type(contentTypes[format]).header('cache-control', 'no-store').send(await serialize(graph.all(), format));
}

/** One page of a catalogue; a page past the last is a resource that does not exist (the first always exists). */
async function sendCatalogPage(request: FastifyRequest<CatalogRequest>, reply: FastifyReply, catalog: (d: Described) => CatalogDescription, datasets: CatalogueDataset[], path: string) {
  const format = formatOf(request.params.format);
  const page = pageOf(request.query.page);
  const paging = { pageUrl: '', page, perPage: datasetsPerPage, totalItems: datasets.length };
  if (page > lastPage(paging)) throw new ApiError(404, `No page ${page}: the catalogue has ${lastPage(paging)}`);
  const described = describedFor(request);
  const onPage = datasets.slice((page - 1) * datasetsPerPage, page * datasetsPerPage);
  const pageUrl = `${described.baseUrl}${path}.${request.params.format}`;
  return send(reply, catalogGraph(described, catalog(described), onPage, { ...paging, pageUrl }), format);
}

/** DCAT-AP 3 for one commune: `/<commune>/catalog.<ext>` and `/<commune>/dataset/<name>.<ext>` (see docs/modules/open-data.md). */
export async function dcatCommuneRoutes(app: FastifyInstance): Promise<void> {
  installApiErrors(app);
  app.get<CatalogRequest>('/catalog.:format', open, async (request, reply) => {
    const commune = communeOf(request);
    const datasets = await communeDatasets(request.server.platform, commune);
    return sendCatalogPage(request, reply, (described) => communeCatalog(described, commune), datasets, `/${commune.slug}/catalog`);
  });
  app.get<DatasetRequest>('/dataset/:name.:format', open, async (request, reply) => {
    const format = formatOf(request.params.format);
    const dataset = await findCommuneDataset(request.server.platform, communeOf(request), request.params.name);
    if (!dataset) throw new ApiError(404, `No dataset ${request.params.name} in this commune`);
    const graph = new Graph();
    addDataset(graph, describedFor(request), dataset);
    return send(reply, graph, format);
  });
}

/** The install-wide catalogue, `/catalog.<ext>`: every commune's datasets. */
export async function dcatNetworkRoutes(app: FastifyInstance): Promise<void> {
  installApiErrors(app);
  app.get<CatalogRequest>('/catalog.:format', open, async (request, reply) =>
    sendCatalogPage(request, reply, networkCatalog, await networkDatasets(request.server.platform), '/catalog'),
  );
}
