import { z } from 'zod';
import { fields } from '../../../../platform/http/forms.js';
import { responseOutcomes } from './tables.js';

export const commentSchema = z.object({ body: z.string({ error: 'core.form.required' }).trim().min(3, 'accountability.comments.too_short').max(2000, 'core.form.too_long') });

/** A reasoned response says why: a bare "noted" is refused. */
export const answerSchema = z.object({
  outcome: z.enum(responseOutcomes, { error: 'core.form.required' }),
  response: z.string({ error: 'core.form.required' }).trim().min(20, 'accountability.comments.response_too_short').max(4000, 'core.form.too_long'),
});

export const hideSchema = z.object({ reason: fields.requiredText(500) });
