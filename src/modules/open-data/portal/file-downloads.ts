import type { FastifyInstance } from 'fastify';
import { AppError } from '../../../platform/http/errors.js';
import { openDataDb } from '../db/open-data-db.js';
import { isUuid } from '../../../platform/db/uuid.js';

type DownloadRequest = { Params: { name: string; id: string; filename: string } };

/** The stored file of a published dataset's resource, at CKAN's address; anything else is "not found". */
async function publishedFile(app: FastifyInstance, communeId: string, params: DownloadRequest['Params']) {
  if (!isUuid(params.id)) return undefined;
  return openDataDb(app.platform.db)
    .selectFrom('open_data_resources as r')
    .innerJoin('open_data_datasets as d', 'd.id', 'r.dataset_id')
    .select(['r.storage_key', 'r.filename', 'r.media_type', 'r.byte_size', 'r.sha256'])
    .where('r.id', '=', params.id).where('r.kind', '=', 'file').where('r.commune_id', '=', communeId)
    .where('d.name', '=', params.name).where('d.state', '=', 'published').where('d.commune_id', '=', communeId)
    .executeTakeFirst();
}

/** GET /<commune>/dataset/<name>/resource/<id>/download/<filename>: streamed, never read whole into memory. */
export async function fileDownloadRoutes(app: FastifyInstance): Promise<void> {
  app.get<DownloadRequest>('/dataset/:name/resource/:id/download/:filename', { config: { access: 'public' } }, async (request, reply) => {
    if (!request.commune) throw new AppError('COMMUNE_NOT_FOUND');
    const file = await publishedFile(app, request.commune.id, request.params);
    if (!file?.storage_key || file.filename !== request.params.filename) throw new AppError('NOT_FOUND');
    const etag = file.sha256 ? `"${file.sha256}"` : null;
    if (etag && request.headers['if-none-match'] === etag) return reply.code(304).send();
    if (etag) reply.header('etag', etag);
    if (file.byte_size !== null) reply.header('content-length', String(file.byte_size));
    const asciiName = file.filename.replace(/[^\w.-]/g, '_');
    return reply
      .type(file.media_type)
      .header('content-disposition', `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
      .header('cache-control', 'public, max-age=300')
      .send(app.platform.storage.read(file.storage_key));
  });
}
