import { type Answers, answersFormValues, checkAnswers } from '../../../platform/forms/typed-fields.js';
import type { FormState } from '../../../platform/http/forms.js';
import { type CallAudience, type FieldRow, type Gender, genders } from '../db/tables.js';
import { countryCodes } from './countries.js';

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

function requireIdentity(audience: CallAudience, identity: Identity, errors: Errors): void {
  const need = (name: string, present: boolean) => {
    if (!present) errors[name] ??= 'core.form.required';
  };
  need('applicant_name', identity.applicant_name !== '');
  need('country', identity.country !== null);
  if (audience === 'volunteers') {
    need('gender', identity.gender !== null);
    need('birth_year', identity.birth_year !== null);
  }
}

/**
 * Reads an application form. A draft keeps whatever is valid and reports the rest; a submission also requires
 * every required field. Never throws on hostile input: everything comes back as an error key per input.
 */
export function checkApplication(fields: FieldRow[], audience: CallAudience, values: Record<string, string>, files: Answers, mode: 'draft' | 'submit', now = new Date()): CheckedApplication {
  const errors: Errors = {};
  const identity = checkIdentity(values, audience, now, errors);
  const answers = checkAnswers(fields, values, files, mode === 'submit' ? 'complete' : 'partial', errors);
  if (mode === 'submit') requireIdentity(audience, identity, errors);
  return { identity, answers, errors };
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
  return { ...values, ...answersFormValues(fields, application.answers), ...(application.draft_values ?? {}) };
}
