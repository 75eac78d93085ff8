import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { auditAction, formValues } from '../../../../platform/administration/admin-support.js';
import { isUuid } from '../../../../platform/db/uuid.js';
import { AppError } from '../../../../platform/http/errors.js';
import { type FormState, parseForm } from '../../../../platform/http/forms.js';
import { redirectWithFlash, sendPage } from '../../../../platform/http/render.js';
import { type CallRow, programmeDb } from '../../db/tables.js';
import { authorizeOperator } from '../../permissions.js';
import { definitionColumns, fieldFormValues, onlyWordingChanged, parseFieldDefinition } from '../field-definitions.js';
import { callBySlug, callFields } from '../queries.js';
import { callSchema, cohortSchema, languagesFrom, localizedFrom, localizedValues } from './forms.js';
import { allCalls, allCohorts, formLocked, statusCounts } from './queries.js';
import { adminCallPath, adminPath, type CallAdminData, CallAdminPage, CallFormPage, CohortFormPage, FieldEditPage, OperatorHome } from './views.js';

export const operatorOnly = { config: { access: 'signed-in' as const } };
type SlugParams = { Params: { slug: string } };
type FieldParams = { Params: { slug: string; fieldId: string } };
const emptyForm: FormState = { values: {}, errors: {} };

/** The call named in the URL, for an operator (drafts included). */
export async function operatorCall(request: FastifyRequest, slug: string): Promise<CallRow> {
  await authorizeOperator(request);
  const call = await callBySlug(request.server.platform.db, slug);
  if (!call) throw new AppError('NOT_FOUND');
  return call;
}

async function callAdminData(request: FastifyRequest, call: CallRow): Promise<CallAdminData> {
  const { db } = request.server.platform;
  const counts = (await statusCounts(db, call.id)).get(call.id) ?? {};
  return { call, fields: await callFields(db, call.id), counts, locked: formLocked(counts) };
}

const audit = (request: FastifyRequest, action: string, resourceType: string, resourceId: string, details?: Record<string, unknown>) => auditAction(request, { communeId: null, action, resourceType, resourceId, details });

function registerHomeAndCohorts(app: FastifyInstance): void {
  const { db } = app.platform;
  app.get(adminPath, operatorOnly, async (request, reply) => {
    await authorizeOperator(request);
    const [cohorts, calls, counts] = await Promise.all([allCohorts(db), allCalls(db), statusCounts(db)]);
    return sendPage(request, reply, (ctx) => <OperatorHome ctx={ctx} cohorts={cohorts} calls={calls} counts={counts} now={new Date()} />);
  });
  app.get(`${adminPath}/cohorts/new`, operatorOnly, async (request, reply) => {
    await authorizeOperator(request);
    return sendPage(request, reply, (ctx) => <CohortFormPage ctx={ctx} form={{ values: { volunteers_abroad_only: 'on' }, errors: {} }} />);
  });
  app.post(`${adminPath}/cohorts/new`, operatorOnly, async (request, reply) => {
    await authorizeOperator(request);
    const parsed = parseForm(cohortSchema, request.body);
    const taken = parsed.ok && (await programmeDb(db).selectFrom('programme_cohorts').select('id').where('slug', '=', parsed.data.slug).executeTakeFirst());
    if (!parsed.ok || taken) {
      const form = parsed.ok ? { values: formValues(request), errors: { slug: 'programme.operator.error_slug_taken' } } : parsed.form;
      return sendPage(request, reply, (ctx) => <CohortFormPage ctx={ctx} form={form} />, 422);
    }
    const { data } = parsed;
    const cohort = await programmeDb(db)
      .insertInto('programme_cohorts')
      .values({ slug: data.slug, title: JSON.stringify(localizedFrom(data, 'title')), path_starts_on: data.path_starts_on, path_ends_on: data.path_ends_on, volunteers_abroad_only: data.volunteers_abroad_only })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(request, 'programme.cohort.created', 'programme_cohort', cohort.id, { slug: data.slug });
    return redirectWithFlash(reply, adminPath, 'programme.operator.cohort_created');
  });
}

