import type { Children } from '@kitajs/html';
import { Checkbox, LocalizedInputs, Select } from '../../../platform/administration/form-parts.js';
import type { FormState } from '../../../platform/http/forms.js';
import { localeNames, locales, pickLocalized } from '../../../platform/i18n/locales.js';
import { CsrfField, ErrorSummary, Field, Localized, Notice } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import { positionField, resolveCell, routeField } from '../commands/settings-commands.js';
import { type Category, type ComplaintStage, complaintStages, type Service, type State } from '../db/tables.js';

export const settingsBase = (ctx: ViewContext) => `/${ctx.commune!.slug}/admin/requests/settings`;

export const stageKeys: Record<ComplaintStage, string> = {
  received: 'requests.settings.stage.received',
  acknowledged: 'requests.settings.stage.acknowledged',
  in_progress: 'requests.settings.stage.in_progress',
  resolved: 'requests.settings.stage.resolved',
  rejected: 'requests.settings.stage.rejected',
  reopened: 'requests.settings.stage.reopened',
};
const open311Keys = { open: 'requests.settings.open311.open', closed: 'requests.settings.open311.closed' } as const;

/** A refusal the administrator must read (a delete that would break something), shown above the form. */
export type SettingsNotice = { key: string; params?: Record<string, string | number> } | null;

/** Text written by the commune as a plain string (for labels of options and cells), in the reader's language. */
const textOf = (ctx: ViewContext, text: Category['name']) => pickLocalized(text, ctx.locale, [ctx.commune!.default_locale, ...locales])?.value ?? '';

function SettingsPage({ ctx, title, back = true, children }: { ctx: ViewContext; title: string; back?: boolean; children?: Children }) {
  return (
    <Layout ctx={ctx} title={title} area="admin">
      {back ? <p><a href={settingsBase(ctx)} safe>{ctx.t('requests.settings.back')}</a></p> : ''}
      <h1 safe>{title}</h1>
      {children}
    </Layout>
  );
}

function Refusal({ ctx, notice }: { ctx: ViewContext; notice: SettingsNotice }) {
  return notice ? <Notice kind="error"><p safe>{ctx.t(notice.key, notice.params)}</p></Notice> : <></>;
}

function SaveButton({ ctx, label }: { ctx: ViewContext; label?: string }) {
  return <div class="form-actions"><button type="submit" class="btn" safe>{label ?? ctx.t('core.form.save')}</button></div>;
}

function DeleteForm({ ctx, action, hint }: { ctx: ViewContext; action: string; hint: string }) {
  return (
    <form method="post" action={action} class="danger-zone">
      <CsrfField ctx={ctx} />
      <input type="hidden" name="intent" value="delete" />
      <p class="field-hint" safe>{hint}</p>
      <button type="submit" class="btn btn-secondary" safe>{ctx.t('requests.settings.delete')}</button>
    </form>
  );
}

const localizedLabels = (ctx: ViewContext, name: string, label: string) => Object.fromEntries(locales.map((l) => [`${name}_${l}`, `${label} (${localeNames[l]})`]));

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

export interface RoutingProps {
  categories: Category[];
  neighbourhoods: string[];
  services: Service[];
  form: FormState;
}

const cellId = (row: number, column: number) => `cell-${row}-${column}`;

/** What an empty cell inherits, said beside it so nobody has to work the rule out. */
function Inherited({ ctx, props, category, neighbourhood }: { ctx: ViewContext; props: RoutingProps; category: Category; neighbourhood: string | null }) {
  const resolved = resolveCell(props.form.values as Record<string, string>, category, neighbourhood);
  if (resolved.via === 'own') return <></>;
  const service = props.services.find((s) => s.id === resolved.serviceId);
  if (!service) return <small class="muted" safe>{ctx.t('requests.settings.routing.to_dispatch')}</small>;
  // dir="auto" isolates the service's name, written by the commune in any script.
  const via = resolved.via === 'all' ? 'requests.settings.routing.via_all' : 'requests.settings.routing.via_default';
  return <small class="muted" dir="auto" safe>{ctx.t(via, { service: textOf(ctx, service.name) })}</small>;
}

