import type { FastifyInstance, FastifyRequest } from 'fastify';
import { recordAudit } from '../../../platform/audit/audit.js';
import { communeScope } from '../../../platform/db/commune-scope.js';
import { AppError } from '../../../platform/http/errors.js';
import { redirectWithFlash, sendPage } from '../../../platform/http/render.js';
import { staffOnly } from '../../../platform/permissions/route-access.js';
import { readMultipartForm, storeUpload } from '../../../platform/storage/uploads.js';
import { communePolicy } from '../permissions.js';
import { communeDb, isUuid } from '../queries/public-queries.js';
import { registerProfileRoutes } from './profile-routes.js';
import { type AdminResource, emptyState, type FormValues, toColumns, toFormValues } from './resource.js';
import { ResourceFormPage, ResourceListPage } from './resource-views.js';
import { adminResources } from './resources.js';

const staff = { config: { access: staffOnly } };
type IdParams = { Params: { id: string } };

function context(request: FastifyRequest) {
  const commune = request.commune;
  if (!commune) throw new AppError('COMMUNE_NOT_FOUND');
  const scope = communeScope(communeDb(request.server.platform.db) as never, commune.id) as ReturnType<typeof communeScope<any>>;
  return { commune, scope };
}

async function loadChoices(request: FastifyRequest, resource: AdminResource) {
  const entries = await Promise.all(
    resource.fields.filter((f) => f.loadOptions).map(async (f) => [f.name, await f.loadOptions!(request)] as const),
  );
  return Object.fromEntries(entries);
}

async function findRow(request: FastifyRequest, resource: AdminResource, id: string) {
  if (!isUuid(id)) throw new AppError('NOT_FOUND');
  const row = await context(request).scope.selectFrom(resource.table).selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return row as Record<string, unknown>;
}

/** Validates the multipart form, stores uploads, then inserts or updates the row; re-renders with errors otherwise. */
async function save(request: FastifyRequest, reply: import('fastify').FastifyReply, resource: AdminResource, id: string | null) {
  const { commune, scope } = context(request);
  communePolicy.authorize(request.actor, resource.action, { communeId: commune.id });
  if (id) await findRow(request, resource, id);
  const form = await readMultipartForm(request);
  const values: FormValues = form.fields;
  const { columns, errors } = toColumns(resource, values, commune, id !== null);
  Object.assign(errors, resource.beforeSave?.(columns, values, { commune, userId: request.actor.user?.id ?? null, isUpdate: id !== null, now: new Date() }) ?? {});
  for (const field of resource.fields.filter((f) => f.kind === 'image' || f.kind === 'pdf')) {
    if (!form.files[field.name] && field.required && !id) errors[field.name] = 'core.form.required';
  }
  if (Object.keys(errors).length > 0) {
    const choices = await loadChoices(request, resource);
    return sendPage(request, reply, (ctx) => <ResourceFormPage ctx={ctx} props={{ resource, form: { values, errors }, id, choices, submitButtons: resource.submitButtons?.(ctx) }} />, 422);
  }
  for (const field of resource.fields.filter((f) => f.kind === 'image' || f.kind === 'pdf')) {
    const file = form.files[field.name];
    if (file) columns[field.name] = (await storeUpload(request, file, { communeId: commune.id, accept: [field.kind as 'image' | 'pdf'] })).id;
  }
  const savedId = id
    ? (await scope.updateTable(resource.table).set(columns).where('id', '=', id).execute(), id)
    : ((await scope.insertInto(resource.table, columns).returning('id').executeTakeFirstOrThrow()) as { id: string }).id;
  const action = resource.auditAction?.(values, id !== null) ?? `${resource.auditType}.${id ? 'updated' : 'created'}`;
  await recordAudit(request.server.platform.db, { communeId: commune.id, actorUserId: request.actor.user?.id ?? null, action, resourceType: resource.auditType, resourceId: savedId, ip: request.ip });
  return redirectWithFlash(reply, `/${commune.slug}/admin/${resource.path}`, 'commune.admin.saved');
}

function registerResource(app: FastifyInstance, resource: AdminResource): void {
  const path = `/${resource.path}`;
  app.get(path, staff, async (request, reply) => {
    const { scope } = context(request);
    const rows = (await scope.selectFrom(resource.table).selectAll().orderBy(resource.orderBy, resource.orderDirection ?? 'asc').orderBy('id').limit(500).execute()) as Record<string, unknown>[];
    return sendPage(request, reply, (ctx) => <ResourceListPage ctx={ctx} resource={resource} rows={rows} />);
  });
  app.get(`${path}/new`, staff, async (request, reply) => {
    const choices = await loadChoices(request, resource);
    return sendPage(request, reply, (ctx) => <ResourceFormPage ctx={ctx} props={{ resource, form: emptyState(), id: null, choices, submitButtons: resource.submitButtons?.(ctx) }} />);
  });
  app.post(path, staff, async (request, reply) => save(request, reply, resource, null));
  app.get<IdParams>(`${path}/:id/edit`, staff, async (request, reply) => {
    const row = await findRow(request, resource, request.params.id);
    const choices = await loadChoices(request, resource);
    const form = emptyState(toFormValues(resource, row, request.commune!));
    return sendPage(request, reply, (ctx) => <ResourceFormPage ctx={ctx} props={{ resource, form, id: request.params.id, choices, submitButtons: resource.submitButtons?.(ctx) }} />);
  });
  app.post<IdParams>(`${path}/:id`, staff, async (request, reply) => save(request, reply, resource, request.params.id));
  app.post<IdParams>(`${path}/:id/delete`, staff, async (request, reply) => {
    const { commune, scope } = context(request);
    communePolicy.authorize(request.actor, resource.action, { communeId: commune.id });
    await findRow(request, resource, request.params.id);
    await scope.deleteFrom(resource.table).where('id', '=', request.params.id).execute();
    await recordAudit(request.server.platform.db, { communeId: commune.id, actorUserId: request.actor.user?.id ?? null, action: `${resource.auditType}.deleted`, resourceType: resource.auditType, resourceId: request.params.id, ip: request.ip });
    return redirectWithFlash(reply, `/${commune.slug}/admin/${resource.path}`, 'commune.admin.deleted');
  });
}

/** The official site's back-office under /<commune>/admin/: one set of pages per section. */
export async function communeAdminRoutes(app: FastifyInstance): Promise<void> {
  for (const resource of adminResources) registerResource(app, resource);
  registerProfileRoutes(app);
}
