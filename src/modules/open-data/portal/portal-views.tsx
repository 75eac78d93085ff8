import { formatNumber } from '../../../platform/i18n/format.js';
import { locales, pickLocalized } from '../../../platform/i18n/locales.js';
import { Localized } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import type { CatalogueDataset } from '../catalogue.js';
import { licenceById } from '../licences.js';
import { themeLabelKeys } from '../vocabulary-labels.js';
import { type FacetName, type PortalQuery, portalHref, portalPageSize, type SearchResult } from './search.js';


const facetTitleKeys: Record<FacetName, string> = {
  theme: 'open-data.portal.facet_theme',
  format: 'open-data.portal.facet_format',
  licence: 'open-data.portal.facet_licence',
  publisher: 'open-data.portal.facet_publisher',
};

export const communeName = (ctx: ViewContext, commune: CatalogueDataset['commune']) => pickLocalized(commune.name, ctx.locale, [commune.default_locale, ...locales])?.value ?? commune.slug;

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
  if (facet === 'theme') return themeLabelKeys[value] ? ctx.t(themeLabelKeys[value]) : value;
  if (facet === 'licence') return licenceById(value)?.title ?? value;
  if (facet === 'publisher') {
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
        <dd safe>{[...new Set(dataset.resources.map((r) => r.format))].join(', ')}</dd>
        <dt safe>{ctx.t('open-data.portal.licence')}</dt>
        <dd safe>{licence?.title ?? dataset.licenceId}</dd>
      </dl>
    </li>
  );
}

/** Previous and next pages, the query and facets kept. */
function Pages({ ctx, props }: { ctx: ViewContext; props: PortalListProps }) {
  const { page } = props.query;
  const last = Math.max(1, Math.ceil(props.result.total / portalPageSize));
  if (last === 1) return <></>;
  return (
    <nav class="pagination" aria-label={ctx.t('open-data.portal.pages')}>
      {page > 1 ? <a href={portalHref(props.basePath, props.query, null, page - 1)} rel="prev" safe>{ctx.t('open-data.portal.previous')}</a> : ''}
      <span safe>{ctx.t('open-data.portal.page_of', { page: formatNumber(page, ctx.locale), last: formatNumber(last, ctx.locale) })}</span>
      {page < last ? <a href={portalHref(props.basePath, props.query, null, page + 1)} rel="next" safe>{ctx.t('open-data.portal.next')}</a> : ''}
    </nav>
  );
}

/** The list of datasets with search and facets: one view for a commune's portal and the network's. */
export function PortalListPage({ ctx, props }: { ctx: ViewContext; props: PortalListProps }) {
  const title = ctx.t('open-data.portal.title');
  const shown: FacetName[] = props.network ? ['publisher', 'theme', 'format', 'licence'] : ['theme', 'format', 'licence', 'publisher'];
  const count = props.result.total;
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
        <Pages ctx={ctx} props={props} />
      </section>
    </Layout>
  );
}
