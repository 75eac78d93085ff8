import { z } from 'zod';

/** What a form page needs to redisplay itself: the values typed and one message key per invalid field. */
export interface FormState<Values = Record<string, unknown>> {
  values: Partial<Record<keyof Values & string, string>>;
  errors: Partial<Record<keyof Values & string, string>>;
}

export const emptyForm = <Values>(values: FormState<Values>['values'] = {}): FormState<Values> => ({
  values,
  errors: {},
});

export type FormResult<Schema extends z.ZodType> =
  | { ok: true; data: z.output<Schema> }
  | { ok: false; form: FormState<z.input<Schema>> };

const messageKeyPattern = /^[a-z][\w-]*(\.[\w-]+)+$/;

/** Strings a person typed, without the CSRF token; files and arrays are left to their own handling. */
function typedValues(body: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  if (!body || typeof body !== 'object') return values;
  for (const [key, value] of Object.entries(body)) {
    if (key !== '_csrf' && typeof value === 'string') values[key] = value;
  }
  return values;
}

/**
 * Validates a submitted form. Schema messages are i18n keys (e.g. "core.form.required"),
 * so the page shows each error, translated, next to its field; the typed input is kept.
 */
export function parseForm<Schema extends z.ZodType>(schema: Schema, body: unknown): FormResult<Schema> {
  const values = typedValues(body);
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? '_form');
    errors[field] ??= messageKeyPattern.test(issue.message) ? issue.message : 'core.form.invalid';
  }
  return { ok: false, form: { values, errors } as FormState<z.input<Schema>> };
}

/** Reusable field schemas whose messages are i18n keys. */
export const fields = {
  requiredText: (max = 500) =>
    z.string({ error: 'core.form.required' }).trim().min(1, 'core.form.required').max(max, 'core.form.too_long'),
  optionalText: (max = 500) =>
    z
      .string()
      .trim()
      .max(max, 'core.form.too_long')
      .optional()
      .transform((value) => (value ? value : undefined)),
  isoDate: () => z.string({ error: 'core.form.required' }).regex(/^\d{4}-\d{2}-\d{2}$/, 'core.form.invalid_date'),
  checkbox: () => z.union([z.literal('on'), z.literal('true'), z.literal('1')]).optional().transform((v) => !!v),
};