/** The call's columns from its parsed form. */
const callColumns = (data: Record<string, unknown> & { cohort_id: string; audience: CallRow['audience']; slug: string; opens_on: string; closes_on: string }) => ({
  cohort_id: data.cohort_id,
  audience: data.audience,
  slug: data.slug,
  title: JSON.stringify(localizedFrom(data, 'title')),
  description: JSON.stringify(localizedFrom(data, 'description')),
  eligibility: JSON.stringify(localizedFrom(data, 'eligibility')),
  languages: JSON.stringify(languagesFrom(data)),
  opens_on: data.opens_on,
  closes_on: data.closes_on,
});

const callFormValues = (call: CallRow): Record<string, string> => ({
  cohort_id: call.cohort_id,
  audience: call.audience,
  slug: call.slug,
  opens_on: call.opens_on,
  closes_on: call.closes_on,
  ...localizedValues('title', call.title),
  ...localizedValues('description', call.description),
  ...localizedValues('eligibility', call.eligibility),
  ...Object.fromEntries(call.languages.map((l) => [`lang_${l}`, 'on'])),
});

/** Validates the call form; a slug already used by another call is refused like any invalid input. */
async function parseCallForm(request: FastifyRequest, existing?: CallRow) {
  const parsed = parseForm(callSchema, request.body);
  if (!parsed.ok) return parsed;
  const { db } = request.server.platform;
  const [taken, cohort] = await Promise.all([
    programmeDb(db).selectFrom('programme_calls').select('id').where('slug', '=', parsed.data.slug).where('id', '<>', existing?.id ?? '00000000-0000-4000-8000-000000000000').executeTakeFirst(),
    programmeDb(db).selectFrom('programme_cohorts').select('id').where('id', '=', parsed.data.cohort_id).executeTakeFirst(),
  ]);
  const errors: FormState['errors'] = {};
  if (taken) errors.slug = 'programme.operator.error_slug_taken';
  if (!cohort) errors.cohort_id = 'core.form.invalid';
  // The audience decides the whole form (identity questions, needs): it cannot change under stored applications.
  if (existing && existing.audience !== parsed.data.audience && formLocked((await statusCounts(db, existing.id)).get(existing.id) ?? {})) errors.audience = 'programme.operator.error_audience_locked';
  return Object.keys(errors).length > 0 ? { ok: false as const, form: { values: formValues(request), errors } } : parsed;
}

function registerCallForms(app: FastifyInstance): void {
  const { db } = app.platform;
  const showForm = async (request: FastifyRequest, reply: FastifyReply, form: FormState, call?: CallRow, status = 200) => {
    const cohorts = await allCohorts(db);
    return sendPage(request, reply, (ctx) => <CallFormPage ctx={ctx} form={form} cohorts={cohorts} call={call} />, status);
  };
  app.get(`${adminPath}/calls/new`, operatorOnly, async (request, reply) => {
    await authorizeOperator(request);
    return showForm(request, reply, { values: { audience: 'volunteers', lang_fr: 'on' }, errors: {} });
  });
  app.post(`${adminPath}/calls/new`, operatorOnly, async (request, reply) => {
    await authorizeOperator(request);
    const parsed = await parseCallForm(request);
    if (!parsed.ok) return showForm(request, reply, parsed.form, undefined, 422);
    const call = await programmeDb(db).insertInto('programme_calls').values(callColumns(parsed.data)).returning('id').executeTakeFirstOrThrow();
    await audit(request, 'programme.call.created', 'programme_call', call.id, { slug: parsed.data.slug });
    return redirectWithFlash(reply, adminCallPath(parsed.data.slug), 'programme.operator.call_saved');
  });
  app.get<SlugParams>(`${adminPath}/calls/:slug/edit`, operatorOnly, async (request, reply) => {
    const call = await operatorCall(request, request.params.slug);
    return showForm(request, reply, { values: callFormValues(call), errors: {} }, call);
  });
  app.post<SlugParams>(`${adminPath}/calls/:slug/edit`, operatorOnly, async (request, reply) => {
    const call = await operatorCall(request, request.params.slug);
    const parsed = await parseCallForm(request, call);
    if (!parsed.ok) return showForm(request, reply, parsed.form, call, 422);
    await programmeDb(db).updateTable('programme_calls').set({ ...callColumns(parsed.data), updated_at: new Date() }).where('id', '=', call.id).execute();
    await audit(request, 'programme.call.updated', 'programme_call', call.id, { slug: parsed.data.slug });
    return redirectWithFlash(reply, adminCallPath(parsed.data.slug), 'programme.operator.call_saved');
  });
}

