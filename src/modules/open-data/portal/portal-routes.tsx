import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Commune } from '../../../platform/db/platform-tables.js';
import { AppError } from '../../../platform/http/errors.js';
import { sendPage } from '../../../platform/http/render.js';
import { type CatalogueDataset, communeDatasets, datasetRows, findCommuneDataset, networkDatasets } from '../catalogue.js';
import { datasetCsv, datasetJson, sendDownload } from '../downloads.js';
import { DatasetPage } from './dataset-views.js';
import { PortalListPage } from './portal-views.js';
import { readPortalQuery, searchDatasets } from './search.js';

const pub = { config: { access: 'public' as const } };
type ListRequest = { Querystring: Record<string, unknown> };
type DatasetRequest = { Params: { file: string }; Querystring: { bom?: string } };

function communeOf(request: FastifyRequest): Commune {
  if (!request.commune) throw new AppError('COMMUNE_NOT_FOUND');
  return request.commune;
}

/** This commune's dataset of that name; another commune's name is "not found" here, like an unknown one. */
async function findDataset(request: FastifyRequest, name: string): Promise<CatalogueDataset> {
  const dataset = await findCommuneDataset(request.server.platform, communeOf(request), name);
  if (!dataset) throw new AppError('NOT_FOUND');
  return dataset;
}

function uniqueCommunes(datasets: CatalogueDataset[]): CatalogueDataset['commune'][] {
  return [...new Map(datasets.map((d) => [d.commune.slug, d.commune])).values()];
}

/** GET /<commune>/data, /<commune>/data/<name> and its downloads <name>.csv (?bom=1) and <name>.json. */
export async function portalCommuneRoutes(app: FastifyInstance): Promise<void> {
  const services = app.platform;
  app.get<ListRequest>('/data', pub, async (request, reply) => {
    const commune = communeOf(request);
    const query = readPortalQuery(request.query);
    const result = searchDatasets(await communeDatasets(services, commune), query, request.locale);
    const props = { basePath: `/${commune.slug}/data`, query, result, network: false, communes: [commune] };
    return sendPage(request, reply, (ctx) => <PortalListPage ctx={ctx} props={props} />);
  });

  // Dataset names never hold a dot, so the extension tells a download from the dataset's page.
  app.get<DatasetRequest>('/data/:file', pub, async (request, reply) => {
    const [, name = '', extension] = /^([^.]+)(?:\.(csv|json))?$/.exec(request.params.file) ?? [];
    const dataset = await findDataset(request, name);
    const rows = dataset.source.kind === 'module' ? await datasetRows(services, dataset) : null;
    if (!rows && extension) throw new AppError('NOT_FOUND');
    if (rows && extension === 'csv') return sendDownload(reply, `${dataset.name}.csv`, 'text/csv', datasetCsv(rows, { bom: request.query.bom === '1' }));
    if (rows && extension === 'json') return sendDownload(reply, `${dataset.name}.json`, 'application/json', datasetJson(dataset, rows, new Date()));
    return sendPage(request, reply, (ctx) => <DatasetPage ctx={ctx} props={{ dataset, rows, now: new Date() }} />);
  });
}

/** GET /data: every commune's datasets, with a commune facet. */
export async function portalNetworkRoutes(app: FastifyInstance): Promise<void> {
  app.get<ListRequest>('/data', pub, async (request, reply) => {
    const datasets = await networkDatasets(app.platform);
    const query = readPortalQuery(request.query);
    const props = { basePath: '/data', query, result: searchDatasets(datasets, query, request.locale), network: true, communes: uniqueCommunes(datasets) };
    return sendPage(request, reply, (ctx) => <PortalListPage ctx={ctx} props={props} />);
  });
}
