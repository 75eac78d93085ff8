import { formatNumber } from '../../../platform/i18n/format.js';
import { CsrfField, ErrorSummary } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import type { FormState } from '../../../platform/http/forms.js';
import type { ImportRow, StaffResourceRow } from '../db/tables.js';
import { datastoreFieldTypes, type DatastoreSchema } from '../datastore/table-schema.js';
import { dateFormats } from './infer.js';

/** Rows of the error report shown on the page; the CSV has all of them. */
const shownErrors = 100;

export const importMessageKeys: Record<string, string> = {
  column_count: 'open-data.import.error_column_count',
  required: 'open-data.import.error_required',
  not_integer: 'open-data.import.error_not_integer',
  not_number: 'open-data.import.error_not_number',
  not_boolean: 'open-data.import.error_not_boolean',
  not_date: 'open-data.import.error_not_date',
  not_datetime: 'open-data.import.error_not_datetime',
  no_header: 'open-data.import.failure_no_header',
  schema_mismatch: 'open-data.import.failure_schema_mismatch',
  not_tabular: 'open-data.import.failure_not_tabular',
  interrupted: 'open-data.import.failure_interrupted',
  unreadable: 'open-data.import.failure_unreadable',
};

const stateKeys: Record<string, string> = {
  queued: 'open-data.import.state_queued',
  running: 'open-data.import.state_running',
  done: 'open-data.import.state_done',
  failed: 'open-data.import.state_failed',
};

const typeKeys: Record<string, string> = {
  string: 'open-data.import.type_string',
  integer: 'open-data.import.type_integer',
  number: 'open-data.import.type_number',
  boolean: 'open-data.import.type_boolean',
  date: 'open-data.import.type_date',
  datetime: 'open-data.import.type_datetime',
};

export interface ImportPageProps {
  resource: StaffResourceRow;
  latest: ImportRow | undefined;
  base: string;
  /** The dataset's back-office page. */
  datasetHref: string;
  /** Its indexes are still being built in the background (the table already answers, more slowly). */
  indexing: boolean;
}

function Progress({ ctx, latest }: { ctx: ViewContext; latest: ImportRow }) {
  const total = Math.max(latest.bytes_total, latest.bytes_read, 1);
  return (
    <>
      <p><progress id="import-progress" max={String(total)} value={String(latest.bytes_read)} aria-label={ctx.t('open-data.import.progress')} /></p>
      <p safe>{ctx.t('open-data.import.rows_so_far', { rows: formatNumber(latest.rows_loaded, ctx.locale) })}</p>
    </>
  );
}

