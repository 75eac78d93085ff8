import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Commune } from '../../../platform/db/platform-tables.js';
import { toCsv } from '../../../platform/http/csv.js';
import { AppError } from '../../../platform/http/errors.js';
import { sendPage } from '../../../platform/http/render.js';
import { staffOnly } from '../../../platform/permissions/route-access.js';
import { scoped } from '../db/open-data-db.js';
import { datastoreFieldTypes, type DatastoreField, type DatastoreSchema } from '../datastore/table-schema.js';
import { datastoreIndexing } from '../datastore/indexes.js';
import { openDataPolicy } from '../permissions.js';
import { ImportPage, importMessageKeys, SchemaPage } from './admin-views.js';
import { dateFormats } from './infer.js';
import { latestImport, startImport, tabularKind } from './run.js';
import { isUuid } from '../../../platform/db/uuid.js';

const staff = { config: { access: staffOnly } };
type ResourceRequest = { Params: { id: string } };
type SchemaForm = { Params: { id: string }; Body: Record<string, string | undefined> };

/** A CSV or XLSX file resource of this commune that this person may load; anything else is "not found". */
async function loadable(request: FastifyRequest, id: string) {
  const commune: Commune | null = request.commune;
  if (!commune || !isUuid(id)) throw new AppError('NOT_FOUND');
  openDataPolicy.authorize(request.actor, 'open-data.publish', { communeId: commune.id });
  const resource = await scoped(request.server.platform.db, commune.id).selectFrom('open_data_resources').selectAll().where('id', '=', id).executeTakeFirst();
  if (!resource || resource.kind !== 'file' || !tabularKind(resource)) throw new AppError('NOT_FOUND');
  return { commune, resource, base: `/${commune.slug}/admin/data/resources/${resource.id}`, datasetHref: `/${commune.slug}/admin/data/${resource.dataset_id}` };
}

const oneOf = <T extends string>(allowed: readonly T[], value: string | undefined, fallback: T): T => (allowed.includes(value as T) ? (value as T) : fallback);

/** The schema form read back onto the stored schema: names never change (they are the file's headers). */
function correctedSchema(stored: DatastoreSchema, body: Record<string, string | undefined>): DatastoreSchema {
  const fields = stored.fields.map((field, index): DatastoreField => {
    const type = oneOf(datastoreFieldTypes, body[`type_${index}`], field.type);
    const decimalChar = body[`decimal_${index}`] === ',' ? ',' : '.';
    const title = (body[`title_${index}`] ?? '').trim().slice(0, 200) || field.name;
    return {
      name: field.name,
      title,
      type,
      ...(type === 'date' ? { format: oneOf(dateFormats, body[`format_${index}`], '%d/%m/%Y') } : {}),
      ...(type === 'number' || type === 'integer' ? { decimalChar, ...(decimalChar === ',' ? { groupChar: ' ' } : {}) } : {}),
      ...(type === 'boolean' ? { trueValues: field.trueValues ?? ['oui', 'true'], falseValues: field.falseValues ?? ['non', 'false'] } : {}),
      constraints: { required: body[`required_${index}`] === '1' },
    };
  });
  const missing = (body.missing ?? '').split(/\s+/).filter(Boolean).slice(0, 20);
  return { fields, missingValues: ['', ...missing.filter((token) => token !== '')] };
}

/** Staff pages to load a tabular resource into the datastore, follow the load and correct the inferred columns. */
export async function importAdminRoutes(app: FastifyInstance): Promise<void> {
  app.get<ResourceRequest>('/data/resources/:id/import', staff, async (request, reply) => {
    const { commune, resource, base, datasetHref } = await loadable(request, request.params.id);
    const latest = await latestImport(app.platform, commune.id, resource.id);
    reply.header('cache-control', 'no-store');
    return sendPage(request, reply, (ctx) => <ImportPage ctx={ctx} props={{ resource, latest, base, datasetHref, indexing: datastoreIndexing(resource.id) }} />);
  });

  app.post<ResourceRequest>('/data/resources/:id/import', staff, async (request, reply) => {
    const { commune, resource, base } = await loadable(request, request.params.id);
    await startImport(app.platform, { communeId: commune.id, resourceId: resource.id, actorId: request.actor.user?.id ?? null });
    return reply.redirect(`${base}/import`, 303);
  });

  app.get<ResourceRequest>('/data/resources/:id/import/errors.csv', staff, async (request, reply) => {
    const { commune, resource } = await loadable(request, request.params.id);
    const latest = await latestImport(app.platform, commune.id, resource.id);
    const header = [request.t('open-data.import.line'), request.t('open-data.import.column'), request.t('open-data.import.problem')];
    const rows = (latest?.errors ?? []).map((error) => [error.line, error.column ?? '', request.t(importMessageKeys[error.message] ?? 'open-data.import.failure_unreadable')]);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="import-errors.csv"').send(toCsv([header, ...rows], { bom: true }));
  });

  app.get<ResourceRequest>('/data/resources/:id/schema', staff, async (request, reply) => {
    const { resource, base } = await loadable(request, request.params.id);
    if (!resource.table_schema) return reply.redirect(`${base}/import`, 303);
    return sendPage(request, reply, (ctx) => <SchemaPage ctx={ctx} props={{ schema: resource.table_schema!, base, form: { values: {}, errors: {} } }} />);
  });

  app.post<SchemaForm>('/data/resources/:id/schema', staff, async (request, reply) => {
    const { commune, resource, base } = await loadable(request, request.params.id);
    if (!resource.table_schema) return reply.redirect(`${base}/import`, 303);
    const schema = correctedSchema(resource.table_schema, request.body ?? {});
    await startImport(app.platform, { communeId: commune.id, resourceId: resource.id, actorId: request.actor.user?.id ?? null, schema });
    return reply.redirect(`${base}/import`, 303);
  });
}
