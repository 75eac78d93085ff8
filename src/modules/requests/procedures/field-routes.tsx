import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../../../platform/audit/audit.js';
import type { Commune } from '../../../platform/db/platform-tables.js';
import { typedFieldFormValues } from '../../../platform/forms/typed-fields.js';
import { AppError } from '../../../platform/http/errors.js';
import { type FormState } from '../../../platform/http/forms.js';
import { redirectWithFlash, sendPage } from '../../../platform/http/render.js';
import { staffOnly } from '../../../platform/permissions/route-access.js';
import { findProcedure, listProcedures } from '../../commune/index.js';
import { requestsPolicy } from '../permissions.js';
import { addField, checkFieldForm, fieldsOf, findField, removeField, requestsFiledFor, updateField } from './fields.js';
import { FieldBuilderPage, FieldEditPage, ProcedureFormsPage } from './field-views.js';

const staff = { config: { access: staffOnly } };
type ProcedureParams = { Params: { serviceId: string } };
type FieldParams = { Params: { serviceId: string; fieldId: string } };
const empty: FormState = { values: {}, errors: {} };

function communeOf(request: FastifyRequest): Commune {
  if (!request.commune) throw new AppError('COMMUNE_NOT_FOUND');
  return request.commune;
}

/** The procedure of the URL, in this commune, for an officer allowed to define its form; else "not found"/403. */
async function editableProcedure(request: FastifyRequest, serviceId: string) {
  const commune = communeOf(request);
  requestsPolicy.authorize(request.actor, 'procedure.define_fields', { communeId: commune.id });
  const procedure = await findProcedure(request.server.platform.db, commune.id, serviceId);
  if (!procedure) throw new AppError('NOT_FOUND');
  return { commune, procedure };
}

/** Form values are strings; anything else a client sends is ignored. */
const formValues = (body: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries((body ?? {}) as Record<string, unknown>).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));

async function showBuilder(request: FastifyRequest, reply: FastifyReply, serviceId: string, form = empty, status = 200, notice?: string) {
  const { db } = request.server.platform;
  const { commune, procedure } = await editableProcedure(request, serviceId);
  const [fields, filed] = await Promise.all([fieldsOf(db, commune.id, procedure.id), requestsFiledFor(db, commune.id, procedure.id)]);
  const props = { procedure, fields, filed, form, ...(notice ? { notice } : {}) };
  return sendPage(request, reply, (ctx) => <FieldBuilderPage ctx={ctx} props={props} />, status);
}

const audit = (request: FastifyRequest, communeId: string, action: string, fieldId: string, details: Record<string, unknown>) =>
  recordAudit(request.server.platform.db, { communeId, actorUserId: request.actor.user?.id ?? null, action, resourceType: 'procedure_field', resourceId: fieldId, ip: request.ip, details });

function registerFieldChanges(app: FastifyInstance): void {
  const { db } = app.platform;
  app.post<ProcedureParams>('/requests/procedure-forms/:serviceId/fields', staff, async (request, reply) => {
    const { commune, procedure } = await editableProcedure(request, request.params.serviceId);
    const values = formValues(request.body);
    const [fields, filed] = await Promise.all([fieldsOf(db, commune.id, procedure.id), requestsFiledFor(db, commune.id, procedure.id)]);
    const checked = checkFieldForm(values, { takenKeys: fields.map((f) => f.key), locked: filed > 0 });
    if (!checked.ok) return showBuilder(request, reply, procedure.id, checked.form, 422);
    const fieldId = await addField(db, commune.id, procedure.id, checked.definition);
    await audit(request, commune.id, 'procedure.field_added', fieldId, { procedure_id: procedure.id, key: checked.definition.key, kind: checked.definition.kind });
    return redirectWithFlash(reply, `/${commune.slug}/admin/requests/procedure-forms/${procedure.id}`, 'requests.procedure.fields.saved');
  });

  app.post<FieldParams>('/requests/procedure-forms/:serviceId/fields/:fieldId', staff, async (request, reply) => {
    const { commune, procedure } = await editableProcedure(request, request.params.serviceId);
    const field = await findField(db, commune.id, procedure.id, request.params.fieldId);
    if (!field) throw new AppError('NOT_FOUND');
    const values = formValues(request.body);
    const [fields, filed] = await Promise.all([fieldsOf(db, commune.id, procedure.id), requestsFiledFor(db, commune.id, procedure.id)]);
    const checked = checkFieldForm(values, { takenKeys: fields.filter((f) => f.id !== field.id).map((f) => f.key), before: field, locked: filed > 0 });
    if (!checked.ok) return sendPage(request, reply, (ctx) => <FieldEditPage ctx={ctx} procedure={procedure} form={checked.form} fieldId={field.id} />, 422);
    await updateField(db, field, checked.definition);
    await audit(request, commune.id, 'procedure.field_updated', field.id, { procedure_id: procedure.id, key: checked.definition.key, kind: checked.definition.kind });
    return redirectWithFlash(reply, `/${commune.slug}/admin/requests/procedure-forms/${procedure.id}`, 'requests.procedure.fields.saved');
  });

  app.post<FieldParams>('/requests/procedure-forms/:serviceId/fields/:fieldId/remove', staff, async (request, reply) => {
    const { commune, procedure } = await editableProcedure(request, request.params.serviceId);
    const field = await findField(db, commune.id, procedure.id, request.params.fieldId);
    if (!field) throw new AppError('NOT_FOUND');
    // Answers already filed name this field: removing it would hide what residents sent.
    if ((await requestsFiledFor(db, commune.id, procedure.id)) > 0) return showBuilder(request, reply, procedure.id, empty, 409, 'requests.procedure.fields.error_remove_locked');
    await removeField(db, field);
    await audit(request, commune.id, 'procedure.field_removed', field.id, { procedure_id: procedure.id, key: field.key });
    return redirectWithFlash(reply, `/${commune.slug}/admin/requests/procedure-forms/${procedure.id}`, 'requests.procedure.fields.removed');
  });
}

/** Staff define, per procedure of the catalogue, the fields its online request form asks. */
export function registerProcedureFieldRoutes(app: FastifyInstance): void {
  const { db } = app.platform;
  app.get('/requests/procedure-forms', staff, async (request, reply) => {
    const commune = communeOf(request);
    requestsPolicy.authorize(request.actor, 'procedure.define_fields', { communeId: commune.id });
    const procedures = await listProcedures(db, commune.id);
    const counts = await Promise.all(procedures.map((p) => fieldsOf(db, commune.id, p.id)));
    const summaries = procedures.map((p, i) => ({ ...p, fieldCount: counts[i]!.length }));
    return sendPage(request, reply, (ctx) => <ProcedureFormsPage ctx={ctx} procedures={summaries} />);
  });

  app.get<ProcedureParams>('/requests/procedure-forms/:serviceId', staff, async (request, reply) => showBuilder(request, reply, request.params.serviceId));

  app.get<FieldParams>('/requests/procedure-forms/:serviceId/fields/:fieldId', staff, async (request, reply) => {
    const { commune, procedure } = await editableProcedure(request, request.params.serviceId);
    const field = await findField(db, commune.id, procedure.id, request.params.fieldId);
    if (!field) throw new AppError('NOT_FOUND');
    const form = { values: typedFieldFormValues(field), errors: {} };
    return sendPage(request, reply, (ctx) => <FieldEditPage ctx={ctx} procedure={procedure} form={form} fieldId={field.id} />);
  });

  registerFieldChanges(app);
}
