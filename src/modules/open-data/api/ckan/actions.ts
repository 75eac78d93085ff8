import type { Commune } from '../../../../platform/db/platform-tables.js';
import type { PlatformServices } from '../../../../platform/http/context.js';
import { type CatalogueDataset, communeDatasets, datasetRows, datasetsOfCommunes } from '../../catalogue.js';
import { licences } from '../../licences.js';
import { ckanDatastoreSearch } from '../../datastore/ckan-search.js';
import { findPublicDatastoreResource } from '../../datastore/resources.js';
import { datastoreSearch, resourceNotFound } from './datastore.js';
import { invalid, notFound } from './envelope.js';
import { emulatedCkanVersion, matchesDataset, matchesResource, organizationDict, packageDict, type Publication, textIn } from './package.js';
import { booleanParam, naturalParam, type Params, stringListParam, stringParam } from './params.js';
import { maxRows, packageSearch } from './search.js';

/** What one call sees: the organizations (one commune, or all of them on the install-wide endpoint) and their datasets. */
export interface ActionScope {
  services: PlatformServices;
  publication: Publication;
  /** The commune of a per-commune endpoint; null on the install-wide one. */
  commune: Commune | null;
  /** The action API's absolute base, e.g. `https://…/<commune>/api/3/action`. */
  actionBase: string;
  /** Same, as a path, for the relative `_links` of datastore_search. */
  actionPath: string;
}

type Action = (scope: ActionScope, params: Params) => Promise<unknown>;

const datasetsOf = (scope: ActionScope): Promise<CatalogueDataset[]> => datasetsOfCommunes(scope.services, [...scope.publication.communes.values()]);

const packagesOf = async (scope: ActionScope) => (await datasetsOf(scope)).map((dataset) => packageDict(scope.publication, dataset));

const required = (params: Params, name: string) => {
  const value = stringParam(params, name);
  if (!value) throw invalid(name, 'Missing value');
  return value;
};

async function findDataset(scope: ActionScope, id: string): Promise<CatalogueDataset> {
  const dataset = (await datasetsOf(scope)).find((candidate) => matchesDataset(candidate, id));
  if (!dataset) throw notFound();
  return dataset;
}

async function findResource(scope: ActionScope, id: string) {
  for (const dataset of await datasetsOf(scope)) {
    const resource = dataset.resources.find((candidate) => matchesResource(dataset, candidate, id));
    if (resource) return { dataset, resource };
  }
  return null;
}

function findOrganization(scope: ActionScope, id: string): Commune {
  const commune = [...scope.publication.communes.values()].find((candidate) => candidate.slug === id || candidate.id === id);
  if (!commune) throw notFound('Organization was not found.');
  return commune;
}

async function organizationWithCounts(scope: ActionScope, commune: Commune) {
  const count = (await communeDatasets(scope.services, commune)).length;
  return { ...organizationDict(scope.publication, commune), package_count: count, num_followers: 0, users: [], extras: [], groups: [], tags: [] };
}

type OrganizationWithCounts = Awaited<ReturnType<typeof organizationWithCounts>>;

const organizationSorts: Record<string, (o: OrganizationWithCounts) => string | number> = {
  name: (o) => o.name,
  title: (o) => o.title.toLowerCase(),
  package_count: (o) => o.package_count,
};

function sortOrganizations(list: OrganizationWithCounts[], sort: string) {
  const [field = 'title', direction = 'asc'] = sort.trim().split(/\s+/);
  const key = organizationSorts[field];
  if (!key || (direction !== 'asc' && direction !== 'desc')) throw invalid('sort', `Cannot sort by field \`${field}\``);
  const sign = direction === 'asc' ? 1 : -1;
  return [...list].sort((a, b) => sign * (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function statusOf(scope: ActionScope) {
  const { commune, publication } = scope;
  return {
    site_title: commune ? textIn(commune, commune.name) : 'Palabre',
    site_description: '',
    site_url: commune ? `${publication.baseUrl}/${commune.slug}` : publication.baseUrl,
    error_emails_to: null,
    locale_default: commune?.default_locale ?? 'fr',
    extensions: [] as string[],
    ckan_version: emulatedCkanVersion,
  };
}

/** The read actions of CKAN's Action API v3 this platform answers (GET and POST alike, as `side_effect_free`). */
export const actions: Record<string, Action> = {
  status_show: async (scope) => statusOf(scope),

  license_list: async () =>
    licences.map((licence) => ({
      id: licence.id,
      title: licence.title,
      url: licence.url,
      od_conformance: licence.odConformance,
      osd_conformance: 'not reviewed',
      status: 'active',
      maintainer: '',
      family: '',
      is_generic: false,
      domain_content: true,
      domain_data: true,
      domain_software: false,
    })),

  package_list: async (scope, params) => {
    const names = (await datasetsOf(scope)).map((dataset) => dataset.name).sort();
    const offset = naturalParam(params, 'offset', 0);
    const limit = naturalParam(params, 'limit', names.length);
    return names.slice(offset, offset + limit);
  },

  package_search: async (scope, params) => packageSearch(await packagesOf(scope), params),

  package_show: async (scope, params) => packageDict(scope.publication, await findDataset(scope, required(params, 'id'))),

  resource_show: async (scope, params) => {
    const id = required(params, 'id');
    const found = await findResource(scope, id);
    if (!found) throw notFound('Resource was not found.');
    const position = found.dataset.resources.indexOf(found.resource);
    return packageDict(scope.publication, found.dataset).resources[position];
  },

  organization_list: async (scope, params) => {
    const wanted = stringListParam(params, 'organizations');
    const all = [...scope.publication.communes.values()].filter((commune) => !wanted || wanted.includes(commune.slug));
    const allFields = booleanParam(params, 'all_fields');
    const sorted = sortOrganizations(await Promise.all(all.map((commune) => organizationWithCounts(scope, commune))), stringParam(params, 'sort') ?? 'title asc');
    const offset = naturalParam(params, 'offset', 0);
    const limit = naturalParam(params, 'limit', allFields ? 25 : 1000);
    const page = sorted.slice(offset, offset + limit);
    return allFields ? page.map(({ users: _users, extras: _extras, groups: _groups, tags: _tags, ...organization }) => organization) : page.map((o) => o.name);
  },

  organization_show: async (scope, params) => {
    const commune = findOrganization(scope, required(params, 'id'));
    const organization = await organizationWithCounts(scope, commune);
    if (!booleanParam(params, 'include_datasets')) return organization;
    const packages = (await communeDatasets(scope.services, commune)).slice(0, maxRows).map((dataset) => packageDict(scope.publication, dataset));
    return { ...organization, packages };
  },

  datastore_search: async (scope, params) => {
    const id = required(params, 'resource_id');
    const imported = await findPublicDatastoreResource(scope.services.db, [...scope.publication.communes.values()].map((c) => c.id), id);
    if (imported) return ckanDatastoreSearch(scope.services.db, imported, params, `${scope.actionPath}/datastore_search`);
    const found = await findResource(scope, id);
    if (!found || found.dataset.source.kind !== 'module' || found.resource.format !== 'CSV') throw resourceNotFound(id);
    const rows = await datasetRows(scope.services, found.dataset);
    return datastoreSearch(rows, id, params, `${scope.actionPath}/datastore_search`);
  },
};
