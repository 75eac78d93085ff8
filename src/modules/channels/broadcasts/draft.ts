import { z } from 'zod';
import { fields } from '../../../platform/http/forms.js';
import { locales } from '../../../platform/i18n/locales.js';
import { broadcastChannels, broadcastKinds } from '../db/tables.js';
import { fitToSegments, gsmFallback, segmentCount, smsEncoding } from '../sms/segments.js';
import { type BroadcastDraft, maxBroadcastLength } from './broadcasts.js';

/** The compose form, also posted back by the preview's buttons (`action`) and by the final confirmation. */
export const draftSchema = z.object({
  kind: z.enum(broadcastKinds, { error: 'core.form.required' }),
  body: fields.requiredText(maxBroadcastLength),
  channel: z.enum(broadcastChannels, { error: 'core.form.required' }),
  locale: z.union([z.literal(''), z.enum(locales)]).optional().transform((value) => value || null),
  neighbourhood: fields.optionalText(100).transform((value) => value ?? null),
  action: z.enum(['preview', 'shorten', 'accents']).optional(),
});

export type DraftInput = z.output<typeof draftSchema>;

/** One SMS part fewer than now (never below one), cut at a word; a GSM text keeps a GSM ellipsis so it stays GSM. */
export function shortenByOnePart(text: string): string {
  const parts = segmentCount(text);
  if (parts <= 1) return text;
  return fitToSegments(text, parts - 1, smsEncoding(text) === 'GSM-7' ? '...' : '…');
}

/** The draft as the preview's button asked to change it: shortened, or with accents replaced by GSM look-alikes. */
export function draftFrom(input: DraftInput): BroadcastDraft {
  const body = input.action === 'shorten' ? shortenByOnePart(input.body) : input.action === 'accents' ? gsmFallback(input.body) : input.body;
  return { kind: input.kind, body, channel: input.channel, locale: input.locale, neighbourhood: input.neighbourhood };
}

/** The draft as form values, to fill the form again. */
export const draftValues = (draft: BroadcastDraft): Record<string, string> => ({
  kind: draft.kind,
  body: draft.body,
  channel: draft.channel,
  locale: draft.locale ?? '',
  neighbourhood: draft.neighbourhood ?? '',
});
