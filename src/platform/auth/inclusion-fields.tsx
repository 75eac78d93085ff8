import { z } from 'zod';
import type { FormState } from '../http/forms.js';
import type { ViewContext } from '../views/view-context.js';

/** Optional profile answers that let a commune show who takes part (by gender and age band), never required. */
const genders = { female: 'auth.account.gender_female', male: 'auth.account.gender_male', other: 'auth.account.gender_other' } as const;
export const ageBands = ['15-24', '25-34', '35-49', '50-64', '65+'] as const;

export const inclusionShape = {
  gender: z.enum(['female', 'male', 'other', '']).optional().transform((v) => v || null),
  age_band: z.enum([...ageBands, '']).optional().transform((v) => v || null),
};

function Choice({ ctx, name, label, value, options }: { ctx: ViewContext; name: string; label: string; value: string | undefined; options: [string, string][] }) {
  return (
    <div class="field">
      <label for={name} safe>{label}</label>
      <select id={name} name={name}>
        <option value="" safe>{ctx.t('auth.account.prefer_not')}</option>
        {options.map(([v, text]) => <option value={v} selected={value === v} safe>{text}</option>)}
      </select>
    </div>
  );
}

/** Gender and age band, each with "prefer not to say", and why the commune asks. */
export function InclusionFieldset({ ctx, form }: { ctx: ViewContext; form: FormState }) {
  return (
    <fieldset>
      <legend safe>{ctx.t('auth.account.inclusion_title')}</legend>
      <p class="field-hint" safe>{ctx.t('auth.account.inclusion_why')}</p>
      <Choice ctx={ctx} name="gender" label={ctx.t('auth.account.gender')} value={form.values.gender} options={Object.entries(genders).map(([v, key]) => [v, ctx.t(key)])} />
      <Choice ctx={ctx} name="age_band" label={ctx.t('auth.account.age_band')} value={form.values.age_band} options={ageBands.map((band) => [band, band])} />
    </fieldset>
  );
}
