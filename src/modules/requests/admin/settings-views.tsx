import type { Children } from '@kitajs/html';
import { Checkbox, LocalizedInputs, Select } from '../../../platform/administration/form-parts.js';
import type { FormState } from '../../../platform/http/forms.js';
import { localeNames, locales, pickLocalized } from '../../../platform/i18n/locales.js';
import { CsrfField, ErrorSummary, Field, Localized, Notice } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import type { Category, ComplaintStage, Service } from '../db/tables.js';

export const settingsBase = (ctx: ViewContext) => `/${ctx.commune!.slug}/admin/requests/settings`;

export const stageKeys: Record<ComplaintStage, string> = {
  received: 'requests.settings.stage.received',
  acknowledged: 'requests.settings.stage.acknowledged',
  in_progress: 'requests.settings.stage.in_progress',
  resolved: 'requests.settings.stage.resolved',
  rejected: 'requests.settings.stage.rejected',
  reopened: 'requests.settings.stage.reopened',
};
export const open311Keys = { open: 'requests.settings.open311.open', closed: 'requests.settings.open311.closed' } as const;

/** A refusal the administrator must read (a delete that would break something), shown above the form. */
export type SettingsNotice = { key: string; params?: Record<string, string | number> } | null;

/** Text written by the commune as a plain string (for labels of options and cells), in the reader's language. */
export const textOf = (ctx: ViewContext, text: Category['name']) => pickLocalized(text, ctx.locale, [ctx.commune!.default_locale, ...locales])?.value ?? '';

export function SettingsPage({ ctx, title, back = true, children }: { ctx: ViewContext; title: string; back?: boolean; children?: Children }) {
  return (
    <Layout ctx={ctx} title={title} area="admin">
      {back ? <p><a href={settingsBase(ctx)} safe>{ctx.t('requests.settings.back')}</a></p> : ''}
      <h1 safe>{title}</h1>
      {children}
    </Layout>
  );
}

export function Refusal({ ctx, notice }: { ctx: ViewContext; notice: SettingsNotice }) {
  return notice ? <Notice kind="error"><p safe>{ctx.t(notice.key, notice.params)}</p></Notice> : <></>;
}

export function SaveButton({ ctx, label }: { ctx: ViewContext; label?: string }) {
  return <div class="form-actions"><button type="submit" class="btn" safe>{label ?? ctx.t('core.form.save')}</button></div>;
}

export function DeleteForm({ ctx, action, hint }: { ctx: ViewContext; action: string; hint: string }) {
  return (
    <form method="post" action={action} class="danger-zone">
      <CsrfField ctx={ctx} />
      <input type="hidden" name="intent" value="delete" />
      <p class="field-hint" safe>{hint}</p>
      <button type="submit" class="btn btn-secondary" safe>{ctx.t('requests.settings.delete')}</button>
    </form>
  );
}

export const localizedLabels = (ctx: ViewContext, name: string, label: string) => Object.fromEntries(locales.map((l) => [`${name}_${l}`, `${label} (${localeNames[l]})`]));

// ── Index ─────────────────────────────────────────────────────────────────────────────────────────────────

export function SettingsIndexPage({ ctx }: { ctx: ViewContext }) {
  const sections: [string, string, string][] = [
    ['categories', ctx.t('requests.settings.categories.title'), ctx.t('requests.settings.categories.hint')],
    ['services', ctx.t('requests.settings.services.title'), ctx.t('requests.settings.services.hint')],
    ['routing', ctx.t('requests.settings.routing.title'), ctx.t('requests.settings.routing.hint')],
    ['states', ctx.t('requests.settings.states.title'), ctx.t('requests.settings.states.hint')],
  ];
  return (
    <SettingsPage ctx={ctx} title={ctx.t('requests.settings.title')} back={false}>
      <p safe>{ctx.t('requests.settings.intro')}</p>
      <ul class="doc-list">
        {sections.map(([path, title, hint]) => (
          <li>
            <a href={`${settingsBase(ctx)}/${path}`} safe>{title}</a>
            <p class="muted" safe>{hint}</p>
          </li>
        ))}
      </ul>
    </SettingsPage>
  );
}

// ── Categories ────────────────────────────────────────────────────────────────────────────────────────────