function registerPublishing(app: FastifyInstance): void {
  const { db } = app.platform;
  app.get<SlugParams>(`${adminPath}/calls/:slug`, operatorOnly, async (request, reply) => {
    const data = await callAdminData(request, await operatorCall(request, request.params.slug));
    return sendPage(request, reply, (ctx) => <CallAdminPage ctx={ctx} data={data} fieldForm={{ values: { kind: 'text' }, errors: {} }} />);
  });
  app.post<SlugParams>(`${adminPath}/calls/:slug/publish`, operatorOnly, async (request, reply) => {
    const call = await operatorCall(request, request.params.slug);
    await programmeDb(db).updateTable('programme_calls').set({ published_at: new Date(), updated_at: new Date() }).where('id', '=', call.id).where('published_at', 'is', null).execute();
    await audit(request, 'programme.call.published', 'programme_call', call.id);
    return redirectWithFlash(reply, adminCallPath(call.slug), 'programme.operator.published');
  });
  app.post<SlugParams>(`${adminPath}/calls/:slug/unpublish`, operatorOnly, async (request, reply) => {
    const data = await callAdminData(request, await operatorCall(request, request.params.slug));
    // Applicants who submitted must still find the call their application answers.
    if (data.locked) return sendPage(request, reply, (ctx) => <CallAdminPage ctx={ctx} data={data} fieldForm={emptyForm} problem="programme.operator.unpublish_refused" />, 409);
    await programmeDb(db).updateTable('programme_calls').set({ published_at: null, updated_at: new Date() }).where('id', '=', data.call.id).execute();
    await audit(request, 'programme.call.unpublished', 'programme_call', data.call.id);
    return redirectWithFlash(reply, adminCallPath(data.call.slug), 'programme.operator.unpublished');
  });
}

async function fieldOf(request: FastifyRequest, call: CallRow, fieldId: string) {
  // The field must belong to the call of the URL: another call's field id is not found here.
  const field = isUuid(fieldId) ? await programmeDb(request.server.platform.db).selectFrom('programme_call_fields').selectAll().where('id', '=', fieldId).where('call_id', '=', call.id).executeTakeFirst() : undefined;
  if (!field) throw new AppError('NOT_FOUND');
  return field;
}

function registerFieldAdding(app: FastifyInstance): void {
  const { db } = app.platform;
  app.post<SlugParams>(`${adminPath}/calls/:slug/fields`, operatorOnly, async (request, reply) => {
    const data = await callAdminData(request, await operatorCall(request, request.params.slug));
    const values = formValues(request);
    const parsed = parseFieldDefinition(values, { audience: data.call.audience, takenKeys: data.fields.map((f) => f.key) });
    // With submitted applications, a new required field would make them incomplete.
    const form = !parsed.ok ? parsed.form : data.locked && parsed.definition.required ? { values, errors: { required: 'programme.builder.error_locked_required' } } : null;
    if (form || !parsed.ok) return sendPage(request, reply, (ctx) => <CallAdminPage ctx={ctx} data={data} fieldForm={form ?? emptyForm} />, 422);
    const position = Math.max(0, ...data.fields.map((f) => f.position)) + 1;
    const field = await programmeDb(db).insertInto('programme_call_fields').values({ call_id: data.call.id, position, ...definitionColumns(parsed.definition) }).returning('id').executeTakeFirstOrThrow();
    await audit(request, 'programme.field.added', 'programme_call_field', field.id, { call: data.call.slug, key: parsed.definition.key });
    return redirectWithFlash(reply, adminCallPath(data.call.slug), 'programme.builder.added');
  });
}

