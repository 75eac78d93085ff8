import { formatNumber } from '../../../platform/i18n/format.js';
import { locales, pickLocalized } from '../../../platform/i18n/locales.js';
import { HorizontalBarChart } from '../../../platform/views/charts.js';
import { Notice } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import type { CkanField, DatastoreRecord } from './query.js';
import type { PublicDatastoreResource } from './resources.js';

export const previewPageSize = 50;
const maxBars = 20;

/** The public preview of an imported resource; the dataset page links here. */
export const resourcePreviewPath = (communeSlug: string, resourceId: string) => `/${communeSlug}/data/resources/${resourceId}`;
export const resourceDumpPath = (communeSlug: string, resourceId: string) => `/${communeSlug}/datastore/dump/${resourceId}`;

/** What the visitor asked for, as the query string carries it. */
export interface PreviewQuery {
  q: string;
  sort: string;
  filterField: string;
  filterValue: string;
  page: number;
}

export interface PreviewProps {
  communeSlug: string;
  resource: PublicDatastoreResource;
  query: PreviewQuery;
  fields: CkanField[];
  records: DatastoreRecord[];
  total: number;
  invalid: boolean;
}

/** This page with some parameters changed; empty ones are left out so links stay short. */
export function previewHref(base: string, query: PreviewQuery, change: Partial<PreviewQuery>): string {
  const next = { ...query, ...change };
  const params = new URLSearchParams();
  if (next.q) params.set('q', next.q);
  if (next.filterField && next.filterValue) {
    params.set('filter_field', next.filterField);
    params.set('filter_value', next.filterValue);
  }
  if (next.sort) params.set('sort', next.sort);
  if (next.page > 1) params.set('page', String(next.page));
  const text = params.toString();
  return text ? `${base}?${text}` : base;
}

const isNumeric = (field: CkanField) => field.type === 'int' || field.type === 'numeric';
const cellText = (value: DatastoreRecord[string]) => (value === null ? '' : String(value));

/** Clicking a header sorts by it ascending, clicking again descending. */
function SortLink({ ctx, base, query, field }: { ctx: ViewContext; base: string; query: PreviewQuery; field: CkanField }) {
  const ascending = query.sort === field.id;
  const descending = query.sort === `${field.id} desc`;
  const href = previewHref(base, query, { sort: ascending ? `${field.id} desc` : field.id, page: 1 });
  const label = ascending ? ctx.t('open-data.datastore.sorted_ascending') : descending ? ctx.t('open-data.datastore.sorted_descending') : ctx.t('open-data.datastore.sort_by');
  return (
    <th scope="col" aria-sort={ascending ? 'ascending' : descending ? 'descending' : undefined}>
      <a href={href} class="sort-link" title={label}>
        <span safe>{field.id}</span>
        {ascending ? ' ▲' : descending ? ' ▼' : ''}
      </a>
    </th>
  );
}

/** A bar chart of the first numeric column against the first text column (or `_id`), for this page's rows. */
function Chart({ ctx, fields, records }: { ctx: ViewContext; fields: CkanField[]; records: DatastoreRecord[] }) {
  const value = fields.find((field) => isNumeric(field) && field.id !== '_id');
  if (!value || records.length === 0) return '';
  const label = fields.find((field) => field.type === 'text') ?? fields.find((field) => field.id === '_id');
  const bars = records.slice(0, maxBars).map((record) => {
    const number = Number(record[value.id] ?? 0);
    return { label: label ? cellText(record[label.id] ?? null) : '', value: number, display: formatNumber(number, ctx.locale) };
  });
  const title = ctx.t('open-data.datastore.chart_title', { value: value.id, label: label?.id ?? '' });
  return (
    <figure class="datastore-chart" id="datastore-chart">
      <HorizontalBarChart title={title} bars={bars} dir={ctx.dir} />
      <figcaption safe>{title}</figcaption>
    </figure>
  );
}

