import type { FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../../../platform/audit/audit.js';
import type { Commune } from '../../../platform/db/platform-tables.js';
import { AppError } from '../../../platform/http/errors.js';
import { sendPage } from '../../../platform/http/render.js';
import { staffOnly } from '../../../platform/permissions/route-access.js';
import type { StaffDatasetRow } from '../db/tables.js';
import { openDataPolicy } from '../permissions.js';
import { progressScript } from './progress-script.js';
import { findDataset, resourcesOf } from './queries.js';
import { DatasetPage } from './views/dataset-views.js';
import type { ResourceFormState } from './views/resource-views.js';

export const staff = { config: { access: staffOnly } };
export type DatasetParams = { Params: { id: string } };
export type ResourceParams = { Params: { id: string; resourceId: string } };

/** The commune whose datasets this person may publish (its staff, or a platform administrator). */
export function communeOf(request: FastifyRequest): Commune {
  if (!request.commune) throw new AppError('COMMUNE_NOT_FOUND');
  openDataPolicy.authorize(request.actor, 'open-data.publish', { communeId: request.commune.id });
  return request.commune;
}

export const actorIdOf = (request: FastifyRequest) => request.actor.user?.id ?? null;

/** A dataset of this commune; another commune's, or none, is "not found". */
export async function ownDataset(request: FastifyRequest, id: string): Promise<{ commune: Commune; dataset: StaffDatasetRow }> {
  const commune = communeOf(request);
  const dataset = await findDataset(request.server.platform.db, commune.id, id);
  if (!dataset) throw new AppError('NOT_FOUND');
  return { commune, dataset };
}

export async function audit(request: FastifyRequest, action: string, target: { type: 'open_data_dataset' | 'open_data_resource'; id: string }, details: Record<string, unknown> = {}) {
  await recordAudit(request.server.platform.db, { communeId: communeOf(request).id, actorUserId: actorIdOf(request), ip: request.ip, action: `open-data.${action}`, resourceType: target.type, resourceId: target.id, details });
}

/** The configured limit in megabytes, as the form hint and the error say it. */
export const maxUploadMegabytes = (request: FastifyRequest) => Number((request.server.platform.config.dataUploadMaxBytes / 1024 / 1024).toPrecision(3));

export async function showDatasetPage(request: FastifyRequest, reply: FastifyReply, dataset: StaffDatasetRow, resourceForm: ResourceFormState = { values: {}, errors: {} }, status = 200) {
  const commune = communeOf(request);
  const resources = await resourcesOf(request.server.platform.db, commune.id, dataset.id);
  const props = { dataset, resources, resourceForm, maxUploadMegabytes: maxUploadMegabytes(request), scriptHref: `/${commune.slug}${progressScript.path}` };
  return sendPage(request, reply, (ctx) => <DatasetPage ctx={ctx} props={props} />, status);
}
