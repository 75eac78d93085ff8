import type { FormState } from '../../../platform/http/forms.js';
import { type LocalizedText, locales } from '../../../platform/i18n/locales.js';
import { type CallAudience, type ChoiceOption, type FieldKind, fieldKinds, type FieldRow } from '../db/tables.js';

/** A field of a call's form as the operator defines it (what the builder stores). */
export interface FieldDefinition {
  key: string;
  kind: FieldKind;
  label: LocalizedText;
  help: LocalizedText;
  required: boolean;
  options: ChoiceOption[];
  min_value: number | null;
  max_value: number | null;
  max_length: number | null;
  purpose: 'needs' | null;
}

export const fieldKeyPattern = /^[a-z][a-z0-9_]{0,39}$/;
const optionValuePattern = /^[a-z0-9][a-z0-9_-]{0,39}$/;
const limits = { label: 300, help: 1000, optionLabel: 200, options: 50, maxLength: 10_000, number: 1e12 };
/** The longest answer a text field takes when the operator set no limit. */
export const defaultMaxLength: Record<'text' | 'long_text', number> = { text: 500, long_text: 5000 };

type Errors = FormState['errors'];

function localized(values: Record<string, string>, prefix: string, max: number, errors: Errors, requiredFr: boolean): LocalizedText {
  const text: LocalizedText = {};
  for (const locale of locales) {
    const value = (values[`${prefix}_${locale}`] ?? '').trim();
    if (value.length > max) errors[`${prefix}_${locale}`] = 'core.form.too_long';
    else if (value) text[locale] = value;
  }
  if (requiredFr && !text.fr) errors[`${prefix}_fr`] ??= 'core.form.required';
  return text;
}

function optionalNumber(raw: string | undefined, name: string, errors: Errors, integer: boolean): number | null {
  const text = (raw ?? '').trim();
  if (!text) return null;
  const value = Number(text);
  if (!/^-?\d+(\.\d+)?$/.test(text) || !Number.isFinite(value) || Math.abs(value) > limits.number || (integer && !Number.isInteger(value))) {
    errors[name] = 'core.form.invalid';
    return null;
  }
  return value;
}

/** Options typed one per line as "value | label fr | label en | label pt | label ar". */
export function parseOptions(raw: string, errors: Errors): ChoiceOption[] {
  const lines = raw.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  if (lines.length === 0 || lines.length > limits.options) errors.options = 'programme.builder.error_options_count';
  const seen = new Set<string>();
  const options: ChoiceOption[] = [];
  for (const line of lines.slice(0, limits.options)) {
    const [value = '', ...labels] = line.split('|').map((part) => part.trim());
    if (!optionValuePattern.test(value) || seen.has(value)) errors.options ??= 'programme.builder.error_option_value';
    seen.add(value);
    const label: LocalizedText = {};
    locales.forEach((locale, index) => {
      const text = labels[index];
      if (text) label[locale] = text.slice(0, limits.optionLabel);
    });
    if (!label.fr) errors.options ??= 'programme.builder.error_option_label';
    options.push({ value, label });
  }
  return options;
}

export const formatOptions = (options: ChoiceOption[]) => options.map((o) => [o.value, ...locales.map((l) => o.label[l] ?? '')].join(' | ').replace(/( \| )+$/, '')).join('\n');

/** The builder's form values of an existing field, to edit it. */
export function fieldFormValues(field: FieldRow): Record<string, string> {
  const values: Record<string, string> = { key: field.key, kind: field.kind, required: field.required ? 'on' : '', options: formatOptions(field.options), purpose: field.purpose ?? '' };
  for (const locale of locales) {
    values[`label_${locale}`] = field.label[locale] ?? '';
    values[`help_${locale}`] = field.help[locale] ?? '';
  }
  if (field.max_length !== null) values.max_length = String(field.max_length);
  if (field.min_value !== null) values.min_value = String(Number(field.min_value));
  if (field.max_value !== null) values.max_value = String(Number(field.max_value));
  return values;
}

export type DefinitionResult = { ok: true; definition: FieldDefinition } | { ok: false; form: FormState };

/**
 * Checks a field definition typed in the builder: it comes from a form, so anything may be in it. `takenKeys` are
 * the other fields' keys of the same call.
 */
export function parseFieldDefinition(values: Record<string, string>, context: { audience: CallAudience; takenKeys: string[] }): DefinitionResult {
  const errors: Errors = {};
  const key = (values.key ?? '').trim();
  if (!fieldKeyPattern.test(key)) errors.key = 'programme.builder.error_key';
  else if (context.takenKeys.includes(key)) errors.key = 'programme.builder.error_key_taken';
  const kind = fieldKinds.find((k) => k === values.kind);
  if (!kind) errors.kind = 'core.form.invalid';
  const label = localized(values, 'label', limits.label, errors, true);
  const help = localized(values, 'help', limits.help, errors, false);
  const isText = kind === 'text' || kind === 'long_text';
  const maxLength = isText ? optionalNumber(values.max_length, 'max_length', errors, true) : null;
  if (maxLength !== null && (maxLength < 1 || maxLength > limits.maxLength)) errors.max_length = 'programme.builder.error_max_length';
  const min = kind === 'number' ? optionalNumber(values.min_value, 'min_value', errors, false) : null;
  const max = kind === 'number' ? optionalNumber(values.max_value, 'max_value', errors, false) : null;
  if (min !== null && max !== null && min > max) errors.max_value = 'programme.builder.error_min_max';
  const options = kind === 'choice' ? parseOptions(values.options ?? '', errors) : [];
  const purpose = values.purpose === 'needs' && isText ? 'needs' : null;
  if (purpose && context.audience !== 'communes') errors.purpose = 'programme.builder.error_needs';
  if (Object.keys(errors).length > 0 || !kind) return { ok: false, form: { values, errors } };
  return { ok: true, definition: { key, kind, label, help, required: values.required === 'on', options, min_value: min, max_value: max, max_length: maxLength, purpose } };
}

/**
 * Once applications were submitted, a field may only change its wording: same key, kind, requirement, limits and
 * option values, so no stored answer is lost or becomes invalid.
 */
export function onlyWordingChanged(before: FieldRow, after: FieldDefinition): boolean {
  const numberOrNull = (value: string | null) => (value === null ? null : Number(value));
  return (
    before.key === after.key &&
    before.kind === after.kind &&
    before.required === after.required &&
    before.max_length === after.max_length &&
    numberOrNull(before.min_value) === after.min_value &&
    numberOrNull(before.max_value) === after.max_value &&
    before.purpose === after.purpose &&
    JSON.stringify(before.options.map((o) => o.value)) === JSON.stringify(after.options.map((o) => o.value))
  );
}

/** A definition as a row's column values. */
export const definitionColumns = (definition: FieldDefinition) => ({
  key: definition.key,
  kind: definition.kind,
  label: JSON.stringify(definition.label),
  help: JSON.stringify(definition.help),
  required: definition.required,
  options: JSON.stringify(definition.options),
  min_value: definition.min_value,
  max_value: definition.max_value,
  max_length: definition.max_length,
  purpose: definition.purpose,
});
