import type { Children } from '@kitajs/html';
import type { FormState } from '../../../../platform/http/forms.js';
import { formatNumber } from '../../../../platform/i18n/format.js';
import { CsrfField, ErrorSummary, Field } from '../../../../platform/views/components.js';
import type { ViewContext } from '../../../../platform/views/view-context.js';
import type { StaffDatasetRow, StaffResourceRow } from '../../db/tables.js';
import { linkFormats } from '../file-format.js';
import { resourcePreviewPath } from '../../datastore/preview-views.js';
import { resourceDownloadPath } from '../../staff-catalogue.js';
import { tabularFormats } from '../file-format.js';
import { adminDataBase } from './form-views.js';

/** Which form a refused submission came from: a new file, a new link, or a resource's replacement. */
export type ResourceFormState = FormState & { target?: string };

/** Bytes in the reader's language and the largest sensible unit. */
export function byteSize(ctx: ViewContext, bytes: number): string {
  const [value, unit] = bytes >= 1_000_000 ? [bytes / 1_000_000, 'megabyte'] : bytes >= 1000 ? [bytes / 1000, 'kilobyte'] : [bytes, 'byte'];
  return new Intl.NumberFormat(ctx.locale, { style: 'unit', unit, maximumFractionDigits: 1 }).format(value);
}

/** A form whose file goes up with a progress bar when JavaScript runs; the CSRF token rides in the URL (multipart). */
function UploadForm({ ctx, action, id, children }: { ctx: ViewContext; action: string; id: string; children?: Children }) {
  return (
    <form method="post" action={`${action}?_csrf=${encodeURIComponent(ctx.csrfToken)}`} enctype="multipart/form-data" data-upload-progress id={id} class="card">
      {children}
      <progress hidden max="1" value="0" aria-label={ctx.t('open-data.publishing.upload_progress')}></progress>
      <button type="submit" safe>{ctx.t('open-data.publishing.upload')}</button>
    </form>
  );
}

function FileInput({ ctx, form, maxUploadMegabytes }: { ctx: ViewContext; form: FormState; maxUploadMegabytes: number }) {
  const error = form.errors.file;
  return (
    <div class="field">
      <label for="file" safe>{ctx.t('open-data.publishing.resource_file')}</label>
      <p class="field-hint" safe>{ctx.t('open-data.publishing.resource_file_hint', { max: maxUploadMegabytes })}</p>
      {error ? <p class="field-error" safe>{ctx.t(error, { max: maxUploadMegabytes })}</p> : ''}
      <input type="file" id="file" name="file" required accept=".csv,.xlsx,.json,.geojson,.pdf" aria-invalid={error ? 'true' : undefined} />
    </div>
  );
}

/** A CSV or XLSX file is also a table: its import (progress, rejected rows, columns) and its public preview. */
function TableLinks({ ctx, resource }: { ctx: ViewContext; resource: StaffResourceRow }) {
  const slug = ctx.commune!.slug;
  return (
    <p class="table-links">
      <a href={`/${slug}/admin/data/resources/${resource.id}/import`} safe>{ctx.t('open-data.publishing.table_import')}</a>
      {resource.datastore_active ? (
        <>
          {' · '}
          <a href={resourcePreviewPath(slug, resource.id)} safe>{ctx.t('open-data.publishing.table_preview', { rows: formatNumber(Number(resource.datastore_rows ?? 0), ctx.locale) })}</a>
        </>
      ) : ''}
    </p>
  );
}