function FilterForm({ ctx, base, query, fields }: { ctx: ViewContext; base: string; query: PreviewQuery; fields: CkanField[] }) {
  return (
    <form method="get" action={base} class="datastore-filters" role="search">
      <label for="q" safe>{ctx.t('open-data.datastore.search')}</label>
      <input type="search" id="q" name="q" value={query.q} />
      <label for="filter_field" safe>{ctx.t('open-data.datastore.filter_field')}</label>
      <select id="filter_field" name="filter_field">
        <option value="" safe>{ctx.t('open-data.datastore.no_filter')}</option>
        {fields.map((field) => <option value={field.id} selected={field.id === query.filterField} safe>{field.id}</option>)}
      </select>
      <label for="filter_value" safe>{ctx.t('open-data.datastore.filter_value')}</label>
      <input type="text" id="filter_value" name="filter_value" value={query.filterValue} />
      {query.sort ? <input type="hidden" name="sort" value={query.sort} /> : ''}
      <button type="submit" safe>{ctx.t('open-data.datastore.apply')}</button>
    </form>
  );
}

function Pager({ ctx, base, query, total }: { ctx: ViewContext; base: string; query: PreviewQuery; total: number }) {
  const pages = Math.max(1, Math.ceil(total / previewPageSize));
  return (
    <nav class="pager" aria-label={ctx.t('open-data.datastore.pages')}>
      {query.page > 1 ? <a rel="prev" href={previewHref(base, query, { page: query.page - 1 })} safe>{ctx.t('open-data.datastore.previous')}</a> : ''}
      <span safe>{ctx.t('open-data.datastore.page_of', { page: formatNumber(query.page, ctx.locale), pages: formatNumber(pages, ctx.locale) })}</span>
      {query.page < pages ? <a rel="next" href={previewHref(base, query, { page: query.page + 1 })} safe>{ctx.t('open-data.datastore.next')}</a> : ''}
    </nav>
  );
}

function Downloads({ ctx, communeSlug, resourceId }: { ctx: ViewContext; communeSlug: string; resourceId: string }) {
  const dump = resourceDumpPath(communeSlug, resourceId);
  return (
    <ul class="datastore-downloads" id="datastore-downloads">
      <li><a href={dump} safe>{ctx.t('open-data.datastore.download_csv')}</a></li>
      <li><a href={`${dump}?bom=true`} safe>{ctx.t('open-data.datastore.download_csv_excel')}</a></li>
      <li><a href={`${dump}?format=json`} safe>{ctx.t('open-data.datastore.download_json')}</a></li>
    </ul>
  );
}

export function PreviewPage({ ctx, props }: { ctx: ViewContext; props: PreviewProps }) {
  const { resource, query, fields, records, total, communeSlug } = props;
  const base = resourcePreviewPath(communeSlug, resource.id);
  const datasetTitle = pickLocalized(resource.datasetTitle, ctx.locale, [...locales])?.value ?? resource.datasetName;
  return (
    <Layout ctx={ctx} title={`${resource.name} — ${datasetTitle}`}>
      <p><a href={`/${communeSlug}/data/${resource.datasetName}`} id="dataset-link" safe>{datasetTitle}</a></p>
      <h1 safe>{resource.name}</h1>
      <Downloads ctx={ctx} communeSlug={communeSlug} resourceId={resource.id} />
      <FilterForm ctx={ctx} base={base} query={query} fields={fields} />
      {props.invalid ? <Notice kind="error"><span safe>{ctx.t('open-data.datastore.invalid_query')}</span></Notice> : ''}
      <p id="row-count" safe>{ctx.t('open-data.datastore.row_count', { count: formatNumber(total, ctx.locale) })}</p>
      <Chart ctx={ctx} fields={fields} records={records} />
      <div class="table-wrap" tabindex="0" role="region" aria-labelledby="datastore-caption">
        <table class="data" id="datastore-table">
          <caption id="datastore-caption" safe>{resource.name}</caption>
          <thead><tr>{fields.map((field) => <SortLink ctx={ctx} base={base} query={query} field={field} />)}</tr></thead>
          <tbody>
            {records.map((record) => (
              <tr>{fields.map((field) => <td class={isNumeric(field) ? 'number' : undefined} safe>{cellText(record[field.id] ?? null)}</td>)}</tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager ctx={ctx} base={base} query={query} total={total} />
    </Layout>
  );
}
