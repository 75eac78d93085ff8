import { CkanError } from './envelope.js';
import type { PackageDict } from './package.js';
import { naturalParam, type Params, stringListParam, stringParam } from './params.js';

/** CKAN's defaults: 10 rows, at most 1000 (`ckan.search.rows_max`), 50 facet items with at least 1 dataset. */
export const defaultRows = 10;
export const maxRows = 1000;
const defaultSort = 'score desc, metadata_modified desc';

const queryError = (message: string) => new CkanError('Search Query Error', `Search Query is invalid: ${message}`);

/** The values a dataset has for a Solr field we index; a field absent here is not searchable. */
const fieldValues: Record<string, (p: PackageDict) => string[]> = {
  id: (p) => [p.id],
  name: (p) => [p.name],
  title: (p) => [p.title],
  organization: (p) => [p.organization.name],
  owner_org: (p) => [p.owner_org],
  res_format: (p) => p.resources.map((r) => r.format),
  license_id: (p) => [p.license_id],
  tags: (p) => p.tags.map((t) => t.name),
  groups: () => [],
  type: (p) => [p.type],
  dataset_type: (p) => [p.type],
  state: (p) => [p.state],
  private: (p) => [String(p.private)],
  metadata_modified: (p) => [p.metadata_modified],
  metadata_created: (p) => [p.metadata_created],
};

interface Clause {
  negated: boolean;
  field: string;
  test: (value: string) => boolean;
}

/** Solr range `[from TO to]` on a date field (ckanext-harvest asks `metadata_modified:[<last run> TO *]`). */
function rangeTest(range: string): (value: string) => boolean {
  const match = /^\[(\S+) TO (\S+)\]$/.exec(range);
  if (!match) throw queryError(range);
  const bound = (text: string) => (text === '*' ? null : Date.parse(text.endsWith('Z') || text.includes('+') ? text : `${text}Z`));
  const [from, to] = [bound(match[1]!), bound(match[2]!)];
  if (Number.isNaN(from) || Number.isNaN(to)) throw queryError(range);
  return (value) => {
    const time = Date.parse(`${value}Z`);
    return (from === null || time >= from) && (to === null || time <= to);
  };
}

const clausePattern = /([+-]?)([\w.]+):(\[[^\]]*\]|"[^"]*"|\S+)/g;

/** `organization:x res_format:CSV -tags:"y" +license_id:cc-by`: every clause must hold (Solr's fq semantics). */
function parseClauses(expression: string): Clause[] {
  const clauses: Clause[] = [];
  const leftover = expression.replace(clausePattern, (_whole, sign: string, field: string, raw: string) => {
    if (!(field in fieldValues)) throw queryError(`unknown field ${field}`);
    const value = raw.startsWith('"') ? raw.slice(1, -1) : raw;
    const test = value.startsWith('[') ? rangeTest(value) : (candidate: string) => value === '*' || candidate.toLowerCase() === value.toLowerCase();
    clauses.push({ negated: sign === '-', field, test });
    return ' ';
  });
  if (leftover.replace(/\b(AND|OR)\b/g, '').trim()) throw queryError(expression);
  return clauses;
}

const holds = (dataset: PackageDict, clause: Clause) => fieldValues[clause.field]!(dataset).some(clause.test) !== clause.negated;

/** The words a free-text query looks in: names, titles and descriptions in every language, tags, organization. */
function haystack(dataset: PackageDict): string {
  const extras = dataset.extras.map((extra) => extra.value).join(' ');
  return [dataset.name, dataset.title, dataset.notes ?? '', extras, dataset.organization.name, dataset.organization.title, ...dataset.tags.map((t) => t.name)]
    .join(' ')
    .toLowerCase();
}

/** Free text: every word must appear (field:value words act as filters), `*:*` or nothing matches everything. */
function textFilter(q: string | undefined): (dataset: PackageDict) => boolean {
  if (!q || q.trim() === '*:*') return () => true;
  const fielded: string[] = [];
  const free = q.replace(clausePattern, (whole) => {
    fielded.push(whole);
    return ' ';
  });
  const clauses = parseClauses(fielded.join(' '));
  const words = free.toLowerCase().split(/\s+/).filter((word) => word && word !== 'and');
  return (dataset) => clauses.every((clause) => holds(dataset, clause)) && words.every((word) => haystack(dataset).includes(word));
}