export function CategoriesPage({ ctx, categories, services }: { ctx: ViewContext; categories: Category[]; services: Service[] }) {
  const serviceName = (id: string | null) => services.find((s) => s.id === id)?.name;
  return (
    <SettingsPage ctx={ctx} title={ctx.t('requests.settings.categories.title')}>
      <p class="admin-actions"><a class="btn" href={`${settingsBase(ctx)}/categories/new`} safe>{ctx.t('requests.settings.categories.new')}</a></p>
      {categories.length === 0 ? <p class="muted" safe>{ctx.t('requests.settings.categories.none')}</p> : ''}
      <div class="table-wrap">
        <table class="data">
          <thead>
            <tr>
              <th scope="col" safe>{ctx.t('requests.settings.field.name')}</th>
              <th scope="col" safe>{ctx.t('requests.settings.field.code')}</th>
              <th scope="col" safe>{ctx.t('requests.settings.field.response_days')}</th>
              <th scope="col" safe>{ctx.t('requests.settings.field.default_service')}</th>
            </tr>
          </thead>
          <tbody>
            {categories.map((c) => (
              <tr>
                <td>
                  <a href={`${settingsBase(ctx)}/categories/${c.id}`}><Localized ctx={ctx} text={c.name} /></a>
                  {c.sensitive ? <span class="badge badge-warning" safe>{` ${ctx.t('requests.settings.categories.sensitive_badge')}`}</span> : ''}
                  {c.active ? '' : <span class="badge badge-muted" safe>{` ${ctx.t('requests.settings.categories.inactive_badge')}`}</span>}
                </td>
                <td><code safe>{c.code}</code></td>
                <td safe>{String(c.response_days)}</td>
                <td>{serviceName(c.default_service_id) ? <Localized ctx={ctx} text={serviceName(c.default_service_id)} /> : <span class="muted" safe>{ctx.t('requests.settings.no_service')}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </SettingsPage>
  );
}

export interface CategoryFormProps {
  category: Category | null;
  /** Complaints filed in it: its code is fixed and it can only be deactivated. */
  usage: number;
  services: Service[];
  designatable: { id: string; label: string }[];
  form: FormState;
  notice: SettingsNotice;
}

function categoryLabels(ctx: ViewContext): Record<string, string> {
  return {
    code: ctx.t('requests.settings.field.code'),
    ...localizedLabels(ctx, 'name', ctx.t('requests.settings.field.name')),
    ...localizedLabels(ctx, 'description', ctx.t('requests.settings.field.description')),
    response_days: ctx.t('requests.settings.field.response_days'),
    designated_user_id: ctx.t('requests.settings.field.designated'),
    default_service_id: ctx.t('requests.settings.field.default_service'),
    position: ctx.t('requests.settings.field.position'),
  };
}

function CodeField({ ctx, form, locked }: { ctx: ViewContext; form: FormState; locked: boolean }) {
  const error = form.errors.code;
  return (
    <div class="field">
      <label for="code" safe>{ctx.t('requests.settings.field.code')}</label>
      <p class="field-hint" id="code-hint" safe>{ctx.t(locked ? 'requests.settings.categories.code_locked_hint' : 'requests.settings.field.code_hint')}</p>
      {error ? <p class="field-error" id="code-error" safe>{ctx.t(error)}</p> : ''}
      <input id="code" name="code" value={form.values.code ?? ''} readonly={locked} required dir="ltr" aria-describedby={error ? 'code-hint code-error' : 'code-hint'} aria-invalid={error ? 'true' : undefined} />
    </div>
  );
}

function CategoryForm({ ctx, props, action }: { ctx: ViewContext; props: CategoryFormProps; action: string }) {
  const { form } = props;
  const services: [string, string][] = [['', ctx.t('requests.settings.no_service')], ...props.services.map((s): [string, string] => [s.id, textOf(ctx, s.name)])];
  const people: [string, string][] = [['', ctx.t('requests.settings.field.designated_none')], ...props.designatable.map((u): [string, string] => [u.id, u.label])];
  return (
    <form method="post" action={action}>
      <CsrfField ctx={ctx} />
      <ErrorSummary ctx={ctx} form={form} labels={categoryLabels(ctx)} />
      <CodeField ctx={ctx} form={form} locked={props.usage > 0} />
      <p class="field-hint" safe>{ctx.t('requests.settings.default_language', { language: localeNames[ctx.commune!.default_locale] })}</p>
      <LocalizedInputs ctx={ctx} form={form} name="name" label={ctx.t('requests.settings.field.name')} />
      <fieldset>
        <legend safe>{ctx.t('requests.settings.field.description')}</legend>
        {locales.map((l) => <Field ctx={ctx} form={form} name={`description_${l}`} label={`${ctx.t('requests.settings.field.description')} (${localeNames[l]})`} dir={l === 'ar' ? 'rtl' : 'ltr'} multiline />)}
      </fieldset>
      <Field ctx={ctx} form={form} name="response_days" label={ctx.t('requests.settings.field.response_days')} hint={ctx.t('requests.settings.field.response_days_hint')} type="number" inputmode="numeric" required />
      <fieldset>
        <legend safe>{ctx.t('requests.settings.field.sensitive')}</legend>
        <Checkbox name="sensitive" label={ctx.t('requests.settings.field.sensitive_hint')} checked={form.values.sensitive === 'on'} />
        <Select ctx={ctx} form={form} name="designated_user_id" label={ctx.t('requests.settings.field.designated')} options={people} />
      </fieldset>
      <Select ctx={ctx} form={form} name="default_service_id" label={ctx.t('requests.settings.field.default_service')} options={services} />
      <Field ctx={ctx} form={form} name="position" label={ctx.t('requests.settings.field.position')} hint={ctx.t('requests.settings.field.position_hint')} type="number" inputmode="numeric" />
      <Checkbox name="active" label={ctx.t('requests.settings.field.active')} checked={form.values.active === 'on'} />
      <SaveButton ctx={ctx} />
    </form>
  );
}

export function CategoryFormPage({ ctx, props }: { ctx: ViewContext; props: CategoryFormProps }) {
  const category = props.category;
  const base = `${settingsBase(ctx)}/categories`;
  return (
    <SettingsPage ctx={ctx} title={ctx.t(category ? 'requests.settings.categories.edit' : 'requests.settings.categories.new')}>
      <p><a href={base} safe>{ctx.t('requests.settings.categories.back')}</a></p>
      <Refusal ctx={ctx} notice={props.notice} />
      {category ? <p class="muted" safe>{ctx.t('requests.settings.categories.usage', { count: props.usage })}</p> : ''}
      <CategoryForm ctx={ctx} props={props} action={category ? `${base}/${category.id}` : base} />
      {category ? <DeleteForm ctx={ctx} action={`${base}/${category.id}`} hint={ctx.t('requests.settings.categories.delete_hint')} /> : ''}
    </SettingsPage>
  );
}

// ── Services ──────────────────────────────────────────────────────────────────────────────────────────────

export function ServicesPage({ ctx, services }: { ctx: ViewContext; services: Service[] }) {
  return (
    <SettingsPage ctx={ctx} title={ctx.t('requests.settings.services.title')}>
      <p class="admin-actions"><a class="btn" href={`${settingsBase(ctx)}/services/new`} safe>{ctx.t('requests.settings.services.new')}</a></p>
      {services.length === 0 ? <p class="muted" safe>{ctx.t('requests.settings.services.none')}</p> : ''}
      <ul>
        {services.map((s) => (
          <li>
            <a href={`${settingsBase(ctx)}/services/${s.id}`}><Localized ctx={ctx} text={s.name} /></a>
            {s.email ? <span class="muted" dir="ltr" safe>{` ${s.email}`}</span> : ''}
          </li>
        ))}
      </ul>
    </SettingsPage>
  );
}

export interface ServiceFormProps {
  service: Service | null;
  form: FormState;
  notice: SettingsNotice;
}

export function ServiceFormPage({ ctx, props }: { ctx: ViewContext; props: ServiceFormProps }) {
  const { service, form } = props;
  const base = `${settingsBase(ctx)}/services`;
  const labels = { ...localizedLabels(ctx, 'name', ctx.t('requests.settings.field.name')), email: ctx.t('requests.settings.field.email'), position: ctx.t('requests.settings.field.position') };
  return (
    <SettingsPage ctx={ctx} title={ctx.t(service ? 'requests.settings.services.edit' : 'requests.settings.services.new')}>
      <p><a href={base} safe>{ctx.t('requests.settings.services.back')}</a></p>
      <Refusal ctx={ctx} notice={props.notice} />
      <form method="post" action={service ? `${base}/${service.id}` : base}>
        <CsrfField ctx={ctx} />
        <ErrorSummary ctx={ctx} form={form} labels={labels} />
        <p class="field-hint" safe>{ctx.t('requests.settings.default_language', { language: localeNames[ctx.commune!.default_locale] })}</p>
        <LocalizedInputs ctx={ctx} form={form} name="name" label={ctx.t('requests.settings.field.name')} />
        <Field ctx={ctx} form={form} name="email" label={ctx.t('requests.settings.field.email')} hint={ctx.t('requests.settings.field.email_hint')} type="email" dir="ltr" />
        <Field ctx={ctx} form={form} name="position" label={ctx.t('requests.settings.field.position')} hint={ctx.t('requests.settings.field.position_hint')} type="number" inputmode="numeric" />
        <SaveButton ctx={ctx} />
      </form>
      {service ? <DeleteForm ctx={ctx} action={`${base}/${service.id}`} hint={ctx.t('requests.settings.services.delete_hint')} /> : ''}
    </SettingsPage>
  );
}

// ── Routing matrix ───────────────────────────────────────────────────────────────────────────────────────
