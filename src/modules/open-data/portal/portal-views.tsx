import { formatNumber } from '../../../platform/i18n/format.js';
import { locales, pickLocalized } from '../../../platform/i18n/locales.js';
import { Localized } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import type { CatalogueDataset } from '../catalogue.js';
import { cellValue, columnsOf, type DatasetRow } from '../downloads.js';
import { licenceById } from '../licences.js';
import { type FacetName, type PortalQuery, portalHref, type SearchResult } from './search.js';

// Module = theme for now: the label of each module that publishes datasets.
const themeKeys: Record<string, string> = {
  commune: 'open-data.portal.theme_commune',
  participation: 'open-data.portal.theme_participation',
  budgeting: 'open-data.portal.theme_budgeting',
  requests: 'open-data.portal.theme_requests',
};

const facetTitleKeys: Record<FacetName, string> = {
  theme: 'open-data.portal.facet_theme',
  format: 'open-data.portal.facet_format',
  licence: 'open-data.portal.facet_licence',
  commune: 'open-data.portal.facet_commune',
};

/** A preview cell stays short: the page must stay light on a phone, the download has the full text. */
const previewCellLength = 140;
export const previewRowCount = 20;

const communeName = (ctx: ViewContext, commune: CatalogueDataset['commune']) => pickLocalized(commune.name, ctx.locale, [commune.default_locale, ...locales])?.value ?? commune.slug;

export const datasetPath = (dataset: CatalogueDataset) => `/${dataset.commune.slug}/data/${dataset.name}`;

export interface PortalListProps {
  basePath: string;
  query: PortalQuery;
  result: SearchResult;
  /** The network portal: a commune facet and the commune of each dataset. */
  network: boolean;
  /** The commune of each value of the commune facet, for its name. */
  communes: CatalogueDataset['commune'][];
}

function facetLabel(ctx: ViewContext, facet: FacetName, value: string, communes: CatalogueDataset['commune'][]): string {
  if (facet === 'theme') return themeKeys[value] ? ctx.t(themeKeys[value]) : value;
  if (facet === 'licence') return licenceById(value)?.title ?? value;
  if (facet === 'commune') {
    const commune = communes.find((c) => c.slug === value);
    return commune ? communeName(ctx, commune) : value;
  }
  return value;
}

