import { z } from 'zod';
import { fields } from '../../../platform/http/forms.js';
import { completionLevels, ogpValues } from '../plans/tables.js';
import { earlyResults, type EvidenceLink, potentialImpacts, reviewCompletions } from './tables.js';

/** A report carries up to three evidence links: plain fields, so the form works without JavaScript. */
export const evidenceSlots = [1, 2, 3] as const;
const httpUrl = z.url({ protocol: /^https?$/, error: 'accountability.reports.error_url' });
const optionalUrl = z.string().trim().optional().transform((v) => v || undefined).pipe(httpUrl.optional());
const asList = (value: unknown) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

const reportFields = {
  period_start: fields.isoDate(),
  period_end: fields.isoDate(),
  status: z.enum(completionLevels, 'core.form.invalid'),
  narrative_fr: fields.requiredText(10000),
  challenges_fr: fields.optionalText(5000),
  evidence_title_1: fields.optionalText(300),
  evidence_url_1: optionalUrl,
  evidence_title_2: fields.optionalText(300),
  evidence_url_2: optionalUrl,
  evidence_title_3: fields.optionalText(300),
  evidence_url_3: optionalUrl,
};

const periodIsOrdered = (v: { period_start: string; period_end: string }) => v.period_end >= v.period_start;
const periodError = { path: ['period_end'], message: 'accountability.reports.error_period' };

/** The commune's own report (staff). */
export const communeReportSchema = z.object(reportFields).refine(periodIsOrdered, periodError);
/** Civil society's shadow assessment names the organisation that stands behind it. */
export const shadowReportSchema = z.object({ ...reportFields, organisation: fields.requiredText(200) }).refine(periodIsOrdered, periodError);
export type ReportInput = z.output<typeof communeReportSchema> & { organisation?: string };

/** The filled evidence slots, in order; a link without a title is named by its address. */
export function evidenceLinks(input: ReportInput): EvidenceLink[] {
  return evidenceSlots.flatMap((slot) => {
    const url = input[`evidence_url_${slot}`];
    return url ? [{ title: input[`evidence_title_${slot}`] ?? url, url }] : [];
  });
}

export const reviewSchema = z.object({
  verifiable: z.enum(['yes', 'no'], 'core.form.required'),
  ogp_values: z.preprocess(asList, z.array(z.enum(ogpValues, 'core.form.invalid'))),
  potential_impact: z.enum(potentialImpacts, 'core.form.required'),
  completion: z.enum(reviewCompletions, 'core.form.required'),
  early_results: z.union([z.literal(''), z.enum(earlyResults)], 'core.form.invalid').optional().transform((v) => v || null),
  rationale_fr: fields.requiredText(10000),
  review_date: fields.isoDate(),
});
export type ReviewInput = z.output<typeof reviewSchema>;
