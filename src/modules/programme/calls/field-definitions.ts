import type { FormState } from '../../../platform/http/forms.js';
import { parseTypedField, sameFieldShape, typedFieldColumns, typedFieldFormValues, type TypedFieldDefinition } from '../../../platform/forms/typed-fields.js';
import type { CallAudience, FieldRow } from '../db/tables.js';

/** A field of a call's form as the operator defines it: a platform typed field, which may feed the commune's needs. */
export interface FieldDefinition extends TypedFieldDefinition {
  purpose: 'needs' | null;
}

/** The builder's form values of an existing field, to edit it. */
export const fieldFormValues = (field: FieldRow): Record<string, string> => ({ ...typedFieldFormValues(field), purpose: field.purpose ?? '' });

export type DefinitionResult = { ok: true; definition: FieldDefinition } | { ok: false; form: FormState };

/**
 * Checks a field definition typed in the builder: it comes from a form, so anything may be in it. `takenKeys` are
 * the other fields' keys of the same call.
 */
export function parseFieldDefinition(values: Record<string, string>, context: { audience: CallAudience; takenKeys: string[] }): DefinitionResult {
  const errors: FormState['errors'] = {};
  const typed = parseTypedField(values, context.takenKeys, errors);
  const isText = values.kind === 'text' || values.kind === 'long_text';
  const purpose = values.purpose === 'needs' && isText ? 'needs' : null;
  if (purpose && context.audience !== 'communes') errors.purpose = 'programme.builder.error_needs';
  if (!typed || Object.keys(errors).length > 0) return { ok: false, form: { values, errors } };
  return { ok: true, definition: { ...typed, purpose } };
}

/**
 * Once applications were submitted, a field may only change its wording: same key, kind, requirement, limits and
 * option values, so no stored answer is lost or becomes invalid.
 */
export const onlyWordingChanged = (before: FieldRow, after: FieldDefinition): boolean => sameFieldShape(before, after) && before.purpose === after.purpose;

/** A definition as a row's column values. */
export const definitionColumns = (definition: FieldDefinition) => ({ ...typedFieldColumns(definition), purpose: definition.purpose });
