import { formatDate, formatNumber } from '../../../platform/i18n/format.js';
import { locales, pickLocalized } from '../../../platform/i18n/locales.js';
import { Localized } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import { type CatalogueDataset, type CatalogueResource, modifiedAt } from '../catalogue.js';
import { cellValue, columnsOf, type DatasetRow } from '../downloads.js';
import { licenceById } from '../licences.js';
import { datasetQuality, type DatasetQuality } from '../quality.js';
import { frequencyLabelKeys, qualityCheckKeys, themeLabelKeys } from '../vocabulary-labels.js';
import { communeName } from './portal-views.js';

/** A preview cell stays short: the page must stay light on a phone, the download has the full text. */
const previewCellLength = 140;
export const previewRowCount = 20;

export interface DatasetPageProps {
  dataset: CatalogueDataset;
  /** The live rows of a module dataset (staff datasets preview each resource on its own page). */
  rows: DatasetRow[] | null;
  now: Date;
}

function previewText(value: unknown): string {
  const text = String(cellValue(value) ?? '');
  return text.length > previewCellLength ? `${text.slice(0, previewCellLength)}…` : text;
}

function Preview({ ctx, rows }: { ctx: ViewContext; rows: DatasetRow[] }) {
  const preview = rows.slice(0, previewRowCount);
  const columns = columnsOf(preview);
  return (
    <section aria-labelledby="preview-title">
      <h2 id="preview-title" safe>{ctx.t('open-data.portal.preview', { count: formatNumber(preview.length, ctx.locale) })}</h2>
      {preview.length === 0 ? <p class="muted" safe>{ctx.t('open-data.portal.no_rows')}</p> : (
        // The table scrolls sideways on a phone; the region is focusable so a keyboard can scroll it too.
        <div class="table-wrap" role="region" aria-labelledby="preview-title" tabindex="0">
          <table class="data" id="preview">
            <thead><tr>{columns.map((column) => <th scope="col" safe>{column}</th>)}</tr></thead>
            <tbody>
              {preview.map((row) => <tr>{columns.map((column) => <td dir="auto" safe>{previewText(row[column])}</td>)}</tr>)}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Publisher({ ctx, dataset }: { ctx: ViewContext; dataset: CatalogueDataset }) {
  const { contact } = dataset.commune;
  const email = dataset.contact?.email ?? contact.email;
  return (
    <>
      <dt safe>{ctx.t('open-data.portal.publisher')}</dt>
      <dd>
        <a href={`/${dataset.commune.slug}/`} safe>{communeName(ctx, dataset.commune)}</a>
        {dataset.contact?.name ? <><br /><span safe>{dataset.contact.name}</span></> : ''}
        {email ? <><br /><a href={`mailto:${email}`} dir="ltr" safe>{email}</a></> : ''}
        {contact.phone ? <><br /><a href={`tel:${contact.phone}`} dir="ltr" safe>{contact.phone}</a></> : ''}
      </dd>
    </>
  );
}

const kilobyte = 1024;
function sizeText(ctx: ViewContext, bytes: number): string {
  if (bytes < kilobyte * kilobyte) return ctx.t('open-data.portal.size_kb', { size: formatNumber(Math.max(1, Math.round(bytes / kilobyte)), ctx.locale) });
  return ctx.t('open-data.portal.size_mb', { size: formatNumber(Math.round((bytes / kilobyte / kilobyte) * 10) / 10, ctx.locale) });
}

function Stars({ ctx, count }: { ctx: ViewContext; count: number }) {
  const label = ctx.t('open-data.quality.stars', { count: String(count) });
  return <span class="stars" role="img" aria-label={label} title={label} safe>{'★'.repeat(count) + '☆'.repeat(5 - count)}</span>;
}

/** Module datasets: the CSV (also for Excel) and JSON files generated from live data. */
function moduleLinks(ctx: ViewContext, resource: CatalogueResource) {
  if (resource.format !== 'CSV') return [{ href: resource.path, label: ctx.t('open-data.portal.download_json') }];
  return [{ href: resource.path, label: ctx.t('open-data.portal.download_csv') }, { href: `${resource.path}?bom=1`, label: ctx.t('open-data.portal.download_csv_excel') }];
}

function ResourceItem({ ctx, dataset, resource, quality }: { ctx: ViewContext; dataset: CatalogueDataset; resource: CatalogueResource; quality: DatasetQuality }) {
  const links = dataset.source.kind === 'module' ? moduleLinks(ctx, resource) : [{ href: resource.path, label: ctx.t(resource.external ? 'open-data.portal.open_link' : 'open-data.portal.download') }];
  return (
    <li class="card resource">
      <h3 dir="auto" safe>{resource.name}</h3>
      <Localized ctx={ctx} text={resource.description} as="p" />
      <p class="muted">
        <span safe>{resource.format}</span>
        {resource.byteSize !== null ? <span safe>{` · ${sizeText(ctx, resource.byteSize)}`}</span> : ''}
        {' · '}<Stars ctx={ctx} count={quality.stars.get(resource.id) ?? 0} />
      </p>
      <ul class="inline-links">
        {links.map((link) => <li><a href={link.href} rel={resource.external ? 'noopener' : undefined} safe>{link.label}</a></li>)}
        {resource.previewPath ? <li><a href={resource.previewPath} safe>{ctx.t('open-data.portal.open_preview')}</a></li> : ''}
      </ul>
    </li>
  );
}

function Resources({ ctx, dataset, quality }: { ctx: ViewContext; dataset: CatalogueDataset; quality: DatasetQuality }) {
  return (
    <section aria-labelledby="downloads-title">
      <h2 id="downloads-title" safe>{ctx.t('open-data.portal.downloads')}</h2>
      {dataset.resources.length === 0 ? <p class="muted" safe>{ctx.t('open-data.portal.no_resources')}</p> : (
        <ul id="downloads" class="resource-list">
          {dataset.resources.map((resource) => <ResourceItem ctx={ctx} dataset={dataset} resource={resource} quality={quality} />)}
        </ul>
      )}
    </section>
  );
}

function Quality({ ctx, quality }: { ctx: ViewContext; quality: DatasetQuality }) {
  return (
    <section aria-labelledby="quality-title" id="quality">
      <h2 id="quality-title" safe>{ctx.t('open-data.quality.title')}</h2>
      <p safe>{ctx.t('open-data.quality.score', { score: String(quality.score), max: String(quality.checks.length) })}</p>
      <ul class="checklist">
        {quality.checks.map((check) => (
          <li data-check={check.id} data-passed={String(check.passed)}>
            <span aria-hidden="true">{check.passed ? '✔' : '✘'}</span>{' '}
            <span safe>{ctx.t(qualityCheckKeys[check.id]!)}</span>
            <span class="visually-hidden" safe>{` (${ctx.t(check.passed ? 'open-data.quality.passed' : 'open-data.quality.failed')})`}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

// Machine-readable descriptions served by the API, DCAT and Data Package surfaces of this module.
function MachineReadable({ ctx, dataset }: { ctx: ViewContext; dataset: CatalogueDataset }) {
  const base = `/${dataset.commune.slug}`;
  return (
    <section aria-labelledby="metadata-title">
      <h2 id="metadata-title" safe>{ctx.t('open-data.portal.metadata')}</h2>
      <ul id="metadata-links">
        <li><a href={`${base}/api/3/action/package_show?id=${dataset.name}`} safe>{ctx.t('open-data.portal.metadata_ckan')}</a></li>
        <li><a href={`${base}/dataset/${dataset.name}.jsonld`} safe>{ctx.t('open-data.portal.metadata_dcat')}</a></li>
        <li><a href={`${base}/dataset/${dataset.name}/datapackage.json`} safe>{ctx.t('open-data.portal.metadata_datapackage')}</a></li>
      </ul>
    </section>
  );
}

function coverageText(ctx: ViewContext, temporal: NonNullable<CatalogueDataset['temporal']>): string {
  const date = (value: string | null) => (value ? formatDate(value, ctx.locale) : '…');
  return `${date(temporal.start)} – ${date(temporal.end)}`;
}

/** Themes, frequency, coverage, version and dates: what a reuser checks before relying on the data. */
function Facts({ ctx, dataset, now, rowCount }: { ctx: ViewContext; dataset: CatalogueDataset; now: Date; rowCount: number | null }) {
  const licence = licenceById(dataset.licenceId);
  const fact = (labelKey: string, value: string, id?: string) => <><dt safe>{ctx.t(labelKey)}</dt><dd id={id} safe>{value}</dd></>;
  return (
    <dl class="facts" id="dataset-facts">
      <Publisher ctx={ctx} dataset={dataset} />
      <dt safe>{ctx.t('open-data.portal.licence')}</dt>
      <dd>{licence ? <a href={licence.url} rel="license" safe>{licence.title}</a> : <span safe>{dataset.licenceId}</span>}</dd>
      {fact('open-data.portal.themes', dataset.themes.map((theme) => (themeLabelKeys[theme] ? ctx.t(themeLabelKeys[theme]) : theme)).join(', '))}
      {fact('open-data.portal.frequency', frequencyLabelKeys[dataset.frequency] ? ctx.t(frequencyLabelKeys[dataset.frequency]!) : dataset.frequency)}
      {dataset.temporal ? fact('open-data.portal.temporal', coverageText(ctx, dataset.temporal)) : ''}
      {dataset.spatial ? fact('open-data.portal.spatial', dataset.spatial) : ''}
      {dataset.version ? fact('open-data.portal.version', dataset.version) : ''}
      {fact('open-data.portal.modified', formatDate(modifiedAt(dataset, now), ctx.locale))}
      {rowCount !== null ? fact('open-data.portal.row_count', formatNumber(rowCount, ctx.locale), 'row-count') : ''}
    </dl>
  );
}

export function DatasetPage({ ctx, props }: { ctx: ViewContext; props: DatasetPageProps }) {
  const { dataset, rows, now } = props;
  const quality = datasetQuality(dataset, now);
  const title = pickLocalized(dataset.title, ctx.locale, [dataset.commune.default_locale, ...locales])?.value ?? dataset.name;
  return (
    <Layout ctx={ctx} title={title}>
      <p><a href={`/${dataset.commune.slug}/data`} safe>{ctx.t('open-data.portal.back')}</a></p>
      <h1><Localized ctx={ctx} text={dataset.title} /></h1>
      <Localized ctx={ctx} text={dataset.description} as="p" />
      <Facts ctx={ctx} dataset={dataset} now={now} rowCount={rows ? rows.length : null} />
      <Resources ctx={ctx} dataset={dataset} quality={quality} />
      {rows ? <Preview ctx={ctx} rows={rows} /> : ''}
      <Quality ctx={ctx} quality={quality} />
      <MachineReadable ctx={ctx} dataset={dataset} />
    </Layout>
  );
}
