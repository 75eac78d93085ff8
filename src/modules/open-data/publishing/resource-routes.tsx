import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { PlatformServices } from '../../../platform/http/context.js';
import { AppError } from '../../../platform/http/errors.js';
import { fields, parseForm } from '../../../platform/http/forms.js';
import { redirectWithFlash } from '../../../platform/http/render.js';
import { dropDatastoreTable } from '../datastore/tables.js';
import type { StaffDatasetRow, StaffResourceRow } from '../db/tables.js';
import { startImport, tabularKind } from '../import/run.js';
import { addResource, removeResource, replaceResourceFile } from './commands.js';
import { linkFormats } from './file-format.js';
import { findResource } from './queries.js';
import { actorIdOf, audit, type DatasetParams, ownDataset, type ResourceParams, showDatasetPage, staff } from './route-support.js';
import { receiveUpload, type ReceivedUpload } from './upload.js';
import type { ResourceFormState } from './views/resource-views.js';

const fileFieldsSchema = z.object({
  name: fields.requiredText(200),
  description: fields.optionalText(2000),
});

const linkSchema = z.object({
  link_name: fields.requiredText(200),
  link_description: fields.optionalText(2000),
  url: z.string({ error: 'core.form.required' }).trim().max(2000, 'core.form.too_long').pipe(z.url({ protocol: /^https?$/, error: 'open-data.publishing.error_url' })),
  format: z.enum(Object.keys(linkFormats) as [keyof typeof linkFormats], 'core.form.invalid'),
});

const describedAs = (text: string | undefined) => (text ? { fr: text } : {});
const datasetPath = (request: FastifyRequest, dataset: StaffDatasetRow) => `/${request.commune!.slug}/admin/data/${dataset.id}`;

/** A refused resource form: nothing was added, the dataset page shows why, with what was typed. */
function refuse(request: FastifyRequest, reply: FastifyReply, dataset: StaffDatasetRow, form: ResourceFormState) {
  return showDatasetPage(request, reply, dataset, form, 422);
}

/** The errors of an upload: the text fields' and the file's (missing, too large, not what it claims to be). */
function uploadErrors(upload: ReceivedUpload, textErrors: Record<string, string>): Record<string, string> {
  const fileError = upload.fileError ?? (upload.file ? undefined : 'open-data.publishing.error_file_required');
  return fileError ? { ...textErrors, file: fileError } : textErrors;
}

/** A CSV or XLSX file is loaded into its table as soon as it is stored; other files have no table. */
async function afterFileStored(services: PlatformServices, resource: StaffResourceRow, actorId: string | null) {
  if (tabularKind(resource)) await startImport(services, { communeId: resource.commune_id, resourceId: resource.id, actorId });
  else await dropDatastoreTable(services.db, resource.id);
}

async function ownResource(request: FastifyRequest<ResourceParams>) {
  const { commune, dataset } = await ownDataset(request, request.params.id);
  const resource = await findResource(request.server.platform.db, commune.id, dataset.id, request.params.resourceId);
  if (!resource) throw new AppError('NOT_FOUND');
  return { commune, dataset, resource };
}

export function registerResourceRoutes(app: FastifyInstance): void {
  const services = app.platform;

  app.post<DatasetParams>('/data/:id/resources/file', staff, async (request, reply) => {
    const { commune, dataset } = await ownDataset(request, request.params.id);
    const resourceId = randomUUID();
    const upload = await receiveUpload(request, { communeId: commune.id, resourceId });
    const parsed = parseForm(fileFieldsSchema, upload.fields);
    const errors = uploadErrors(upload, parsed.ok ? {} : (parsed.form.errors as Record<string, string>));
    if (!parsed.ok || !upload.file || Object.keys(errors).length > 0) {
      if (upload.file) await services.storage.remove(upload.file.storage_key);
      return refuse(request, reply, dataset, { target: 'file', values: upload.fields, errors });
    }
    const resource = await addResource(services.db, dataset, actorIdOf(request), {
      id: resourceId, name: parsed.data.name, description: describedAs(parsed.data.description), kind: 'file', url: null, ...upload.file,
    });
    await audit(request, 'resource.added', { type: 'open_data_resource', id: resource.id }, { dataset: dataset.name, format: resource.format, bytes: resource.byte_size, sha256: resource.sha256 });
    await afterFileStored(services, resource, actorIdOf(request));
    return redirectWithFlash(reply, datasetPath(request, dataset), 'open-data.publishing.resource_added');
  });

  app.post<DatasetParams>('/data/:id/resources/link', staff, async (request, reply) => {
    const { dataset } = await ownDataset(request, request.params.id);
    const parsed = parseForm(linkSchema, request.body);
    if (!parsed.ok) return refuse(request, reply, dataset, { target: 'link', ...(parsed.form as ResourceFormState) });
    const { link_name: name, link_description: description, url, format } = parsed.data;
    const resource = await addResource(services.db, dataset, actorIdOf(request), {
      id: randomUUID(), name, description: describedAs(description), kind: 'link', url, format, media_type: linkFormats[format],
      storage_key: null, filename: null, byte_size: null, sha256: null,
    });
    await audit(request, 'resource.added', { type: 'open_data_resource', id: resource.id }, { dataset: dataset.name, url });
    return redirectWithFlash(reply, datasetPath(request, dataset), 'open-data.publishing.resource_added');
  });

  app.post<ResourceParams>('/data/:id/resources/:resourceId/replace', staff, async (request, reply) => {
    const { commune, dataset, resource } = await ownResource(request);
    if (resource.kind !== 'file') throw new AppError('NOT_FOUND');
    const upload = await receiveUpload(request, { communeId: commune.id, resourceId: resource.id, currentKey: resource.storage_key });
    const errors = uploadErrors(upload, {});
    if (!upload.file || Object.keys(errors).length > 0) return refuse(request, reply, dataset, { target: resource.id, values: {}, errors });
    const replaced = await replaceResourceFile(services.db, dataset, resource, actorIdOf(request), upload.file);
    // The history keeps the old file's size and SHA-256; its bytes go, as a commune's disk is not infinite.
    if (resource.storage_key && resource.storage_key !== replaced.storage_key) await services.storage.remove(resource.storage_key);
    await audit(request, 'resource.replaced', { type: 'open_data_resource', id: resource.id }, { dataset: dataset.name, before: resource.sha256, after: replaced.sha256 });
    await afterFileStored(services, replaced, actorIdOf(request));
    return redirectWithFlash(reply, datasetPath(request, dataset), 'open-data.publishing.resource_replaced');
  });

  app.post<ResourceParams>('/data/:id/resources/:resourceId/delete', staff, async (request, reply) => {
    const { dataset, resource } = await ownResource(request);
    await removeResource(services.db, dataset, resource, actorIdOf(request));
    await dropDatastoreTable(services.db, resource.id);
    if (resource.storage_key) await services.storage.remove(resource.storage_key);
    await audit(request, 'resource.deleted', { type: 'open_data_resource', id: resource.id }, { dataset: dataset.name, name: resource.name });
    return redirectWithFlash(reply, datasetPath(request, dataset), 'open-data.publishing.resource_deleted');
  });
}
