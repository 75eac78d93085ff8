import { z } from 'zod';
import { fields } from '../../../platform/http/forms.js';
import { type LocalizedText, locales } from '../../../platform/i18n/locales.js';
import { categoryNames, decisionStatuses, type VoteOption, voteOptions } from './tables.js';

const count = z
  .string()
  .trim()
  .regex(/^\d{0,4}$/, 'core.form.invalid')
  .optional()
  .transform((value) => (value ? Number(value) : null));

/** The decision form's scalar fields; texts per language and councillors' votes are read beside it. */
export const decisionSchema = z.object({
  session_id: z.string({ error: 'core.form.required' }).uuid('core.form.required'),
  number: fields.requiredText(40).regex(/^[\p{L}\d][\p{L}\d/._-]*$/u, 'core.form.invalid'),
  decision_date: fields.isoDate(),
  subject_fr: fields.requiredText(500),
  category: z.enum(categoryNames, { error: 'core.form.required' }),
  status: z.enum(decisionStatuses, { error: 'core.form.required' }),
  members_in_office: count,
  present: count,
  votes_for: count,
  votes_against: count,
  abstentions: count,
});
export type DecisionInput = z.output<typeof decisionSchema>;

export const sessionSchema = z.object({
  session_date: fields.isoDate(),
  title_fr: fields.requiredText(200),
  place: fields.optionalText(200),
  meeting_id: z.string().uuid('core.form.invalid').optional().or(z.literal('').transform(() => undefined)),
});

/** The non-empty `<prefix>_<locale>` fields as one multilingual text. */
export function localizedFrom(values: Record<string, string>, prefix: string, max: number): LocalizedText {
  const text: LocalizedText = {};
  for (const locale of locales) {
    const value = values[`${prefix}_${locale}`]?.trim();
    if (value) text[locale] = value.slice(0, max);
  }
  return text;
}

/** Per-councillor votes typed in the form (`vote_<person id>`), only for this commune's councillors. */
export function votesFrom(values: Record<string, string>, personIds: string[]): Map<string, VoteOption> {
  const votes = new Map<string, VoteOption>();
  for (const id of personIds) {
    const option = values[`vote_${id}`];
    if (voteOptions.includes(option as VoteOption)) votes.set(id, option as VoteOption);
  }
  return votes;
}

interface Counts {
  members_in_office: number | null;
  present: number | null;
  votes_for: number | null;
  votes_against: number | null;
  abstentions: number | null;
}

/**
 * Errors (field → message key) where the figures contradict each other: voters cannot outnumber those present,
 * nor those present the members in office, and recorded individual votes must add up to the counts.
 */
export function countErrors(counts: Counts, votes: Map<string, VoteOption>): Record<string, string> {
  const errors: Record<string, string> = {};
  const cast = (counts.votes_for ?? 0) + (counts.votes_against ?? 0) + (counts.abstentions ?? 0);
  if (counts.present !== null && cast > counts.present) errors.present = 'accountability.council.error.more_votes_than_present';
  if (counts.present !== null && counts.members_in_office !== null && counts.present > counts.members_in_office) {
    errors.members_in_office = 'accountability.council.error.more_present_than_members';
  }
  if (votes.size === 0) return errors;
  const tally = (option: VoteOption) => [...votes.values()].filter((v) => v === option).length;
  const mismatch =
    tally('yes') !== (counts.votes_for ?? 0) ||
    tally('no') !== (counts.votes_against ?? 0) ||
    tally('abstain') !== (counts.abstentions ?? 0) ||
    (counts.present !== null && votes.size - tally('absent') > counts.present);
  if (mismatch) errors.votes = 'accountability.council.error.votes_mismatch';
  return errors;
}

// Multipart forms skip the platform's urlencoded cleaning; PostgreSQL refuses NUL and nobody types controls on purpose.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const controlCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** The typed fields with C0 control characters (tab and line breaks aside) removed. */
export function printableFields(fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, value.replace(controlCharacters, '')]));
}
