import { z } from 'zod';
import { fields } from '../../../platform/http/forms.js';
import { genders, sectors } from './tables.js';

const optionalDate = z.string().optional().transform((value) => value || undefined).pipe(fields.isoDate().optional());
/** Only web addresses: a `javascript:` link in a public page would run in readers' browsers. */
const optionalUrl = fields.optionalText(1000).pipe(z.url({ protocol: /^https?$/, error: 'accountability.forum.error_url' }).optional());
const asList = (value: unknown) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const datesInOrder = (from?: string, to?: string) => !from || !to || to >= from;

export const forumSchema = z
  .object({
    name: fields.requiredText(300),
    rules_text: fields.optionalText(20_000),
    rules_url: optionalUrl,
    rules_published_on: optionalDate,
  })
  .refine((v) => !v.rules_published_on || v.rules_text || v.rules_url, { path: ['rules_published_on'], message: 'accountability.forum.error_rules_missing' });
export type ForumInput = z.output<typeof forumSchema>;

export const memberSchema = z
  .object({
    name: fields.requiredText(200),
    organisation: fields.optionalText(300),
    sector: z.enum(sectors, 'core.form.required'),
    gender: z.enum(genders, 'core.form.required'),
    role: fields.optionalText(200),
    joined_on: optionalDate,
    left_on: optionalDate,
  })
  .refine((v) => datesInOrder(v.joined_on, v.left_on), { path: ['left_on'], message: 'accountability.forum.error_left_before_joined' });
export type MemberInput = z.output<typeof memberSchema>;

export const meetingSchema = z.object({
  starts_at: z.string({ error: 'core.form.required' }).regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'core.form.invalid_date'),
  place: fields.optionalText(300),
  plan_id: z.union([z.literal(''), z.uuid('core.form.invalid')]).optional().transform((v) => v || null),
  agenda: fields.optionalText(20_000),
  agenda_published_on: optionalDate,
  minutes_text: fields.optionalText(50_000),
  minutes_url: optionalUrl,
  minutes_published_on: optionalDate,
  other_attendees: z.string().trim().regex(/^\d{0,5}$/, 'core.form.invalid').optional().transform((v) => (v ? Number(v) : 0)),
  present: z.preprocess(asList, z.array(z.uuid('core.form.invalid'))),
});
export type MeetingInput = z.output<typeof meetingSchema>;

export const decisionSchema = z.object({
  decision_text: fields.requiredText(5000),
  follow_up: fields.optionalText(5000),
});

export const endorsementSchema = z.object({
  plan_id: z.uuid('core.form.required'),
  organisations: fields.requiredText(1000),
  endorsed_on: fields.isoDate(),
  document_url: optionalUrl,
});
export type EndorsementInput = z.output<typeof endorsementSchema>;