function Report({ ctx, latest, base }: { ctx: ViewContext; latest: ImportRow; base: string }) {
  return (
    <>
      <p id="import-counts" safe>{ctx.t('open-data.import.counts', { loaded: formatNumber(latest.rows_loaded, ctx.locale), rejected: formatNumber(latest.rows_rejected, ctx.locale) })}</p>
      {latest.errors.length === 0 ? '' : (
        <section aria-labelledby="errors-title">
          <h2 id="errors-title" safe>{ctx.t('open-data.import.errors_title')}</h2>
          <div class="table-wrap" role="region" aria-labelledby="errors-title" tabindex="0">
            <table class="data" id="import-errors">
              <thead><tr><th scope="col" safe>{ctx.t('open-data.import.line')}</th><th scope="col" safe>{ctx.t('open-data.import.column')}</th><th scope="col" safe>{ctx.t('open-data.import.problem')}</th></tr></thead>
              <tbody>
                {latest.errors.slice(0, shownErrors).map((error) => (
                  <tr><td safe>{String(error.line)}</td><td dir="auto" safe>{error.column ?? ''}</td><td safe>{ctx.t(importMessageKeys[error.message] ?? 'open-data.import.failure_unreadable')}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
          <p><a href={`${base}/import/errors.csv`} safe>{ctx.t('open-data.import.errors_csv')}</a></p>
        </section>
      )}
    </>
  );
}

export function ImportPage({ ctx, props }: { ctx: ViewContext; props: ImportPageProps }) {
  const { latest, resource, base } = props;
  const busy = latest?.state === 'queued' || latest?.state === 'running';
  // Refreshes itself while the file loads: progress without JavaScript.
  const head = busy ? <meta http-equiv="refresh" content="2" /> : '';
  return (
    <Layout ctx={ctx} title={ctx.t('open-data.import.title')} area="admin" head={head}>
      <p><a href={props.datasetHref} safe>{ctx.t('open-data.import.back_to_dataset')}</a></p>
      <h1 safe>{ctx.t('open-data.import.title')}</h1>
      <p dir="auto" safe>{resource.name}</p>
      {!latest ? <p safe>{ctx.t('open-data.import.never')}</p> : <p id="import-state" safe>{ctx.t(stateKeys[latest.state]!)}</p>}
      {latest && busy ? <Progress ctx={ctx} latest={latest} /> : ''}
      {latest?.state === 'failed' ? <p class="error" safe>{ctx.t(importMessageKeys[latest.failure ?? ''] ?? 'open-data.import.failure_unreadable')}</p> : ''}
      {latest?.state === 'done' ? <Report ctx={ctx} latest={latest} base={base} /> : ''}
      {latest?.state === 'done' && props.indexing ? <p id="import-indexing" safe>{ctx.t('open-data.import.indexing')}</p> : ''}
      {busy ? '' : (
        <form method="post" action={`${base}/import`}>
          <CsrfField ctx={ctx} />
          <button type="submit" safe>{ctx.t(latest ? 'open-data.import.again' : 'open-data.import.start')}</button>
        </form>
      )}
      {resource.table_schema ? <p><a href={`${base}/schema`} safe>{ctx.t('open-data.import.correct_schema')}</a></p> : ''}
    </Layout>
  );
}

function FieldRow({ ctx, index, field, form }: { ctx: ViewContext; index: number; field: DatastoreSchema['fields'][number]; form: FormState }) {
  const value = (name: string, fallback: string) => form.values[`${name}_${index}`] ?? fallback;
  return (
    <fieldset>
      <legend dir="auto" safe>{field.name}</legend>
      <label for={`title_${index}`} safe>{ctx.t('open-data.import.field_title')}</label>
      <input id={`title_${index}`} name={`title_${index}`} value={value('title', field.title ?? field.name)} maxlength="200" />
      <label for={`type_${index}`} safe>{ctx.t('open-data.import.field_type')}</label>
      <select id={`type_${index}`} name={`type_${index}`}>
        {datastoreFieldTypes.map((type) => <option value={type} selected={value('type', field.type) === type} safe>{ctx.t(typeKeys[type]!)}</option>)}
      </select>
      <label for={`format_${index}`} safe>{ctx.t('open-data.import.field_date_format')}</label>
      <select id={`format_${index}`} name={`format_${index}`}>
        {dateFormats.map((format) => <option value={format} selected={value('format', field.format ?? '%d/%m/%Y') === format}>{format}</option>)}
      </select>
      <label for={`decimal_${index}`} safe>{ctx.t('open-data.import.field_decimal')}</label>
      <select id={`decimal_${index}`} name={`decimal_${index}`}>
        {[',', '.'].map((char) => <option value={char} selected={value('decimal', field.decimalChar ?? '.') === char} safe>{char}</option>)}
      </select>
      <label><input type="checkbox" name={`required_${index}`} value="1" checked={value('required', field.constraints?.required ? '1' : '') === '1'} /> <span safe>{ctx.t('open-data.import.field_required')}</span></label>
    </fieldset>
  );
}

export function SchemaPage({ ctx, props }: { ctx: ViewContext; props: { schema: DatastoreSchema; base: string; form: FormState } }) {
  return (
    <Layout ctx={ctx} title={ctx.t('open-data.import.schema_title')} area="admin">
      <h1 safe>{ctx.t('open-data.import.schema_title')}</h1>
      <p safe>{ctx.t('open-data.import.schema_intro')}</p>
      <ErrorSummary ctx={ctx} form={props.form} labels={{}} />
      <form method="post" action={`${props.base}/schema`} id="schema-form">
        <CsrfField ctx={ctx} />
        {props.schema.fields.map((field, index) => <FieldRow ctx={ctx} index={index} field={field} form={props.form} />)}
        <label for="missing" safe>{ctx.t('open-data.import.missing_values')}</label>
        <input id="missing" name="missing" value={props.form.values.missing ?? props.schema.missingValues.filter(Boolean).join(' ')} maxlength="200" />
        <button type="submit" safe>{ctx.t('open-data.import.save_and_reload')}</button>
      </form>
    </Layout>
  );
}
