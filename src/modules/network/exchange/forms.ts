import { z } from 'zod';
import { fields } from '../../../platform/http/forms.js';
import { principles, threadStatuses } from './tables.js';

export const threadSchema = z.object({
  title: fields.requiredText(200),
  body: fields.requiredText(20_000),
  principle: z.enum(principles, 'core.form.required'),
  module_tag: fields.optionalText(50),
});

export const replySchema = z.object({ body: fields.requiredText(20_000) });

export const acceptSchema = z.object({ reply_id: z.uuid('core.form.invalid') });

export const followSchema = z.object({ following: z.enum(['0', '1']).transform((v) => v === '1') });

const optionalChoice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), z.enum(values).optional()).catch(undefined);

/** Filters in the list's query string; anything unknown is ignored rather than refused. */
export const filtersSchema = z.object({
  principle: optionalChoice(principles),
  status: optionalChoice(threadStatuses),
  module: z.string().regex(/^[a-z][a-z-]{0,40}$/).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
