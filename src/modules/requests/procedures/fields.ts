import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { isUuid } from '../../../platform/db/uuid.js';
import { parseTypedField, sameFieldShape, typedFieldColumns, type TypedFieldDefinition } from '../../../platform/forms/typed-fields.js';
import type { FormState } from '../../../platform/http/forms.js';
import { type ProcedureField, procedureDb } from './tables.js';

/** The fields of a procedure's request form, in order; always within the commune. */
export async function fieldsOf(db: Kysely<PlatformTables>, communeId: string, serviceId: string): Promise<ProcedureField[]> {
  return procedureDb(db).selectFrom('request_procedure_fields').selectAll().where('commune_id', '=', communeId).where('service_id', '=', serviceId).orderBy('position').orderBy('key').execute();
}

export async function findField(db: Kysely<PlatformTables>, communeId: string, serviceId: string, fieldId: string): Promise<ProcedureField | undefined> {
  if (!isUuid(fieldId)) return undefined;
  return procedureDb(db).selectFrom('request_procedure_fields').selectAll().where('commune_id', '=', communeId).where('service_id', '=', serviceId).where('id', '=', fieldId).executeTakeFirst();
}

/** Requests already filed for the procedure: their stored answers must stay readable. */
export async function requestsFiledFor(db: Kysely<PlatformTables>, communeId: string, serviceId: string): Promise<number> {
  const row = await procedureDb(db).selectFrom('requests').select((eb) => eb.fn.countAll<string>().as('n')).where('commune_id', '=', communeId).where('procedure_id', '=', serviceId).executeTakeFirstOrThrow();
  return Number(row.n);
}

export type FieldCheck = { ok: true; definition: TypedFieldDefinition } | { ok: false; form: FormState };

/**
 * Checks a field typed by staff. Once requests were filed, an existing field may change its wording only, so no
 * stored answer is lost or becomes invalid.
 */
export function checkFieldForm(values: Record<string, string>, context: { takenKeys: string[]; before?: ProcedureField; locked: boolean }): FieldCheck {
  const errors: FormState['errors'] = {};
  const definition = parseTypedField(values, context.takenKeys, errors);
  if (!definition) return { ok: false, form: { values, errors } };
  if (context.locked && context.before && !sameFieldShape(context.before, definition)) return { ok: false, form: { values, errors: { key: 'requests.procedure.fields.error_locked' } } };
  if (context.locked && !context.before && definition.required) return { ok: false, form: { values, errors: { required: 'requests.procedure.fields.error_required_late' } } };
  return { ok: true, definition };
}

export async function addField(db: Kysely<PlatformTables>, communeId: string, serviceId: string, definition: TypedFieldDefinition): Promise<string> {
  const last = await procedureDb(db).selectFrom('request_procedure_fields').select((eb) => eb.fn.max('position').as('p')).where('commune_id', '=', communeId).where('service_id', '=', serviceId).executeTakeFirst();
  const row = await procedureDb(db)
    .insertInto('request_procedure_fields')
    .values({ commune_id: communeId, service_id: serviceId, ...typedFieldColumns(definition), position: Number(last?.p ?? 0) + 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateField(db: Kysely<PlatformTables>, field: ProcedureField, definition: TypedFieldDefinition): Promise<void> {
  await procedureDb(db).updateTable('request_procedure_fields').set(typedFieldColumns(definition)).where('commune_id', '=', field.commune_id).where('id', '=', field.id).execute();
}

export async function removeField(db: Kysely<PlatformTables>, field: ProcedureField): Promise<void> {
  await procedureDb(db).deleteFrom('request_procedure_fields').where('commune_id', '=', field.commune_id).where('id', '=', field.id).execute();
}
