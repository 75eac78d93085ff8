import { z } from 'zod';
import { parseIdentifier } from '../../../platform/auth/identifier.js';
import type { Commune } from '../../../platform/db/platform-tables.js';
import { fields, type FormState, parseForm } from '../../../platform/http/forms.js';
import { answerForms } from '../db/information-tables.js';
import type { InformationInput } from './commands.js';

const informationSchema = z.object({
  subject: fields.requiredText(300),
  description: fields.requiredText(4000),
  answer_form: z.enum(answerForms, { error: 'requests.information.error.answer_form' }).optional().default('email'),
  name: fields.optionalText(200),
  contact: fields.optionalText(200),
});

export type CheckedInformation = { ok: true; input: Omit<InformationInput, 'reporter'> & { contact: { name: string | null; phone: string | null; email: string | null } } } | { ok: false; form: FormState };

/**
 * Checks the request form. Without an account a contact is required: an answer nobody can receive is useless.
 * Every wrong field is reported at once; what was typed is kept.
 */
export function checkInformation(commune: Commune, body: Record<string, string>, signedIn: boolean): CheckedInformation {
  const parsed = parseForm(informationSchema, body);
  const errors: Record<string, string> = parsed.ok ? {} : { ...(parsed.form.errors as Record<string, string>) };
  const typed = (body.contact ?? '').trim();
  const contact = typed ? parseIdentifier(typed, commune.country) : null;
  if (typed && !contact) errors.contact = 'requests.error.contact';
  if (!typed && !signedIn) errors.contact = 'requests.information.error.contact_required';
  if (!parsed.ok || Object.keys(errors).length > 0) return { ok: false, form: { values: body, errors } };
  const data = parsed.data;
  return {
    ok: true,
    input: {
      subject: data.subject,
      description: data.description,
      answerForm: data.answer_form,
      contact: { name: data.name ?? null, phone: contact?.kind === 'phone' ? contact.value : null, email: contact?.kind === 'email' ? contact.value : null },
    },
  };
}