type Comparator = (a: PackageDict, b: PackageDict) => number;

const sortKeys: Record<string, (p: PackageDict) => string> = {
  metadata_modified: (p) => p.metadata_modified,
  metadata_created: (p) => p.metadata_created,
  title_string: (p) => p.title.toLowerCase(),
  name: (p) => p.name,
  id: (p) => p.id,
};

/** `title_string asc, name desc`; `score` is constant here (no relevance ranking), so it keeps the order. */
function comparatorOf(sort: string): Comparator {
  const parts = sort.split(',').map((part) => part.trim()).filter(Boolean);
  const comparators = parts.flatMap((part): Comparator[] => {
    const [field = '', direction = 'asc'] = part.split(/\s+/);
    if (direction !== 'asc' && direction !== 'desc') throw queryError(`sort direction ${direction}`);
    if (field === 'score') return [];
    const key = sortKeys[field];
    if (!key) throw queryError(`cannot sort on ${field}`);
    const sign = direction === 'asc' ? 1 : -1;
    return [(a, b) => sign * key(a).localeCompare(key(b))];
  });
  return (a, b) => comparators.reduce((result, compare) => result || compare(a, b), 0) || a.name.localeCompare(b.name);
}

interface FacetItem {
  name: string;
  display_name: string;
  count: number;
}

/** A readable label per facet value, as CKAN shows organization titles and licence titles. */
const displayNames: Record<string, (p: PackageDict) => Map<string, string>> = {
  organization: (p) => new Map([[p.organization.name, p.organization.title]]),
  license_id: (p) => new Map([[p.license_id, p.license_title ?? p.license_id]]),
};

function facetItems(datasets: PackageDict[], field: string, limit: number, mincount: number): FacetItem[] {
  const values = fieldValues[field];
  if (!values) return [];
  const counts = new Map<string, FacetItem>();
  for (const dataset of datasets) {
    const labels = displayNames[field]?.(dataset);
    for (const value of new Set(values(dataset))) {
      const item = counts.get(value) ?? { name: value, display_name: labels?.get(value) ?? value, count: 0 };
      item.count += 1;
      counts.set(value, item);
    }
  }
  const items = [...counts.values()].filter((item) => item.count >= mincount).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  return limit < 0 ? items : items.slice(0, limit);
}

/** CKAN's two facet shapes: the deprecated `facets` ({field: {value: count}}) and `search_facets`. */
function facetsOf(datasets: PackageDict[], params: Params) {
  const fields = stringListParam(params, 'facet.field') ?? [];
  const enabled = stringParam(params, 'facet') !== 'false';
  const limitText = stringParam(params, 'facet.limit');
  const limit = limitText === '-1' ? -1 : naturalParam(params, 'facet.limit', 50);
  const mincount = naturalParam(params, 'facet.mincount', 1);
  const facets: Record<string, Record<string, number>> = {};
  const searchFacets: Record<string, { title: string; items: FacetItem[] }> = {};
  for (const field of enabled ? fields : []) {
    const items = facetItems(datasets, field, limit, mincount);
    facets[field] = Object.fromEntries(items.map((item) => [item.name, item.count]));
    searchFacets[field] = { title: field, items };
  }
  return { facets, search_facets: searchFacets };
}

/** `fq_list`: repeated in a query string, a JSON list in a POST body, or one plain clause. */
function filterList(params: Params): string[] {
  const value = params.fq_list;
  if (typeof value === 'string' && !value.trim().startsWith('[')) return [value];
  return stringListParam(params, 'fq_list') ?? [];
}

/** `package_search` over already built package dicts (the module catalogue is small and read live). */
export function packageSearch(all: PackageDict[], params: Params) {
  const rows = naturalParam(params, 'rows', defaultRows, maxRows);
  const start = naturalParam(params, 'start', 0);
  const sort = stringParam(params, 'sort') ?? defaultSort;
  const filterQueries = [stringParam(params, 'fq') ?? '', ...filterList(params)];
  const clauses = filterQueries.flatMap(parseClauses);
  const matchesText = textFilter(stringParam(params, 'q'));
  const found = all.filter((dataset) => matchesText(dataset) && clauses.every((clause) => holds(dataset, clause))).sort(comparatorOf(sort));
  return { count: found.length, sort, results: found.slice(start, start + rows), ...facetsOf(found, params) };
}