function registerFieldEditing(app: FastifyInstance): void {
  const { db } = app.platform;
  const fieldPath = (call: CallRow, id: string) => `${adminCallPath(call.slug)}/fields/${id}`;
  app.get<FieldParams>(`${adminPath}/calls/:slug/fields/:fieldId`, operatorOnly, async (request, reply) => {
    const data = await callAdminData(request, await operatorCall(request, request.params.slug));
    const field = await fieldOf(request, data.call, request.params.fieldId);
    return sendPage(request, reply, (ctx) => <FieldEditPage ctx={ctx} call={data.call} form={{ values: fieldFormValues(field), errors: {} }} action={fieldPath(data.call, field.id)} locked={data.locked} />);
  });
  app.post<FieldParams>(`${adminPath}/calls/:slug/fields/:fieldId`, operatorOnly, async (request, reply) => {
    const data = await callAdminData(request, await operatorCall(request, request.params.slug));
    const field = await fieldOf(request, data.call, request.params.fieldId);
    const values = formValues(request);
    const parsed = parseFieldDefinition(values, { audience: data.call.audience, takenKeys: data.fields.filter((f) => f.id !== field.id).map((f) => f.key) });
    const form = !parsed.ok ? parsed.form : data.locked && !onlyWordingChanged(field, parsed.definition) ? { values, errors: { key: 'programme.builder.error_locked_change' } } : null;
    if (form || !parsed.ok) return sendPage(request, reply, (ctx) => <FieldEditPage ctx={ctx} call={data.call} form={form ?? emptyForm} action={fieldPath(data.call, field.id)} locked={data.locked} />, 422);
    await programmeDb(db).updateTable('programme_call_fields').set(definitionColumns(parsed.definition)).where('id', '=', field.id).execute();
    await audit(request, 'programme.field.updated', 'programme_call_field', field.id, { call: data.call.slug, key: parsed.definition.key });
    return redirectWithFlash(reply, adminCallPath(data.call.slug), 'programme.builder.saved');
  });
}

function registerFieldOrdering(app: FastifyInstance): void {
  const { db } = app.platform;
  app.post<FieldParams>(`${adminPath}/calls/:slug/fields/:fieldId/move`, operatorOnly, async (request, reply) => {
    const data = await callAdminData(request, await operatorCall(request, request.params.slug));
    const field = await fieldOf(request, data.call, request.params.fieldId);
    const index = data.fields.findIndex((f) => f.id === field.id);
    const other = data.fields[formValues(request).direction === 'up' ? index - 1 : index + 1];
    if (other) {
      // Swapped in one transaction: positions are never seen half-moved.
      await db.transaction().execute(async (tx) => {
        await programmeDb(tx).updateTable('programme_call_fields').set({ position: other.position }).where('id', '=', field.id).execute();
        await programmeDb(tx).updateTable('programme_call_fields').set({ position: field.position }).where('id', '=', other.id).execute();
      });
      await audit(request, 'programme.field.moved', 'programme_call_field', field.id, { call: data.call.slug, key: field.key });
    }
    return reply.redirect(adminCallPath(data.call.slug), 303);
  });
  app.post<FieldParams>(`${adminPath}/calls/:slug/fields/:fieldId/remove`, operatorOnly, async (request, reply) => {
    const data = await callAdminData(request, await operatorCall(request, request.params.slug));
    const field = await fieldOf(request, data.call, request.params.fieldId);
    // Removing a field would hide answers already submitted.
    if (data.locked) return sendPage(request, reply, (ctx) => <CallAdminPage ctx={ctx} data={data} fieldForm={emptyForm} problem="programme.builder.error_locked_remove" />, 409);
    await programmeDb(db).deleteFrom('programme_call_fields').where('id', '=', field.id).execute();
    await audit(request, 'programme.field.removed', 'programme_call_field', field.id, { call: data.call.slug, key: field.key });
    return redirectWithFlash(reply, adminCallPath(data.call.slug), 'programme.builder.removed');
  });
}

/** The operator's back-office: cohorts, calls and their forms. */
export function operatorRoutes(app: FastifyInstance): void {
  registerHomeAndCohorts(app);
  registerCallForms(app);
  registerPublishing(app);
  registerFieldAdding(app);
  registerFieldEditing(app);
  registerFieldOrdering(app);
}
