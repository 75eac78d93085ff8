import type { FormState } from '../http/forms.js';
import { localeNames, locales } from '../i18n/locales.js';
import { Field } from '../views/components.js';
import type { ViewContext } from '../views/view-context.js';
import { countries, currencies, otherCountry, timeZones } from './commune-identity.js';

export function countryName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

function FieldError({ ctx, form, name }: { ctx: ViewContext; form: FormState; name: string }) {
  const key = form.errors[name];
  return key ? <p class="field-error" id={`${name}-error`} safe>{ctx.t(key)}</p> : <></>;
}

export function Select({ ctx, form, name, label, options }: { ctx: ViewContext; form: FormState; name: string; label: string; options: [string, string][] }) {
  return (
    <div class="field">
      <label for={name} safe>{label}</label>
      <FieldError ctx={ctx} form={form} name={name} />
      <select id={name} name={name} aria-invalid={form.errors[name] ? 'true' : undefined}>
        {options.map(([value, text]) => <option value={value} selected={form.values[name] === value} safe>{text}</option>)}
      </select>
    </div>
  );
}

export function Checkbox({ name, label, checked, disabled }: { name: string; label: string; checked: boolean; disabled?: boolean }) {
  return (
    <div class="field">
      <input type="checkbox" id={name} name={name} value="on" checked={checked} disabled={disabled} />
      <label for={name} safe>{label}</label>
    </div>
  );
}

/** One input per language for commune-written text (names, addresses…). */
export function LocalizedInputs({ ctx, form, name, label }: { ctx: ViewContext; form: FormState; name: string; label: string }) {
  return (
    <fieldset>
      <legend safe>{label}</legend>
      {locales.map((l) => <Field ctx={ctx} form={form} name={`${name}_${l}`} label={`${label} (${localeNames[l]})`} dir={l === 'ar' ? 'rtl' : 'ltr'} />)}
    </fieldset>
  );
}

/** Identity and languages of a commune: shared by creation (platform admin) and settings (commune admin). */
export function CommuneIdentityFields({ ctx, form }: { ctx: ViewContext; form: FormState }) {
  const zones = timeZones.includes(form.values.time_zone ?? '') || !form.values.time_zone ? timeZones : [...timeZones, form.values.time_zone];
  return (
    <>
      <LocalizedInputs ctx={ctx} form={form} name="name" label={ctx.t('administration.commune.name')} />
      <LocalizedInputs ctx={ctx} form={form} name="region" label={ctx.t('administration.commune.region')} />
      <fieldset>
        <legend safe>{ctx.t('administration.network.country')}</legend>
        <Select
          ctx={ctx}
          form={form}
          name="country"
          label={ctx.t('administration.network.country')}
          options={[...countries.map((c): [string, string] => [c, `${countryName(c, ctx.locale)} (${c})`]), [otherCountry, ctx.t('administration.commune.country_other')]]}
        />
        <Field ctx={ctx} form={form} name="country_code" label={ctx.t('administration.commune.country_code')} hint={ctx.t('administration.commune.country_code_hint')} dir="ltr" />
      </fieldset>
      <Select ctx={ctx} form={form} name="default_locale" label={ctx.t('administration.commune.default_locale')} options={locales.map((l) => [l, localeNames[l]])} />
      <fieldset>
        <legend safe>{ctx.t('administration.commune.enabled_locales')}</legend>
        <FieldError ctx={ctx} form={form} name="locales" />
        {locales.map((l) => <Checkbox name={`locale_${l}`} label={localeNames[l]} checked={!!form.values[`locale_${l}`]} />)}
      </fieldset>
      <Select ctx={ctx} form={form} name="time_zone" label={ctx.t('administration.commune.time_zone')} options={zones.map((z) => [z, z])} />
      <Select ctx={ctx} form={form} name="currency" label={ctx.t('administration.commune.currency')} options={currencies.map((c) => [c, c])} />
    </>
  );
}

/** Labels of the identity fields, for the error summary. */
export const identityLabels = (ctx: ViewContext): Record<string, string> => ({
  name_fr: ctx.t('administration.commune.name'),
  country_code: ctx.t('administration.commune.country_code'),
  default_locale: ctx.t('administration.commune.default_locale'),
  locales: ctx.t('administration.commune.enabled_locales'),
  time_zone: ctx.t('administration.commune.time_zone'),
  currency: ctx.t('administration.commune.currency'),
});
