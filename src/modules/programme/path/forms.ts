import { z } from 'zod';
import { fields } from '../../../platform/http/forms.js';
import { deploymentStatuses } from '../db/tables.js';
import { stepStatuses } from './tables.js';

const uuid = () => z.string({ error: 'core.form.required' }).uuid('core.form.required');
/** Evidence links are shown to everyone: only web addresses, never javascript: or data: URLs. */
const webLink = () =>
  fields.optionalText(500).refine((url) => url === undefined || /^https?:\/\/[^\s]+$/i.test(url), 'programme.path.error_link');

export const pairSchema = z.object({
  commune_application: uuid(),
  volunteer_application: uuid(),
  starts_on: fields.isoDate(),
  ends_on: fields.isoDate(),
});

export const linkSchema = z.object({ commune_id: uuid() });
export const ruleSchema = z.object({ abroad_only: fields.checkbox() });
export const statusSchema = z.object({ status: z.enum(deploymentStatuses, { error: 'core.form.invalid' }) });

export const evidenceSchema = z.object({ evidence: fields.optionalText(2000), evidence_url: webLink() });

export const stepSchema = evidenceSchema
  .extend({
    title: fields.requiredText(200),
    owner: fields.optionalText(200),
    due_on: fields.isoDate(),
    status: z.enum(stepStatuses, { error: 'core.form.invalid' }),
    indicator: fields.optionalText(60),
    target: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v : undefined))
      .refine((v) => v === undefined || Number.isFinite(Number(v)), 'programme.path.error_target')
      .transform((v) => (v === undefined ? undefined : Number(v))),
  })
  .refine((s) => !s.indicator || s.target !== undefined, { path: ['target'], message: 'programme.path.error_target' });

/** Terms of reference typed as one input per line (`term_0`…) plus one new line; an emptied line is removed. */
export function termsFromForm(body: unknown, existing: { text: string; fromNeeds: boolean }[]): { text: string; fromNeeds: boolean }[] {
  const values = (body ?? {}) as Record<string, unknown>;
  const line = (name: string) => (typeof values[name] === 'string' ? (values[name] as string).trim().slice(0, 500) : '');
  const kept = existing.map((term, index) => ({ text: line(`term_${index}`), fromNeeds: term.fromNeeds }));
  return [...kept, { text: line('term_new'), fromNeeds: false }].filter((term) => term.text.length > 0);
}
