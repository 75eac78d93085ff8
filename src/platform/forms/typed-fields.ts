import type { FormState } from '../http/forms.js';
import { type LocalizedText, locales } from '../i18n/locales.js';

/** The kinds of field a form builder offers (programme calls, administrative procedures). */
export const fieldKinds = ['text', 'long_text', 'choice', 'file', 'yes_no', 'number'] as const;
export type FieldKind = (typeof fieldKinds)[number];

export interface ChoiceOption {
  value: string;
  label: LocalizedText;
}

/** A file answer: the id of the private file and the name it was sent with. */
export interface FileAnswer {
  fileId: string;
  filename: string;
}

/** An answer as stored: text and choice values as strings, yes/no as booleans, numbers as numbers, files by id. */
export type Answer = string | number | boolean | FileAnswer;
export type Answers = Record<string, Answer>;

/** A field as stored by a module (numeric limits may come back from PostgreSQL as strings). */
export interface TypedField {
  key: string;
  kind: FieldKind;
  label: LocalizedText;
  help: LocalizedText;
  required: boolean;
  options: ChoiceOption[];
  min_value: number | string | null;
  max_value: number | string | null;
  max_length: number | null;
}

/** A field as a builder form defines it, once checked: its limits are numbers. */
export type TypedFieldDefinition = Omit<TypedField, 'min_value' | 'max_value'> & { min_value: number | null; max_value: number | null };

type Errors = FormState['errors'];

export const fieldKeyPattern = /^[a-z][a-z0-9_]{0,39}$/;
const optionValuePattern = /^[a-z0-9][a-z0-9_-]{0,39}$/;
const limits = { label: 300, help: 1000, optionLabel: 200, options: 50, maxLength: 10_000, number: 1e12 };
/** The longest answer a text field takes when the builder set no limit. */
export const defaultMaxLength: Record<'text' | 'long_text', number> = { text: 500, long_text: 5000 };

/** The form's input for a field: prefixed so a field key never collides with the form's other inputs. */
export const inputName = (field: Pick<TypedField, 'key'>) => `f_${field.key}`;

export const isFileAnswer = (answer: Answer | undefined): answer is FileAnswer => typeof answer === 'object' && answer !== null;

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
  if (lines.length === 0 || lines.length > limits.options) errors.options = 'core.fields.error_options_count';
  const seen = new Set<string>();
  const options: ChoiceOption[] = [];
  for (const line of lines.slice(0, limits.options)) {
    const [value = '', ...labels] = line.split('|').map((part) => part.trim());
    if (!optionValuePattern.test(value) || seen.has(value)) errors.options ??= 'core.fields.error_option_value';
    seen.add(value);
    const label: LocalizedText = {};
    locales.forEach((locale, index) => {
      const text = labels[index];
      if (text) label[locale] = text.slice(0, limits.optionLabel);
    });
    if (!label.fr) errors.options ??= 'core.fields.error_option_label';
    options.push({ value, label });
  }
  return options;
}

export const formatOptions = (options: ChoiceOption[]) => options.map((o) => [o.value, ...locales.map((l) => o.label[l] ?? '')].join(' | ').replace(/( \| )+$/, '')).join('\n');

/** The builder's form values of an existing field, to edit it. */
export function typedFieldFormValues(field: TypedField): Record<string, string> {
  const values: Record<string, string> = { key: field.key, kind: field.kind, required: field.required ? 'on' : '', options: formatOptions(field.options) };
  for (const locale of locales) {
    values[`label_${locale}`] = field.label[locale] ?? '';
    values[`help_${locale}`] = field.help[locale] ?? '';
  }
  if (field.max_length !== null) values.max_length = String(field.max_length);
  if (field.min_value !== null) values.min_value = String(Number(field.min_value));
  if (field.max_value !== null) values.max_value = String(Number(field.max_value));
  return values;
}

/**
 * Checks a field definition typed in a builder form: anything may be in it. `takenKeys` are the keys of the other
 * fields of the same form. Returns the definition, or null and an error key per input.
 */
export function parseTypedField(values: Record<string, string>, takenKeys: string[], errors: Errors): TypedFieldDefinition | null {
  const key = (values.key ?? '').trim();
  if (!fieldKeyPattern.test(key)) errors.key = 'core.fields.error_key';
  else if (takenKeys.includes(key)) errors.key = 'core.fields.error_key_taken';
  const kind = fieldKinds.find((k) => k === values.kind);
  if (!kind) errors.kind = 'core.form.invalid';
  const label = localized(values, 'label', limits.label, errors, true);
  const help = localized(values, 'help', limits.help, errors, false);
  const isText = kind === 'text' || kind === 'long_text';
  const maxLength = isText ? optionalNumber(values.max_length, 'max_length', errors, true) : null;
  if (maxLength !== null && (maxLength < 1 || maxLength > limits.maxLength)) errors.max_length = 'core.fields.error_max_length';
  const min = kind === 'number' ? optionalNumber(values.min_value, 'min_value', errors, false) : null;
  const max = kind === 'number' ? optionalNumber(values.max_value, 'max_value', errors, false) : null;
  if (min !== null && max !== null && min > max) errors.max_value = 'core.fields.error_min_max';
  const options = kind === 'choice' ? parseOptions(values.options ?? '', errors) : [];
  if (Object.keys(errors).length > 0 || !kind) return null;
  return { key, kind, label, help, required: values.required === 'on', options, min_value: min, max_value: max, max_length: maxLength };
}

