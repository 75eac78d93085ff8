import type { FastifyInstance } from 'fastify';
import { publicBaseUrl } from '../../../../platform/config/config.js';
import { AppError } from '../../../../platform/http/errors.js';
import { datasetRows, findCommuneDataset } from '../../catalogue.js';
import { ApiError, installApiErrors } from '../dcat/errors.js';
import { dataPackageOf } from './datapackage.js';

type DatasetRequest = { Params: { name: string } };

/** `GET /<commune>/dataset/<name>/datapackage.json`: the dataset as a Frictionless Data Package v2. */
export async function dataPackageRoutes(app: FastifyInstance): Promise<void> {
  installApiErrors(app);
  app.get<DatasetRequest>('/dataset/:name/datapackage.json', { config: { access: 'public' } }, async (request, reply) => {
    if (!request.commune) throw new AppError('COMMUNE_NOT_FOUND');
    const services = request.server.platform;
    const dataset = await findCommuneDataset(services, request.commune, request.params.name);
    if (!dataset) throw new ApiError(404, `No dataset ${request.params.name} in this commune`);
    const described = { services, baseUrl: publicBaseUrl(services.config), now: new Date() };
    const body = dataPackageOf(described, dataset, await datasetRows(services, dataset));
    return reply.type('application/json; charset=utf-8').header('cache-control', 'no-store').send(JSON.stringify(body, null, 1));
  });
}