function ResourceRow({ ctx, dataset, resource }: { ctx: ViewContext; dataset: StaffDatasetRow; resource: StaffResourceRow }) {
  const base = `${adminDataBase(ctx)}/${dataset.id}/resources/${resource.id}`;
  const href = resource.kind === 'link' ? resource.url! : resourceDownloadPath(ctx.commune!.slug, dataset.name, resource);
  return (
    <li class="resource">
      <strong safe>{resource.name}</strong>
      {' '}<span class="badge" safe>{resource.format}</span>
      {resource.byte_size !== null ? <span safe>{` ${byteSize(ctx, Number(resource.byte_size))}`}</span> : ''}
      <br />
      <a href={href} rel={resource.kind === 'link' ? 'nofollow noopener' : undefined} safe>{resource.kind === 'link' ? resource.url! : resource.filename!}</a>
      {resource.kind === 'file' && tabularFormats.includes(resource.format) ? <TableLinks ctx={ctx} resource={resource} /> : ''}
      {resource.kind === 'file' ? (
        <details>
          <summary safe>{ctx.t('open-data.publishing.replace_file')}</summary>
          <UploadForm ctx={ctx} action={`${base}/replace`} id={`replace-${resource.id}`}>
            <input type="file" name="file" required accept=".csv,.xlsx,.json,.geojson,.pdf" aria-label={ctx.t('open-data.publishing.resource_file')} />
          </UploadForm>
        </details>
      ) : ''}
      <form method="post" action={`${base}/delete`} class="inline">
        <CsrfField ctx={ctx} />
        <button type="submit" class="secondary" safe>{ctx.t('open-data.publishing.delete_resource')}</button>
      </form>
    </li>
  );
}

export function ResourceList({ ctx, dataset, resources }: { ctx: ViewContext; dataset: StaffDatasetRow; resources: StaffResourceRow[] }) {
  if (resources.length === 0) return <p class="muted" safe>{ctx.t('open-data.publishing.no_resources')}</p>;
  return <ul id="resources">{resources.map((resource) => <ResourceRow ctx={ctx} dataset={dataset} resource={resource} />)}</ul>;
}

const labelsOf = (ctx: ViewContext) => ({
  name: ctx.t('open-data.publishing.resource_name'),
  description: ctx.t('open-data.publishing.resource_description'),
  file: ctx.t('open-data.publishing.resource_file'),
  url: ctx.t('open-data.publishing.resource_url'),
  format: ctx.t('open-data.publishing.resource_format'),
});

export function ResourceForms({ ctx, dataset, form, maxUploadMegabytes }: { ctx: ViewContext; dataset: StaffDatasetRow; form: ResourceFormState; maxUploadMegabytes: number }) {
  const base = `${adminDataBase(ctx)}/${dataset.id}/resources`;
  const empty: FormState = { values: {}, errors: {} };
  const fileForm = form.target === 'file' ? form : empty;
  const linkForm = form.target === 'link' ? form : empty;
  const labels = labelsOf(ctx);
  return (
    <>
      {form.target && form.target !== 'file' && form.target !== 'link' ? <ErrorSummary ctx={ctx} form={form} labels={labels} /> : ''}
      <h3 safe>{ctx.t('open-data.publishing.add_file')}</h3>
      <ErrorSummary ctx={ctx} form={fileForm} labels={labels} />
      <UploadForm ctx={ctx} action={`${base}/file`} id="add-file">
        <Field ctx={ctx} form={fileForm} name="name" label={labels.name} required />
        <Field ctx={ctx} form={fileForm} name="description" label={labels.description} multiline />
        <FileInput ctx={ctx} form={fileForm} maxUploadMegabytes={maxUploadMegabytes} />
      </UploadForm>
      <h3 safe>{ctx.t('open-data.publishing.add_link')}</h3>
      <ErrorSummary ctx={ctx} form={linkForm} labels={labels} />
      <form method="post" action={`${base}/link`} id="add-link" class="card">
        <CsrfField ctx={ctx} />
        <Field ctx={ctx} form={linkForm} name="link_name" label={labels.name} required />
        <Field ctx={ctx} form={linkForm} name="link_description" label={labels.description} multiline />
        <Field ctx={ctx} form={linkForm} name="url" label={labels.url} type="url" required />
        <div class="field">
          <label for="format" safe>{labels.format}</label>
          <select id="format" name="format">
            {Object.keys(linkFormats).map((format) => <option value={format} selected={linkForm.values.format === format} safe>{format}</option>)}
          </select>
        </div>
        <button type="submit" safe>{ctx.t('open-data.publishing.add_link')}</button>
      </form>
    </>
  );
}