function Facet({ ctx, facet, props }: { ctx: ViewContext; facet: FacetName; props: PortalListProps }) {
  const counts = props.result.facets[facet];
  return (
    <section class="facet" aria-labelledby={`facet-${facet}`}>
      <h3 id={`facet-${facet}`} safe>{ctx.t(facetTitleKeys[facet])}</h3>
      <ul class="filters" id={`facet-${facet}-values`}>
        {counts.map((c) => (
          <li>
            <a href={portalHref(props.basePath, props.query, { facet, value: c.selected ? null : c.value })} aria-current={c.selected ? 'true' : undefined} safe>
              {`${facetLabel(ctx, facet, c.value, props.communes)} (${formatNumber(c.count, ctx.locale)})`}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

function SearchForm({ ctx, props }: { ctx: ViewContext; props: PortalListProps }) {
  return (
    <form method="get" action={props.basePath} class="search-form filters" id="data-search" role="search">
      <label for="q" safe>{ctx.t('open-data.portal.search_label')}</label>
      <input type="search" id="q" name="q" value={props.query.q} maxlength="200" />
      {Object.entries(props.query.facets).map(([name, value]) => <input type="hidden" name={name} value={value} />)}
      <button type="submit" safe>{ctx.t('open-data.portal.search')}</button>
    </form>
  );
}

function DatasetSummary({ ctx, dataset, network }: { ctx: ViewContext; dataset: CatalogueDataset; network: boolean }) {
  const licence = licenceById(dataset.licenceId);
  return (
    <li class="card dataset-summary">
      <h3><a href={datasetPath(dataset)}><Localized ctx={ctx} text={dataset.title} /></a></h3>
      <Localized ctx={ctx} text={dataset.description} as="p" />
      <dl class="facts">
        {network ? <><dt safe>{ctx.t('open-data.portal.publisher')}</dt><dd safe>{communeName(ctx, dataset.commune)}</dd></> : ''}
        <dt safe>{ctx.t('open-data.portal.formats')}</dt>
        <dd safe>{dataset.resources.map((r) => r.format).join(', ')}</dd>
        <dt safe>{ctx.t('open-data.portal.licence')}</dt>
        <dd safe>{licence?.title ?? dataset.licenceId}</dd>
      </dl>
    </li>
  );
}

/** The list of datasets with search and facets: one view for a commune's portal and the network's. */
export function PortalListPage({ ctx, props }: { ctx: ViewContext; props: PortalListProps }) {
  const title = ctx.t('open-data.portal.title');
  const shown: FacetName[] = props.network ? ['commune', 'theme', 'format', 'licence'] : ['theme', 'format', 'licence'];
  const count = props.result.datasets.length;
  const intro = ctx.t(props.network ? 'open-data.portal.intro_network' : 'open-data.portal.intro');
  return (
    <Layout ctx={ctx} title={title} description={intro}>
      <h1 safe>{title}</h1>
      <p safe>{intro}</p>
      <SearchForm ctx={ctx} props={props} />
      <section aria-labelledby="facets-title" id="facets">
        <h2 id="facets-title" safe>{ctx.t('open-data.portal.refine')}</h2>
        {shown.map((facet) => <Facet ctx={ctx} facet={facet} props={props} />)}
        {props.query.q || Object.keys(props.query.facets).length > 0 ? <p><a href={props.basePath} safe>{ctx.t('open-data.portal.clear')}</a></p> : ''}
      </section>
      <section aria-labelledby="results-title">
        <h2 id="results-title" safe>{ctx.t('open-data.portal.results', { count: formatNumber(count, ctx.locale) })}</h2>
        {count === 0 ? <p class="muted" safe>{ctx.t('open-data.portal.no_results')}</p> : (
          <ul class="dataset-list" id="datasets">
            {props.result.datasets.map((dataset) => <DatasetSummary ctx={ctx} dataset={dataset} network={props.network} />)}
          </ul>
        )}
      </section>
    </Layout>
  );
}

export interface DatasetPageProps {
  dataset: CatalogueDataset;
  rows: DatasetRow[];
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
  return (
    <>
      <dt safe>{ctx.t('open-data.portal.publisher')}</dt>
      <dd>
        <a href={`/${dataset.commune.slug}/`} safe>{communeName(ctx, dataset.commune)}</a>
        {contact.email ? <><br /><a href={`mailto:${contact.email}`} dir="ltr" safe>{contact.email}</a></> : ''}
        {contact.phone ? <><br /><a href={`tel:${contact.phone}`} dir="ltr" safe>{contact.phone}</a></> : ''}
      </dd>
    </>
  );
}

function Downloads({ ctx, dataset }: { ctx: ViewContext; dataset: CatalogueDataset }) {
  const csv = dataset.resources.find((r) => r.format === 'CSV');
  const json = dataset.resources.find((r) => r.format === 'JSON');
  return (
    <section aria-labelledby="downloads-title">
      <h2 id="downloads-title" safe>{ctx.t('open-data.portal.downloads')}</h2>
      <ul id="downloads">
        {csv ? <li><a href={csv.path} safe>{ctx.t('open-data.portal.download_csv')}</a></li> : ''}
        {csv ? <li><a href={`${csv.path}?bom=1`} safe>{ctx.t('open-data.portal.download_csv_excel')}</a></li> : ''}
        {json ? <li><a href={json.path} safe>{ctx.t('open-data.portal.download_json')}</a></li> : ''}
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

export function DatasetPage({ ctx, props }: { ctx: ViewContext; props: DatasetPageProps }) {
  const { dataset, rows } = props;
  const licence = licenceById(dataset.licenceId);
  const title = pickLocalized(dataset.title, ctx.locale, [dataset.commune.default_locale, ...locales])?.value ?? dataset.name;
  return (
    <Layout ctx={ctx} title={title}>
      <p><a href={`/${dataset.commune.slug}/data`} safe>{ctx.t('open-data.portal.back')}</a></p>
      <h1><Localized ctx={ctx} text={dataset.title} /></h1>
      <Localized ctx={ctx} text={dataset.description} as="p" />
      <dl class="facts" id="dataset-facts">
        <Publisher ctx={ctx} dataset={dataset} />
        <dt safe>{ctx.t('open-data.portal.licence')}</dt>
        <dd>{licence ? <a href={licence.url} rel="license" safe>{licence.title}</a> : <span safe>{dataset.licenceId}</span>}</dd>
        <dt safe>{ctx.t('open-data.portal.row_count')}</dt>
        <dd id="row-count" safe>{formatNumber(rows.length, ctx.locale)}</dd>
      </dl>
      <Downloads ctx={ctx} dataset={dataset} />
      <Preview ctx={ctx} rows={rows} />
      <MachineReadable ctx={ctx} dataset={dataset} />
    </Layout>
  );
}