function RoutingCell({ ctx, props, category, row, column, neighbourhood }: { ctx: ViewContext; props: RoutingProps; category: Category; row: number; column: number; neighbourhood: string | null }) {
  const field = routeField(category.id, neighbourhood);
  const value = (props.form.values as Record<string, string>)[field] ?? '';
  const error = (props.form.errors as Record<string, string>)[field];
  const where = neighbourhood ?? ctx.t('requests.settings.routing.all');
  return (
    <td>
      {error ? <p class="field-error" id={`${cellId(row, column)}-error`} safe>{ctx.t(error)}</p> : ''}
      <select id={cellId(row, column)} name={field} aria-label={ctx.t('requests.settings.routing.cell_label', { category: textOf(ctx, category.name), neighbourhood: where })} aria-invalid={error ? 'true' : undefined}>
        <option value="" safe>{ctx.t('requests.settings.routing.inherit')}</option>
        {props.services.map((s) => <option value={s.id} selected={value === s.id} safe>{textOf(ctx, s.name)}</option>)}
      </select>
      <Inherited ctx={ctx} props={props} category={category} neighbourhood={neighbourhood} />
    </td>
  );
}

/** The matrix's own error summary: its fields are cells, named by category and neighbourhood. */
function RoutingErrors({ ctx, props }: { ctx: ViewContext; props: RoutingProps }) {
  const errors = props.form.errors as Record<string, string>;
  const items = props.categories.flatMap((category, row) =>
    [null, ...props.neighbourhoods].flatMap((neighbourhood, column) => {
      const key = errors[routeField(category.id, neighbourhood)];
      return key ? [{ href: `#${cellId(row, column)}`, text: `${textOf(ctx, category.name)} — ${neighbourhood ?? ctx.t('requests.settings.routing.all')}: ${ctx.t(key)}` }] : [];
    }),
  );
  if (items.length === 0) return <></>;
  return (
    <div class="error-summary" role="alert" tabindex="-1">
      <h2 safe>{ctx.t('core.form.error_summary')}</h2>
      <ul>{items.map((item) => <li><a href={item.href} dir="auto" safe>{item.text}</a></li>)}</ul>
    </div>
  );
}

