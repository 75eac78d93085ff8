import type { FastifyInstance, FastifyRequest } from 'fastify';
import { recordAudit } from '../../../platform/audit/audit.js';
import { communeScope } from '../../../platform/db/commune-scope.js';
import { AppError } from '../../../platform/http/errors.js';
import { redirectWithFlash, sendPage } from '../../../platform/http/render.js';
import { staffOnly } from '../../../platform/permissions/route-access.js';
import { type MultipartForm, storeUpload } from '../../../platform/storage/uploads.js';
import { communePolicy } from '../permissions.js';
import { communeDb, isUuid } from '../queries/public-queries.js';
import { registerProfileRoutes } from './profile-routes.js';
import { type AdminResource, emptyState, readAdminForm, type FormValues, toColumns, toFormValues } from './resource.js';
import { CouncilHubPage, ResourceFormPage, ResourceListPage } from './resource-views.js';
import { adminResources } from './resources.js';
import { newsResource } from './news-resource.js';

/** PostgreSQL's code for a row another table still points at. */
const foreignKeyViolation = '23503';

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

/** Ids picked from this commune's rows only: a forged id of another commune's person is refused. */
function foreignChoiceErrors(choices: Record<string, { value: string }[]>, columns: Record<string, unknown>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [field, options] of Object.entries(choices)) {
    if (columns[field] && !options.some((option) => option.value === columns[field])) errors[field] = 'core.form.invalid';
  }
  return errors;
}

async function findRow(request: FastifyRequest, resource: AdminResource, id: string) {
  if (!isUuid(id)) throw new AppError('NOT_FOUND');
  const row = await context(request).scope.selectFrom(resource.table).selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return row as Record<string, unknown>;
}

/** Stores the uploaded files (type checked by content) into their columns; a refused type becomes a field error. */
async function storeFiles(request: FastifyRequest, resource: AdminResource, files: MultipartForm['files'], columns: Record<string, unknown>) {
  const errors: Record<string, string> = {};
  for (const field of resource.fields.filter((f) => f.kind === 'image' || f.kind === 'pdf')) {
    const file = files[field.name];
    if (!file) continue;
    try {
      columns[field.name] = (await storeUpload(request, file, { communeId: request.commune!.id, accept: [field.kind as 'image' | 'pdf'] })).id;
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'UNSUPPORTED_FILE_TYPE') throw error;
      errors[field.name] = 'core.errors.UNSUPPORTED_FILE_TYPE';
    }
  }
  return errors;
}

/** Validates the multipart form, stores uploads, then inserts or updates the row; re-renders with errors otherwise. */
async function save(request: FastifyRequest, reply: import('fastify').FastifyReply, resource: AdminResource, id: string | null) {
  const { commune, scope } = context(request);
  communePolicy.authorize(request.actor, resource.action, { communeId: commune.id });
  const existing = id ? await findRow(request, resource, id) : null;
  const form = await readAdminForm(request);
  const values: FormValues = form.fields;
  const { columns, errors } = toColumns(resource, values, commune, id !== null);
  Object.assign(errors, resource.beforeSave?.(columns, values, { commune, userId: request.actor.user?.id ?? null, existing, now: new Date() }) ?? {});
  for (const field of resource.fields.filter((f) => f.kind === 'image' || f.kind === 'pdf')) {
    if (!form.files[field.name] && field.required && !id) errors[field.name] = 'core.form.required';
  }
  const choices = await loadChoices(request, resource);
  Object.assign(errors, foreignChoiceErrors(choices, columns));
  if (Object.keys(errors).length === 0) Object.assign(errors, await storeFiles(request, resource, form.files, columns));
  if (Object.keys(errors).length > 0) {
    return sendPage(request, reply, (ctx) => <ResourceFormPage ctx={ctx} props={{ resource, form: { values, errors }, id, choices, submitButtons: resource.submitButtons?.(ctx) }} />, 422);
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
    return sendPage(request, reply, (ctx) => <ResourceFormPage ctx={ctx} props={{ resource, form, id: request.params.id, choices, row, submitButtons: resource.submitButtons?.(ctx) }} />);
  });
  app.post<IdParams>(`${path}/:id`, staff, async (request, reply) => save(request, reply, resource, request.params.id));
  app.post<IdParams>(`${path}/:id/delete`, staff, async (request, reply) => {
    const { commune, scope } = context(request);
    communePolicy.authorize(request.actor, resource.action, { communeId: commune.id });
    await findRow(request, resource, request.params.id);
    try {
      await scope.deleteFrom(resource.table).where('id', '=', request.params.id).execute();
    } catch (error) {
      // Still referred to elsewhere (a procedure with requests filed, a body with members…): say so, delete nothing.
      if ((error as { code?: string } | null)?.code !== foreignKeyViolation) throw error;
      return redirectWithFlash(reply, `/${commune.slug}/admin/${resource.path}/${request.params.id}`, 'commune.admin.delete_in_use');
    }
    await recordAudit(request.server.platform.db, { communeId: commune.id, actorUserId: request.actor.user?.id ?? null, action: `${resource.auditType}.deleted`, resourceType: resource.auditType, resourceId: request.params.id, ip: request.ip });
    return redirectWithFlash(reply, `/${commune.slug}/admin/${resource.path}`, 'commune.admin.deleted');
  });
}

/** Takes a post offline without deleting it: it becomes a draft again. */
function registerUnpublish(app: FastifyInstance): void {
  app.post<IdParams>('/news/:id/unpublish', staff, async (request, reply) => {
    const { commune, scope } = context(request);
    communePolicy.authorize(request.actor, 'news.publish', { communeId: commune.id });
    await findRow(request, newsResource, request.params.id);
    await scope.updateTable('news_posts').set({ status: 'draft', publish_at: null, updated_at: new Date() }).where('id', '=', request.params.id).execute();
    await recordAudit(request.server.platform.db, { communeId: commune.id, actorUserId: request.actor.user?.id ?? null, action: 'news.unpublished', resourceType: 'news', resourceId: request.params.id, ip: request.ip });
    return redirectWithFlash(reply, `/${commune.slug}/admin/news`, 'commune.news.unpublished');
  });
}

/** The official site's back-office under /<commune>/admin/: one set of pages per section. */
export async function communeAdminRoutes(app: FastifyInstance): Promise<void> {
  registerUnpublish(app);
  const councilSections = adminResources.filter((resource) => resource.path.startsWith('council/'));
  app.get('/council', staff, async (request, reply) => sendPage(request, reply, (ctx) => <CouncilHubPage ctx={ctx} sections={councilSections} />));
  for (const resource of adminResources) registerResource(app, resource);
  registerProfileRoutes(app);
}
