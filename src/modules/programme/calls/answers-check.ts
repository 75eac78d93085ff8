import type { FormState } from '../../../platform/http/forms.js';
import { type Answer, type Answers, type CallAudience, type FieldRow, type Gender, genders } from '../db/tables.js';
import { countryCodes } from './countries.js';
import { defaultMaxLength } from './field-definitions.js';

/** The form's input for a field of the call: prefixed so a field key never collides with the identity inputs. */
export const inputName = (field: Pick<FieldRow, 'key'>) => `f_${field.key}`;

export interface Identity {
  applicant_name: string;
  contact: string | null;
  country: string | null;
  gender: Gender | null;
  birth_year: number | null;
}

export interface CheckedApplication {
  identity: Identity;
  /** The answers that are valid (an invalid one is left out, its raw text kept in the draft values). */
  answers: Answers;
  errors: FormState['errors'];
}

type Errors = FormState['errors'];

function textAnswer(field: FieldRow, raw: string, errors: Errors): Answer | undefined {
  const text = raw.trim();
  const kind = field.kind === 'long_text' ? 'long_text' : 'text';
  if (text.length > (field.max_length ?? defaultMaxLength[kind])) errors[inputName(field)] = 'core.form.too_long';
  else if (text) return text;
  return undefined;
}

function numberAnswer(field: FieldRow, raw: string, errors: Errors): Answer | undefined {
  const text = raw.trim().replace(/\s/g, '').replace(',', '.');
  if (!text) return undefined;
  const value = Number(text);
  if (!/^-?\d+(\.\d+)?$/.test(text) || !Number.isFinite(value)) errors[inputName(field)] = 'programme.apply.error_number';
  else if ((field.min_value !== null && value < Number(field.min_value)) || (field.max_value !== null && value > Number(field.max_value))) errors[inputName(field)] = 'programme.apply.error_range';
  else return value;
  return undefined;
}

function choiceAnswer(field: FieldRow, raw: string, errors: Errors): Answer | undefined {
  if (!raw) return undefined;
  if (field.options.some((o) => o.value === raw)) return raw;
  errors[inputName(field)] = 'core.form.invalid';
  return undefined;
}

function yesNoAnswer(field: FieldRow, raw: string, errors: Errors): Answer | undefined {
  if (raw === 'yes' || raw === 'no') return raw === 'yes';
  if (raw) errors[inputName(field)] = 'core.form.invalid';
  return undefined;
}

/** One field's answer from what was typed; files come from `files` (already stored). */
function answerOf(field: FieldRow, values: Record<string, string>, files: Answers, errors: Errors): Answer | undefined {
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

function checkIdentity(values: Record<string, string>, audience: CallAudience, now: Date, errors: Errors): Identity {
  const name = (values.applicant_name ?? '').trim();
  if (name.length > 200) errors.applicant_name = 'core.form.too_long';
  const contact = (values.contact ?? '').trim();
  if (contact.length > 200) errors.contact = 'core.form.too_long';
  const country = countryCodes.includes(values.country ?? '') ? values.country! : null;
  if (values.country && !country) errors.country = 'core.form.invalid';
  const volunteer = audience === 'volunteers';
  const gender = volunteer ? (genders.find((g) => g === values.gender) ?? null) : null;
  if (volunteer && values.gender && !gender) errors.gender = 'core.form.invalid';
  const yearText = (values.birth_year ?? '').trim();
  const year = Number(yearText);
  const validYear = /^\d{4}$/.test(yearText) && year >= 1900 && year <= now.getUTCFullYear();
  if (volunteer && yearText && !validYear) errors.birth_year = 'programme.apply.error_birth_year';
  return { applicant_name: name.slice(0, 200), contact: contact ? contact.slice(0, 200) : null, country, gender, birth_year: volunteer && validYear ? year : null };
}

function requireFilled(fields: FieldRow[], audience: CallAudience, checked: CheckedApplication): void {
  const { identity, answers, errors } = checked;
  const need = (name: string, present: boolean) => {
    if (!present) errors[name] ??= 'core.form.required';
  };
  need('applicant_name', identity.applicant_name !== '');
  need('country', identity.country !== null);
  if (audience === 'volunteers') {
    need('gender', identity.gender !== null);
    need('birth_year', identity.birth_year !== null);
  }
  for (const field of fields) if (field.required) need(inputName(field), answers[field.key] !== undefined);
}

/**
 * Reads an application form. A draft keeps whatever is valid and reports the rest; a submission also requires
 * every required field. Never throws on hostile input: everything comes back as an error key per input.
 */
export function checkApplication(fields: FieldRow[], audience: CallAudience, values: Record<string, string>, files: Answers, mode: 'draft' | 'submit', now = new Date()): CheckedApplication {
  const errors: Errors = {};
  const identity = checkIdentity(values, audience, now, errors);
  const answers: Answers = {};
  for (const field of fields) {
    const answer = answerOf(field, values, files, errors);
    if (answer !== undefined) answers[field.key] = answer;
  }
  const checked = { identity, answers, errors };
  if (mode === 'submit') requireFilled(fields, audience, checked);
  return checked;
}

/** The form values an application shows again: the raw draft when there is one, else the stored answers. */
export function applicationFormValues(fields: FieldRow[], application: Identity & { answers: Answers; draft_values?: Record<string, string> }): Record<string, string> {
  const values: Record<string, string> = {
    applicant_name: application.applicant_name,
    contact: application.contact ?? '',
    country: application.country ?? '',
    gender: application.gender ?? '',
    birth_year: application.birth_year === null ? '' : String(application.birth_year),
  };
  for (const field of fields) {
    const answer = application.answers[field.key];
    if (answer === undefined || typeof answer === 'object') continue;
    values[inputName(field)] = typeof answer === 'boolean' ? (answer ? 'yes' : 'no') : String(answer);
  }
  return { ...values, ...(application.draft_values ?? {}) };
}
