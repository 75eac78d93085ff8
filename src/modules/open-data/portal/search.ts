import type { Locale } from '../../../platform/i18n/locales.js';
import type { CatalogueDataset } from '../catalogue.js';

export const facetNames = ['theme', 'format', 'licence', 'publisher'] as const;
export type FacetName = (typeof facetNames)[number];

/** What the reader asked for: free text and at most one chosen value per facet (all optional). */
export interface PortalQuery {
  q: string;
  facets: Partial<Record<FacetName, string>>;
  /** From 1; 20 datasets a page (a network can publish thousands). */
  page: number;
}

export const portalPageSize = 20;

export interface FacetCount {
  value: string;
  count: number;
  selected: boolean;
}

export interface SearchResult {
  /** This page's datasets. */
  datasets: CatalogueDataset[];
  total: number;
  facets: Record<FacetName, FacetCount[]>;
}

const maxQueryLength = 200;

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim().slice(0, maxQueryLength) : '';
}

/** The query string of a portal page; anything unexpected is ignored rather than an error (links get hand-edited). */
export function readPortalQuery(query: Record<string, unknown>): PortalQuery {
  const facets: PortalQuery['facets'] = {};
  for (const name of facetNames) if (text(query[name])) facets[name] = text(query[name]);
  const page = Number.parseInt(text(query.page), 10);
  return { q: text(query.q), facets, page: Number.isSafeInteger(page) && page > 1 ? page : 1 };
}

/** The values a dataset has for a facet (a dataset has several themes and formats). */
export function facetValues(dataset: CatalogueDataset, facet: FacetName): string[] {
  switch (facet) {
    case 'theme':
      return dataset.themes;
    case 'format':
      return dataset.resources.map((r) => r.format);
    case 'licence':
      return [dataset.licenceId];
    case 'publisher':
      return [dataset.commune.slug];
  }
}

// Case and accents ignored: "ecole" finds "École", as people type on a phone.
const fold = (value: string) => value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** Every word of `q` appears in the title or description, in the reader's language or in French. */
function matchesText(dataset: CatalogueDataset, q: string, locale: Locale): boolean {
  const words = fold(q).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = fold([dataset.title[locale], dataset.title.fr, dataset.description[locale], dataset.description.fr].filter(Boolean).join(' '));
  return words.every((word) => haystack.includes(word));
}

function countFacet(datasets: CatalogueDataset[], facet: FacetName, selected: string | undefined): FacetCount[] {
  const counts = new Map<string, number>();
  for (const dataset of datasets) for (const value of new Set(facetValues(dataset, facet))) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].map(([value, count]) => ({ value, count, selected: value === selected })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

/** The datasets matching the query, with the facet counts over those results (as CKAN counts them). */
export function searchDatasets(datasets: CatalogueDataset[], query: PortalQuery, locale: Locale): SearchResult {
  const results = datasets.filter(
    (dataset) => matchesText(dataset, query.q, locale) && facetNames.every((facet) => !query.facets[facet] || facetValues(dataset, facet).includes(query.facets[facet]!)),
  );
  const facets = Object.fromEntries(facetNames.map((facet) => [facet, countFacet(results, facet, query.facets[facet])])) as Record<FacetName, FacetCount[]>;
  const start = (query.page - 1) * portalPageSize;
  return { datasets: results.slice(start, start + portalPageSize), total: results.length, facets };
}

/** A link to the same list with one facet set (or removed when `value` is null), the rest of the query kept. */
export function portalHref(basePath: string, query: PortalQuery, change: { facet: FacetName; value: string | null } | null = null, page = 1): string {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  for (const facet of facetNames) {
    const value = change?.facet === facet ? change.value : query.facets[facet];
    if (value) params.set(facet, value);
  }
  if (page > 1) params.set('page', String(page));
  const search = params.toString();
  return search ? `${basePath}?${search}` : basePath;
}
