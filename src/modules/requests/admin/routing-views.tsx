import type { FormState } from '../../../platform/http/forms.js';
import { CsrfField, Localized } from '../../../platform/views/components.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import { resolveCell, routeField } from '../commands/settings-commands.js';
import type { Category, Service } from '../db/tables.js';
import { SaveButton, SettingsPage, settingsBase, textOf } from './settings-views.js';

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
