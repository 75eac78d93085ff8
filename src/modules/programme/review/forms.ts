import { z } from 'zod';
import { fields, type FormState } from '../../../platform/http/forms.js';
import type { LocalizedText } from '../../../platform/i18n/locales.js';
import type { CriterionRow } from './tables.js';
import { recommendations } from './tables.js';

export const criterionSchema = z.object({
  label_fr: fields.requiredText(200),
  label_en: fields.optionalText(200),
  label_pt: fields.optionalText(200),
  label_ar: fields.optionalText(200),
  guide_fr: fields.optionalText(1000),
  guide_en: fields.optionalText(1000),
  guide_pt: fields.optionalText(1000),
  guide_ar: fields.optionalText(1000),
  weight: z.string({ error: 'core.form.required' }).trim().regex(/^\d{1,3}$/, 'programme.review.weight_invalid').transform(Number).pipe(z.number().int().min(1, 'programme.review.weight_invalid').max(100, 'programme.review.weight_invalid')),
});
export type CriterionInput = z.output<typeof criterionSchema>;

const localizedFrom = (input: Record<string, string | number | undefined>, prefix: string): LocalizedText =>
  Object.fromEntries((['fr', 'en', 'pt', 'ar'] as const).flatMap((locale) => (input[`${prefix}_${locale}`] ? [[locale, String(input[`${prefix}_${locale}`])]] : [])));

export const criterionTexts = (input: CriterionInput) => ({ label: localizedFrom(input, 'label'), guide: localizedFrom(input, 'guide') });

/** A criterion as its edit form shows it. */
export function criterionValues(criterion: CriterionRow): FormState['values'] {
  const values: FormState['values'] = { weight: String(criterion.weight) };
  for (const locale of ['fr', 'en', 'pt', 'ar'] as const) {
    values[`label_${locale}`] = criterion.label[locale] ?? '';
    values[`guide_${locale}`] = criterion.guide[locale] ?? '';
  }
  return values;
}

export const uuidSchema = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'core.form.invalid');
export const assignSchema = z.object({ user_id: uuidSchema });
export const moveSchema = z.object({ direction: z.enum(['up', 'down'], { error: 'core.form.invalid' }) });
export const conflictSchema = z.object({ reason: fields.requiredText(1000) });
export const shortlistSchema = z.object({ shortlisted: z.enum(['1', '0'], { error: 'core.form.invalid' }) });
export const decisionSchema = z.object({ decision: z.enum(['selected', 'rejected'], { error: 'core.form.invalid' }) });
export const scoringSchema = z.object({ open: z.enum(['1', '0'], { error: 'core.form.invalid' }) });
export const interviewSchema = z.object({
  held_on: fields.isoDate(),
  interviewer: fields.requiredText(200),
  notes: fields.requiredText(5000),
  recommendation: z.enum(recommendations, { error: 'core.form.required' }),
});

/** The text fields of a submitted form, as typed (CSRF token left out), to show a refused form again. */
export const typedValues = (body: unknown): FormState['values'] =>
  Object.fromEntries(Object.entries(body && typeof body === 'object' ? body : {}).filter(([name, value]) => name !== '_csrf' && typeof value === 'string')) as FormState['values'];

export const scoreFieldName = (criterionId: string) => `score_${criterionId}`;
const scoreValue = /^[0-5]$/;

export type ScoreResult = { ok: true; scores: Map<string, number>; comment: string | null } | { ok: false; form: FormState };

/**
 * The scoring form: one score from 0 to 5 for every criterion, nothing else. A score for a criterion that is not the
 * call's, or a value outside 0–5, is refused with the form shown again as typed.
 */
export function parseScores(criteria: CriterionRow[], body: unknown): ScoreResult {
  const input = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const values = typedValues(body);
  const errors: FormState['errors'] = {};
  const known = new Set(criteria.map((c) => scoreFieldName(c.id)));
  if (Object.keys(input).some((name) => name.startsWith('score_') && !known.has(name))) errors._form = 'programme.review.unknown_criterion';
  const scores = new Map<string, number>();
  for (const criterion of criteria) {
    const raw = input[scoreFieldName(criterion.id)];
    if (typeof raw === 'string' && scoreValue.test(raw)) scores.set(criterion.id, Number(raw));
    else errors[scoreFieldName(criterion.id)] = raw === undefined || raw === '' ? 'programme.review.score_missing' : 'programme.review.score_invalid';
  }
  const comment = typeof input.comment === 'string' ? input.comment.trim() : '';
  if (comment.length > 3000) errors.comment = 'core.form.too_long';
  if (input.comment !== undefined && typeof input.comment !== 'string') errors.comment = 'core.form.invalid';
  if (Object.keys(errors).length > 0) return { ok: false, form: { values, errors } };
  return { ok: true, scores, comment: comment || null };
}
