import type { Kysely } from 'kysely';
import type { Params } from '../api/ckan/params.js';
import { readDatastoreQuery, searchDatastore } from './query.js';
import type { PublicDatastoreResource } from './resources.js';

/** CKAN's `_links`: the first and next page on this endpoint; `after_id` (our keyset extension) when the call used it. */
function linksOf(actionPath: string, resourceId: string, params: Params, limit: number, next: Record<string, string>) {
  const kept = Object.fromEntries(Object.entries(params).filter(([key, value]) => !['offset', 'after_id', 'limit', 'resource_id'].includes(key) && typeof value === 'string')) as Record<string, string>;
  const page = (at: Record<string, string>) => `${actionPath}?${new URLSearchParams({ ...kept, ...at, limit: String(limit), resource_id: resourceId })}`;
  return { start: page({}), next: page(next) };
}

/**
 * `datastore_search` on an imported table, in the envelope CKAN 2.10 returns (same keys and order as the module
 * datasets' in-memory search). `after_id=<n>` pages by keyset: `_links.next` then carries the last `_id` seen.
 */
export async function ckanDatastoreSearch(db: Kysely<any>, resource: PublicDatastoreResource, params: Params, actionPath: string) {
  const query = readDatastoreQuery(params);
  const result = await searchDatastore(db, resource, query);
  const filtersGiven = Object.keys(query.filters).length > 0;
  const keyset = query.afterId !== undefined;
  const next: Record<string, string> = keyset ? { after_id: String(result.lastId ?? query.afterId) } : { offset: String(query.offset + query.limit) };
  return {
    include_total: query.includeTotal,
    resource_id: resource.id,
    fields: result.fields,
    records_format: 'objects',
    records: result.records,
    ...(filtersGiven ? { filters: query.filters } : {}),
    ...(query.q ? { q: query.q } : {}),
    ...(query.sort ? { sort: query.sort } : {}),
    limit: query.limit,
    offset: keyset ? 0 : query.offset,
    ...(keyset ? { after_id: query.afterId } : {}),
    _links: linksOf(actionPath, resource.id, params, query.limit, next),
    ...(result.total !== undefined ? { total: result.total } : {}),
    total_was_estimated: result.totalWasEstimated,
    ...(query.totalEstimationThreshold !== undefined ? { total_estimation_threshold: query.totalEstimationThreshold } : {}),
  };
}
