import { LocalizedInputs, Select } from '../../../platform/administration/form-parts.js';
import type { FormState } from '../../../platform/http/forms.js';
import { localeNames } from '../../../platform/i18n/locales.js';
import { CsrfField, ErrorSummary, Field, Localized } from '../../../platform/views/components.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import { positionField } from '../commands/settings-commands.js';
import { complaintStages, type State } from '../db/tables.js';
import { DeleteForm, localizedLabels, open311Keys, Refusal, SaveButton, type SettingsNotice, SettingsPage, settingsBase, stageKeys } from './settings-views.js';

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
