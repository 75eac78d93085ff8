import type { Commune } from '../../../../platform/db/platform-tables.js';
import { type LocalizedText, pickLocalized } from '../../../../platform/i18n/locales.js';
import type { CatalogueDataset, CatalogueResource } from '../../catalogue.js';
import { licenceById } from '../../licences.js';
import { ckanTimestamp, datasetUuid, resourceUuid, tagUuid } from './ids.js';

/** What every CKAN dict of one response is built from: absolute URLs, the communes as organizations, one clock. */
export interface Publication {
  baseUrl: string;
  /** Every commune (organization) the endpoint can describe, by slug. */
  communes: Map<string, Commune>;
  /**
   * `metadata_modified` of module datasets: they are regenerated from live data on every read, so the time of the
   * request is the honest answer (one value per response, so sorting on it stays stable).
   */
  now: Date;
}

/** The version of CKAN whose read API this emulates (field names and envelopes of the 2.10 series). */
export const emulatedCkanVersion = '2.10.4';

/** A text in the commune's default language, falling back to any other one. */
export const textIn = (commune: Pick<Commune, 'default_locale'>, text: LocalizedText): string => pickLocalized(text, commune.default_locale)?.value ?? '';

function communeOf(publication: Publication, slug: string): Commune {
  const commune = publication.communes.get(slug);
  if (!commune) throw new Error(`commune ${slug} missing from the publication`);
  return commune;
}

/** A commune as a CKAN organization; the keys udata's harvester requires (revision_*) are kept for it. */
export function organizationDict(publication: Publication, commune: Commune) {
  const created = ckanTimestamp(new Date(commune.created_at));
  return {
    id: commune.id,
    name: commune.slug,
    title: textIn(commune, commune.name),
    display_name: textIn(commune, commune.name),
    description: '',
    image_url: commune.logo_file_id ? `${publication.baseUrl}/files/${commune.logo_file_id}` : '',
    created,
    is_organization: true,
    type: 'organization',
    state: 'active',
    approval_status: 'approved',
    revision_id: '',
    revision_timestamp: created,
  };
}

function resourceDict(publication: Publication, dataset: CatalogueDataset, resource: CatalogueResource, position: number, created: string) {
  return {
    id: resourceUuid(resource.id),
    package_id: datasetUuid(dataset.name),
    name: resource.name,
    description: textIn(dataset.commune, dataset.description),
    format: resource.format,
    mimetype: resource.mediaType,
    mimetype_inner: null,
    url: `${publication.baseUrl}${resource.path}`,
    created,
    last_modified: ckanTimestamp(publication.now),
    metadata_modified: ckanTimestamp(publication.now),
    size: null,
    hash: null,
    cache_url: null,
    cache_last_updated: null,
    // Module CSV exports are queryable through datastore_search (rows read live, see datastore.ts).
    datastore_active: resource.format === 'CSV',
    position,
    state: 'active',
    resource_type: null,
    url_type: null,
  };
}

export type ResourceDict = ReturnType<typeof resourceDict>;

const tagDict = (name: string) => ({ id: tagUuid(name), name, display_name: name, state: 'active', vocabulary_id: null });

/** Every language of a text, for clients that read ckanext-fluent's `*_translated` fields. */
const translatedExtra = (key: string, text: LocalizedText) => ({ key, value: JSON.stringify(text) });

/** A dataset as CKAN's `package_show` prints it (default schema). */
export function packageDict(publication: Publication, dataset: CatalogueDataset) {
  const commune = communeOf(publication, dataset.commune.slug);
  const licence = licenceById(dataset.licenceId);
  const created = ckanTimestamp(new Date(commune.created_at));
  const contactEmail = commune.contact.email ?? null;
  return {
    id: datasetUuid(dataset.name),
    name: dataset.name,
    title: textIn(commune, dataset.title) || dataset.name,
    notes: textIn(commune, dataset.description) || null,
    url: `${publication.baseUrl}/${commune.slug}/data/${dataset.name}`,
    version: null,
    license_id: dataset.licenceId,
    license_title: licence?.title ?? null,
    license_url: licence?.url ?? null,
    isopen: licence?.odConformance === 'approved',
    author: null,
    author_email: null,
    maintainer: textIn(commune, commune.name),
    maintainer_email: contactEmail,
    organization: organizationDict(publication, commune),
    owner_org: commune.id,
    private: false,
    state: 'active',
    type: 'dataset',
    creator_user_id: null,
    metadata_created: created,
    metadata_modified: ckanTimestamp(publication.now),
    num_resources: dataset.resources.length,
    num_tags: dataset.keywords.length,
    tags: dataset.keywords.map(tagDict),
    groups: [] as never[],
    relationships_as_object: [] as never[],
    relationships_as_subject: [] as never[],
    extras: [
      translatedExtra('title_translated', dataset.title),
      translatedExtra('notes_translated', dataset.description),
      { key: 'language', value: commune.default_locale },
      { key: 'palabre_source', value: `${dataset.source.moduleId}/${dataset.source.exportId}` },
    ],
    resources: dataset.resources.map((resource, position) => resourceDict(publication, dataset, resource, position, created)),
  };
}

export type PackageDict = ReturnType<typeof packageDict>;

/** A dataset found by its name or by the UUID derived from it (CKAN's `id` parameters take either). */
export const matchesDataset = (dataset: CatalogueDataset, id: string) => dataset.name === id || datasetUuid(dataset.name) === id;

/** A resource found by its UUID or by the catalogue's own id (`<dataset>.csv`). */
export const matchesResource = (resource: CatalogueResource, id: string) => resource.id === id || resourceUuid(resource.id) === id;