/**
 * Whether a field kept its shape (key, kind, requirement, limits and option values): once answers were stored,
 * only its wording may change, so no stored answer is lost or becomes invalid.
 */
export function sameFieldShape(before: TypedField, after: TypedFieldDefinition): boolean {
  const numberOrNull = (value: number | string | null) => (value === null ? null : Number(value));
  return (
    before.key === after.key &&
    before.kind === after.kind &&
    before.required === after.required &&
    before.max_length === after.max_length &&
    numberOrNull(before.min_value) === after.min_value &&
    numberOrNull(before.max_value) === after.max_value &&
    JSON.stringify(before.options.map((o) => o.value)) === JSON.stringify(after.options.map((o) => o.value))
  );
}

/** A definition as a row's column values (JSON columns as text). */
export const typedFieldColumns = (definition: TypedFieldDefinition) => ({
  key: definition.key,
  kind: definition.kind,
  label: JSON.stringify(definition.label),
  help: JSON.stringify(definition.help),
  required: definition.required,
  options: JSON.stringify(definition.options),
  min_value: definition.min_value,
  max_value: definition.max_value,
  max_length: definition.max_length,
});

function textAnswer(field: TypedField, raw: string, errors: Errors): Answer | undefined {
  const text = raw.trim();
  const kind = field.kind === 'long_text' ? 'long_text' : 'text';
  if (text.length > (field.max_length ?? defaultMaxLength[kind])) errors[inputName(field)] = 'core.form.too_long';
  else if (text) return text;
  return undefined;
}

function numberAnswer(field: TypedField, raw: string, errors: Errors): Answer | undefined {
  const text = raw.trim().replace(/\s/g, '').replace(',', '.');
  if (!text) return undefined;
  const value = Number(text);
  if (!/^-?\d+(\.\d+)?$/.test(text) || !Number.isFinite(value)) errors[inputName(field)] = 'core.fields.error_number';
  else if ((field.min_value !== null && value < Number(field.min_value)) || (field.max_value !== null && value > Number(field.max_value))) errors[inputName(field)] = 'core.fields.error_range';
  else return value;
  return undefined;
}

function choiceAnswer(field: TypedField, raw: string, errors: Errors): Answer | undefined {
  if (!raw) return undefined;
  if (field.options.some((o) => o.value === raw)) return raw;
  errors[inputName(field)] = 'core.form.invalid';
  return undefined;
}

function yesNoAnswer(field: TypedField, raw: string, errors: Errors): Answer | undefined {
  if (raw === 'yes' || raw === 'no') return raw === 'yes';
  if (raw) errors[inputName(field)] = 'core.form.invalid';
  return undefined;
}

/** One field's answer from what was typed; files come from `files` (already stored). */
function answerOf(field: TypedField, values: Record<string, string>, files: Answers, errors: Errors): Answer | undefined {
  const raw = values[inputName(field)] ?? '';
  switch (field.kind) {
    case 'text':
    case 'long_text':
      return textAnswer(field, raw, errors);
    case 'number':
      return numberAnswer(field, raw, errors);
    case 'choice':
      return choiceAnswer(field, raw, errors);
    case 'yes_no':
      return yesNoAnswer(field, raw, errors);
    case 'file':
      return files[field.key];
  }
}

/**
 * Reads the answers typed for `fields`: the valid ones, and an error key per invalid input (an invalid answer is
 * left out; the caller keeps the raw text to show it again). `complete` also requires every required field.
 * Never throws on hostile input.
 */
export function checkAnswers(fields: TypedField[], values: Record<string, string>, files: Answers, mode: 'partial' | 'complete', errors: Errors): Answers {
  const answers: Answers = {};
  for (const field of fields) {
    const answer = answerOf(field, values, files, errors);
    if (answer !== undefined) answers[field.key] = answer;
  }
  if (mode === 'complete') for (const field of fields) if (field.required && answers[field.key] === undefined) errors[inputName(field)] ??= 'core.form.required';
  return answers;
}

/** The form values that show stored answers again (files are shown apart, never as input values). */
export function answersFormValues(fields: TypedField[], answers: Answers): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of fields) {
    const answer = answers[field.key];
    if (answer === undefined || typeof answer === 'object') continue;
    values[inputName(field)] = typeof answer === 'boolean' ? (answer ? 'yes' : 'no') : String(answer);
  }
  return values;
}
