import type { FormState } from '../../../platform/http/forms.js';
import { formatDateTime, formatNumber } from '../../../platform/i18n/format.js';
import { CsrfField, ErrorSummary, Field, SelectField } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import { type BudgetImportRow, type BudgetPhase, budgetPhases, type BudgetRowError } from '../db/tables.js';
import { budgetFields, type Mapping } from './fields.js';
import { fieldLabelKeys, phaseLabelKeys, problemKeys, stateKeys } from './labels.js';
import type { LoadedPhase } from './queries.js';
import type { SourceLine } from './validate.js';

/** Refused rows shown on the page; the CSV report has them all. */
const shownErrors = 100;

export const budgetsAdminBase = (ctx: ViewContext) => `/${ctx.commune!.slug}/admin/finances/budgets`;
const when = (ctx: ViewContext, date: Date) => formatDateTime(date, ctx.locale, ctx.commune!.time_zone);

function PhasesTable({ ctx, phases }: { ctx: ViewContext; phases: LoadedPhase[] }) {
  const years = [...new Set(phases.map((p) => p.year))];
  if (years.length === 0) return <p class="muted" safe>{ctx.t('finances.budgets.none')}</p>;
  const count = (year: number, phase: BudgetPhase) => phases.find((p) => p.year === year && p.phase === phase)?.lines;
  return (
    <div class="table-wrap">
      <table id="budget-phases">
        <caption safe>{ctx.t('finances.budgets.loaded_caption')}</caption>
        <thead><tr><th scope="col" safe>{ctx.t('finances.budgets.year')}</th>{budgetPhases.map((phase) => <th scope="col" safe>{ctx.t(phaseLabelKeys[phase])}</th>)}</tr></thead>
        <tbody>
          {years.map((year) => (
            <tr>
              <th scope="row"><a href={`${budgetsAdminBase(ctx)}/${year}/links`} safe>{String(year)}</a></th>
              {budgetPhases.map((phase) => <td safe>{count(year, phase) === undefined ? '—' : ctx.t('finances.budgets.lines', { count: formatNumber(count(year, phase)!, ctx.locale) })}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function UploadForm({ ctx, form }: { ctx: ViewContext; form: FormState }) {
  const labels = { year: ctx.t('finances.budgets.year'), phase: ctx.t('finances.budgets.phase'), file: ctx.t('finances.budgets.file') };
  const values = { year: String(new Date().getFullYear()), ...form.values };
  return (
    <>
      <ErrorSummary ctx={ctx} form={form} labels={labels} />
      <form method="post" action={`${budgetsAdminBase(ctx)}/imports?_csrf=${encodeURIComponent(ctx.csrfToken)}`} enctype="multipart/form-data" id="budget-upload" class="card">
        <Field ctx={ctx} form={{ values, errors: form.errors }} name="year" label={labels.year} type="number" inputmode="numeric" required />
        <SelectField ctx={ctx} form={form} name="phase" label={labels.phase} options={budgetPhases.map((p) => [p, ctx.t(phaseLabelKeys[p])])} />
        <div class="field">
          <label for="file" safe>{labels.file}</label>
          <p class="field-hint" safe>{ctx.t('finances.budgets.file_hint')}</p>
          {form.errors.file ? <p class="field-error" safe>{ctx.t(form.errors.file)}</p> : ''}
          <input type="file" id="file" name="file" required accept=".csv,.xlsx" />
        </div>
        <button type="submit" safe>{ctx.t('finances.budgets.upload')}</button>
      </form>
    </>
  );
}

export function BudgetsAdminPage({ ctx, props }: { ctx: ViewContext; props: { phases: LoadedPhase[]; imports: BudgetImportRow[]; form: FormState } }) {
  const base = budgetsAdminBase(ctx);
  return (
    <Layout ctx={ctx} area="admin" title={ctx.t('finances.budgets.title')}>
      <h1 safe>{ctx.t('finances.budgets.title')}</h1>
      <p safe>{ctx.t('finances.budgets.intro')}</p>
      <PhasesTable ctx={ctx} phases={props.phases} />
      <h2 safe>{ctx.t('finances.budgets.import_title')}</h2>
      <p>
        <a href={`${base}/template.csv`} download="" safe>{ctx.t('finances.budgets.template')}</a>
        {' · '}
        <a href={`${base}/example.csv`} download="" safe>{ctx.t('finances.budgets.example')}</a>
        {' · '}
        <a href={`${base}/cofog`} safe>{ctx.t('finances.budgets.cofog_title')}</a>
      </p>
      <UploadForm ctx={ctx} form={props.form} />
      {props.imports.length > 0 ? (
        <>
          <h2 safe>{ctx.t('finances.budgets.recent')}</h2>
          <ul id="budget-imports">
            {props.imports.map((row) => (
              <li>
                <a href={`${base}/imports/${row.id}`} safe>{`${row.year} · ${ctx.t(phaseLabelKeys[row.phase])} · ${row.filename}`}</a>
                <span safe>{` — ${ctx.t(stateKeys[row.state]!)} · ${when(ctx, row.created_at)}`}</span>
              </li>
            ))}
          </ul>
        </>
      ) : ''}
    </Layout>
  );
}

export function RefusedRows({ ctx, errors, total }: { ctx: ViewContext; errors: BudgetRowError[]; total: number }) {
  if (total === 0) return <></>;
  return (
    <div class="table-wrap">
      <table id="refused-rows">
        <caption safe>{ctx.t('finances.budgets.refused_caption', { count: formatNumber(total, ctx.locale) })}</caption>
        <thead><tr><th scope="col" safe>{ctx.t('finances.budgets.line')}</th><th scope="col" safe>{ctx.t('finances.budgets.column')}</th><th scope="col" safe>{ctx.t('finances.budgets.problem')}</th></tr></thead>
        <tbody>
          {errors.slice(0, shownErrors).map((error) => (
            <tr><td safe>{String(error.line)}</td><td dir="auto" safe>{error.column ?? '—'}</td><td safe>{ctx.t(problemKeys[error.message] ?? 'finances.budgets.file_unreadable')}</td></tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Preview({ ctx, header, rows }: { ctx: ViewContext; header: string[]; rows: SourceLine[] }) {
  return (
    <div class="table-wrap">
      <table id="file-preview">
        <caption safe>{ctx.t('finances.budgets.preview_caption')}</caption>
        <thead><tr><th scope="col" safe>{ctx.t('finances.budgets.line')}</th>{header.map((h) => <th scope="col" dir="auto" safe>{h}</th>)}</tr></thead>
        <tbody>{rows.map((row) => <tr><td safe>{String(row.line)}</td>{row.cells.map((cell) => <td dir="auto" safe>{cell}</td>)}</tr>)}</tbody>
      </table>
    </div>
  );
}

export interface MappingPageProps {
  row: BudgetImportRow;
  header: string[];
  preview: SourceLine[];
  mapping: Mapping;
  ready: number;
  errors: BudgetRowError[];
  form: FormState;
}

/** The columns staff map, what the file would give under that mapping, and the button that applies it. */
function MappingForm({ ctx, props }: { ctx: ViewContext; props: MappingPageProps }) {
  const action = `${budgetsAdminBase(ctx)}/imports/${props.row.id}`;
  const values = { ...Object.fromEntries(Object.entries(props.mapping).map(([k, v]) => [`map_${k}`, v ?? ''])), ...props.form.values };
  const form = { values, errors: props.form.errors };
  const labels = Object.fromEntries(budgetFields.map((f) => [`map_${f.id}`, ctx.t(fieldLabelKeys[f.id])]));
  return (
    <>
      <ErrorSummary ctx={ctx} form={form} labels={{ ...labels, confirm: ctx.t('finances.budgets.apply_anyway') }} />
      <form method="post" action={action} id="budget-mapping" class="card">
        <CsrfField ctx={ctx} />
        <fieldset>
          <legend safe>{ctx.t('finances.budgets.mapping_title')}</legend>
          {budgetFields.map((field) => (
            <SelectField ctx={ctx} form={form} name={`map_${field.id}`} label={`${ctx.t(fieldLabelKeys[field.id])}${field.required ? ' *' : ''}`} options={props.header.map((h) => [h, h])} empty={ctx.t('finances.budgets.no_column')} />
          ))}
        </fieldset>
        <button type="submit" name="action" value="check" class="secondary" safe>{ctx.t('finances.budgets.check')}</button>
        <p id="dry-run" safe>{ctx.t('finances.budgets.dry_run', { ready: formatNumber(props.ready, ctx.locale), refused: formatNumber(props.errors.length, ctx.locale) })}</p>
        {props.errors.length > 0 ? (
          <label class="checkbox"><input type="checkbox" name="confirm" value="1" id="confirm" /> <span safe>{ctx.t('finances.budgets.apply_anyway')}</span></label>
        ) : ''}
        <button type="submit" name="action" value="apply" safe>{ctx.t('finances.budgets.apply')}</button>
      </form>
    </>
  );
}

export function ImportPage({ ctx, props }: { ctx: ViewContext; props: MappingPageProps }) {
  const { row } = props;
  const base = budgetsAdminBase(ctx);
  const title = `${ctx.t('finances.budgets.import_of', { year: String(row.year), phase: ctx.t(phaseLabelKeys[row.phase]) })}`;
  const done = row.state === 'applied' || row.state === 'unchanged';
  return (
    <Layout ctx={ctx} area="admin" title={title}>
      <p><a href={base} safe>{ctx.t('finances.budgets.back')}</a></p>
      <h1 safe>{title}</h1>
      <p dir="auto" safe>{row.filename}</p>
      <p id="import-state" safe>{ctx.t(stateKeys[row.state]!)}</p>
      {done ? (
        <>
          <p id="import-result" safe>{ctx.t('finances.budgets.result', { loaded: formatNumber(row.lines_loaded, ctx.locale), refused: formatNumber(row.lines_rejected, ctx.locale) })}</p>
          <RefusedRows ctx={ctx} errors={row.errors} total={row.lines_rejected} />
          {row.lines_rejected > 0 ? <p><a href={`${base}/imports/${row.id}/errors.csv`} safe>{ctx.t('finances.budgets.errors_csv')}</a></p> : ''}
        </>
      ) : (
        <>
          <MappingForm ctx={ctx} props={props} />
          <RefusedRows ctx={ctx} errors={props.errors} total={props.errors.length} />
        </>
      )}
      <Preview ctx={ctx} header={props.header} rows={props.preview} />
    </Layout>
  );
}
