import type { CommuneRole } from '../db/platform-tables.js';
import { roleLabelKeys } from '../permissions/actor.js';
import type { FormState } from '../http/forms.js';
import { localeNames, locales } from '../i18n/locales.js';
import { CsrfField, ErrorSummary, Field } from '../views/components.js';
import { Layout } from '../views/layout.js';
import { InclusionFieldset } from './inclusion-fields.js';
import type { ViewContext } from '../views/view-context.js';

export function SignInPage({ ctx, form, returnTo, commune, example }: { ctx: ViewContext; form: FormState; returnTo: string; commune: string; example: string }) {
  const label = ctx.t('auth.signin.identifier');
  return (
    <Layout ctx={ctx} title={ctx.t('auth.signin.title')}>
      <h1 safe>{ctx.t('auth.signin.title')}</h1>
      <p class="lead" safe>{ctx.t('auth.signin.intro')}</p>
      <ErrorSummary ctx={ctx} form={form} labels={{ identifier: label }} />
      <form method="post" action="/sign-in">
        <CsrfField ctx={ctx} />
        <input type="hidden" name="return" value={returnTo} />
        <input type="hidden" name="commune" value={commune} />
        <Field ctx={ctx} form={form} name="identifier" label={label} hint={ctx.t('auth.signin.hint', { example })} required autocomplete="username" dir="ltr" />
        <div class="form-actions">
          <button type="submit" class="btn" safe>{ctx.t('auth.signin.send_code')}</button>
        </div>
      </form>
      <p class="muted" safe>{ctx.t('auth.signin.no_account')}</p>
    </Layout>
  );
}

export function CodePage({ ctx, form, masked, demoCode }: { ctx: ViewContext; form: FormState; masked: string; demoCode: string | null }) {
  const label = ctx.t('auth.code.label');
  return (
    <Layout ctx={ctx} title={ctx.t('auth.code.title')}>
      <h1 safe>{ctx.t('auth.code.title')}</h1>
      <p safe>{ctx.t('auth.code.sent_to', { identifier: masked })}</p>
      {demoCode ? (
        <div class="notice notice-demo" role="status">
          <span safe>{ctx.t('auth.code.demo')}</span> <code dir="ltr" safe>{demoCode}</code>
        </div>
      ) : ''}
      <ErrorSummary ctx={ctx} form={form} labels={{ code: label }} />
      <form method="post" action="/sign-in/code">
        <CsrfField ctx={ctx} />
        <div class="field">
          <label for="code" safe>{label}</label>
          {form.errors.code ? <p class="field-error" id="code-error" safe>{ctx.t(form.errors.code)}</p> : ''}
          <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required dir="ltr" aria-invalid={form.errors.code ? 'true' : undefined} aria-describedby={form.errors.code ? 'code-error' : undefined} />
        </div>
        <div class="form-actions">
          <button type="submit" class="btn" safe>{ctx.t('auth.code.submit')}</button>
        </div>
      </form>
      <p><a href="/sign-in" safe>{ctx.t('auth.code.new_code')}</a></p>
    </Layout>
  );
}

export interface AccountProps {
  form: FormState;
  identifier: string;
  welcome: boolean;
  roles: { commune: string; role: CommuneRole }[];
}

export function AccountPage({ ctx, props }: { ctx: ViewContext; props: AccountProps }) {
  const { form } = props;
  return (
    <Layout ctx={ctx} title={ctx.t('auth.account.title')}>
      <h1 safe>{ctx.t(props.welcome ? 'auth.account.welcome' : 'auth.account.title')}</h1>
      <p safe>{ctx.t('auth.account.signed_in_as', { identifier: props.identifier })}</p>
      {ctx.accountLinks.length > 0 ? <ul>{ctx.accountLinks.map((link) => <li><a href={link.path} safe>{ctx.t(link.labelKey)}</a></li>)}</ul> : ''}
      <ErrorSummary ctx={ctx} form={form} labels={{ display_name: ctx.t('auth.account.display_name'), neighbourhood: ctx.t('auth.account.neighbourhood') }} />
      <form method="post" action="/account">
        <CsrfField ctx={ctx} />
        <Field ctx={ctx} form={form} name="display_name" label={ctx.t('auth.account.display_name')} hint={ctx.t('auth.account.display_name_hint')} autocomplete="name" />
        <Field ctx={ctx} form={form} name="neighbourhood" label={ctx.t('auth.account.neighbourhood')} />
        <div class="field">
          <label for="preferred_locale" safe>{ctx.t('auth.account.language')}</label>
          <select id="preferred_locale" name="preferred_locale">
            {locales.map((l) => <option value={l} lang={l} selected={(form.values.preferred_locale ?? ctx.locale) === l} safe>{localeNames[l]}</option>)}
          </select>
        </div>
        <InclusionFieldset ctx={ctx} form={form} />
        <div class="form-actions">
          <button type="submit" class="btn" safe>{ctx.t('core.form.save')}</button>
        </div>
      </form>
      {props.roles.length > 0 ? (
        <section>
          <h2 safe>{ctx.t('auth.account.roles')}</h2>
          <ul>{props.roles.map((r) => <li safe>{`${r.commune} — ${ctx.t(roleLabelKeys[r.role])}`}</li>)}</ul>
        </section>
      ) : ''}
      <section>
        <h2 safe>{ctx.t('auth.account.security')}</h2>
        <form method="post" action="/account/sign-out-everywhere">
          <CsrfField ctx={ctx} />
          <button type="submit" class="btn btn-secondary" safe>{ctx.t('auth.account.sign_out_everywhere')}</button>
        </form>
      </section>
    </Layout>
  );
}