export function RoutingPage({ ctx, props }: { ctx: ViewContext; props: RoutingProps }) {
  const columns = [null, ...props.neighbourhoods];
  return (
    <SettingsPage ctx={ctx} title={ctx.t('requests.settings.routing.title')}>
      <p safe>{ctx.t('requests.settings.routing.intro')}</p>
      {props.neighbourhoods.length === 0 ? <p class="muted" safe>{ctx.t('requests.settings.routing.no_neighbourhoods')}</p> : ''}
      {props.services.length === 0 ? <p class="muted"><a href={`${settingsBase(ctx)}/services/new`} safe>{ctx.t('requests.settings.routing.no_services')}</a></p> : ''}
      <form method="post" action={`${settingsBase(ctx)}/routing`}>
        <CsrfField ctx={ctx} />
        <RoutingErrors ctx={ctx} props={props} />
        <div class="table-wrap">
          <table class="data">
            <thead>
              <tr>
                <th scope="col" safe>{ctx.t('requests.settings.routing.category')}</th>
                {columns.map((n) => <th scope="col" dir="auto" safe>{n ?? ctx.t('requests.settings.routing.all')}</th>)}
              </tr>
            </thead>
            <tbody>
              {props.categories.map((category, row) => (
                <tr>
                  <th scope="row"><Localized ctx={ctx} text={category.name} /></th>
                  {columns.map((neighbourhood, column) => <RoutingCell ctx={ctx} props={props} category={category} row={row} column={column} neighbourhood={neighbourhood} />)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <SaveButton ctx={ctx} label={ctx.t('requests.settings.routing.save')} />
      </form>
    </SettingsPage>
  );
}

// ── States ────────────────────────────────────────────────────────────────────────────────────────────────

export interface StatesProps {
  states: State[];
  orderForm: FormState;
  addForm: FormState;
}

function StateOrderForm({ ctx, props }: { ctx: ViewContext; props: StatesProps }) {
  const form = props.orderForm;
  const labels = Object.fromEntries(props.states.map((s) => [positionField(s.id), `${ctx.t('requests.settings.field.position')} — ${s.code}`]));
  return (
    <form method="post" action={`${settingsBase(ctx)}/states/order`}>
      <CsrfField ctx={ctx} />
      <ErrorSummary ctx={ctx} form={form} labels={labels} />
      <div class="table-wrap">
        <table class="data">
          <thead>
            <tr>
              <th scope="col" safe>{ctx.t('requests.settings.field.position')}</th>
              <th scope="col" safe>{ctx.t('requests.settings.field.name')}</th>
              <th scope="col" safe>{ctx.t('requests.settings.field.code')}</th>
              <th scope="col" safe>{ctx.t('requests.settings.field.stage')}</th>
              <th scope="col" safe>{ctx.t('requests.settings.field.open311')}</th>
            </tr>
          </thead>
          <tbody>
            {props.states.map((s) => {
              const field = positionField(s.id);
              const error = (form.errors as Record<string, string>)[field];
              return (
                <tr>
                  <td>
                    {error ? <p class="field-error" safe>{ctx.t(error)}</p> : ''}
                    <input id={field} name={field} type="number" inputmode="numeric" min="0" max="9999" size="4" value={(form.values as Record<string, string>)[field] ?? String(s.position)} aria-label={`${ctx.t('requests.settings.field.position')} — ${s.code}`} aria-invalid={error ? 'true' : undefined} />
                  </td>
                  <td><a href={`${settingsBase(ctx)}/states/${s.id}`}><Localized ctx={ctx} text={s.name} /></a></td>
                  <td><code safe>{s.code}</code></td>
                  <td safe>{ctx.t(stageKeys[s.stage])}</td>
                  <td safe>{ctx.t(open311Keys[s.open311_status])}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <SaveButton ctx={ctx} label={ctx.t('requests.settings.states.order_save')} />
    </form>
  );
}

function AddStateForm({ ctx, form }: { ctx: ViewContext; form: FormState }) {
  const labels = { code: ctx.t('requests.settings.field.code'), ...localizedLabels(ctx, 'name', ctx.t('requests.settings.field.name')), stage: ctx.t('requests.settings.field.stage'), open311_status: ctx.t('requests.settings.field.open311'), position: ctx.t('requests.settings.field.position') };
  return (
    <form method="post" action={`${settingsBase(ctx)}/states`}>
      <CsrfField ctx={ctx} />
      <ErrorSummary ctx={ctx} form={form} labels={labels} />
      <Field ctx={ctx} form={form} name="code" label={ctx.t('requests.settings.field.code')} hint={ctx.t('requests.settings.field.code_hint')} dir="ltr" required />
      <LocalizedInputs ctx={ctx} form={form} name="name" label={ctx.t('requests.settings.field.name')} />
      <Select ctx={ctx} form={form} name="stage" label={ctx.t('requests.settings.field.stage')} options={[['', ''], ...complaintStages.map((s): [string, string] => [s, ctx.t(stageKeys[s])])]} />
      <p class="field-hint" safe>{ctx.t('requests.settings.states.open311_rule')}</p>
      <Select ctx={ctx} form={form} name="open311_status" label={ctx.t('requests.settings.field.open311')} options={[['', ''], ['open', ctx.t(open311Keys.open)], ['closed', ctx.t(open311Keys.closed)]]} />
      <Field ctx={ctx} form={form} name="position" label={ctx.t('requests.settings.field.position')} hint={ctx.t('requests.settings.field.position_hint')} type="number" inputmode="numeric" />
      <SaveButton ctx={ctx} label={ctx.t('requests.settings.states.add')} />
    </form>
  );
}

export function StatesPage({ ctx, props }: { ctx: ViewContext; props: StatesProps }) {
  return (
    <SettingsPage ctx={ctx} title={ctx.t('requests.settings.states.title')}>
      <p safe>{ctx.t('requests.settings.states.intro')}</p>
      <StateOrderForm ctx={ctx} props={props} />
      <h2 safe>{ctx.t('requests.settings.states.add')}</h2>
      <AddStateForm ctx={ctx} form={props.addForm} />
    </SettingsPage>
  );
}

export interface StateFormProps {
  state: State;
  usage: number;
  form: FormState;
  notice: SettingsNotice;
}

export function StateFormPage({ ctx, props }: { ctx: ViewContext; props: StateFormProps }) {
  const { state, form } = props;
  const base = `${settingsBase(ctx)}/states`;
  return (
    <SettingsPage ctx={ctx} title={ctx.t('requests.settings.states.rename')}>
      <p><a href={base} safe>{ctx.t('requests.settings.states.back')}</a></p>
      <Refusal ctx={ctx} notice={props.notice} />
      <p class="muted" safe>{`${state.code} · ${ctx.t(stageKeys[state.stage])} · ${ctx.t(open311Keys[state.open311_status])}`}</p>
      <p class="muted" safe>{ctx.t('requests.settings.states.usage', { count: props.usage })}</p>
      <form method="post" action={`${base}/${state.id}`}>
        <CsrfField ctx={ctx} />
        <ErrorSummary ctx={ctx} form={form} labels={localizedLabels(ctx, 'name', ctx.t('requests.settings.field.name'))} />
        <p class="field-hint" safe>{ctx.t('requests.settings.default_language', { language: localeNames[ctx.commune!.default_locale] })}</p>
        <LocalizedInputs ctx={ctx} form={form} name="name" label={ctx.t('requests.settings.field.name')} />
        <SaveButton ctx={ctx} />
      </form>
      <DeleteForm ctx={ctx} action={`${base}/${state.id}`} hint={ctx.t('requests.settings.states.delete_hint')} />
    </SettingsPage>
  );
}
