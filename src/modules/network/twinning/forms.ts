import { z } from 'zod';
import { fields } from '../../../platform/http/forms.js';

const optionalUrl = fields.optionalText(500).pipe(z.url({ protocol: /^https?$/, error: 'network.twinning.error_url' }).optional());
const country = z.string().trim().toUpperCase().regex(/^([A-Z]{2})?$/, 'network.twinning.error_country').optional().transform((v) => v || undefined);

export const twinningSchema = z
  .object({
    partner_commune_id: z.union([z.literal(''), z.uuid('core.form.invalid')]).optional().transform((v) => v || undefined),
    partner_name: fields.optionalText(200),
    partner_country: country,
    partner_url: optionalUrl,
    goals_fr: fields.optionalText(5000),
    goals_en: fields.optionalText(5000),
    goals_pt: fields.optionalText(5000),
    goals_ar: fields.optionalText(5000),
    started_on: fields.isoDate(),
  })
  // A partner outside the install is known only by what is typed here.
  .refine((v) => v.partner_commune_id || v.partner_name, { path: ['partner_name'], message: 'network.twinning.error_partner' })
  .refine((v) => v.partner_commune_id || v.partner_country, { path: ['partner_country'], message: 'network.twinning.error_country' })
  .refine((v) => v.goals_fr || v.goals_en || v.goals_pt || v.goals_ar, { path: ['goals_fr'], message: 'core.form.required' });
export type TwinningInput = z.output<typeof twinningSchema>;

export const activitySchema = z.object({
  date: fields.isoDate(),
  title: fields.requiredText(200),
  description: fields.optionalText(5000),
  link: optionalUrl,
});
export type ActivityInput = z.output<typeof activitySchema>;

export const endSchema = z.object({ ended_on: fields.isoDate() });
