import type { Commune } from '../../../../platform/db/platform-tables.js';
import { type LocalizedText, pickLocalized } from '../../../../platform/i18n/locales.js';
import { type CatalogueDataset, type CatalogueResource, modifiedAt, resourceUrl } from '../../catalogue.js';
import { licenceById } from '../../licences.js';
import { datasetQuality, type DatasetQuality } from '../../quality.js';
import { dataThemeUri, frequencyUri } from '../dcat/vocabulary.js';
import { ckanDatasetId, ckanResourceId, ckanTimestamp, tagUuid } from './ids.js';

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
  // Built once per commune and response: a search over 10,000 datasets would otherwise build it 10,000 times.
  const known = organizations.get(publication) ?? new Map<string, ReturnType<typeof buildOrganizationDict>>();
  organizations.set(publication, known);
  const dict = known.get(commune.id) ?? buildOrganizationDict(publication, commune);
  known.set(commune.id, dict);
  return dict;
}

const organizations = new WeakMap<Publication, Map<string, ReturnType<typeof buildOrganizationDict>>>();

function buildOrganizationDict(publication: Publication, commune: Commune) {
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

function resourceDict(publication: Publication, dataset: CatalogueDataset, resource: CatalogueResource, position: number, quality: DatasetQuality, created: string) {
  const modified = ckanTimestamp(modifiedAt(resource, publication.now));
  return {
    id: ckanResourceId(dataset, resource),
    package_id: ckanDatasetId(dataset),
    name: resource.name,
    description: textIn(dataset.commune, resource.description) || textIn(dataset.commune, dataset.description),
    format: resource.format,
    mimetype: resource.mediaType,
    mimetype_inner: null,
    url: resourceUrl(publication.baseUrl, resource),
    created,
    last_modified: modified,
    metadata_modified: modified,
    size: resource.byteSize,
    // CKAN leaves the algorithm to the publisher; ckanext-dcat maps `hash` to spdx:checksum.
    hash: resource.sha256 ? `sha256:${resource.sha256}` : null,
    cache_url: null,
    cache_last_updated: null,
    datastore_active: resource.datastoreActive,
    position,
    state: 'active',
    resource_type: null,
    url_type: resource.external ? null : 'upload',
    // ckanext-qa's name for the 5-star openness score.
    openness_score: quality.stars.get(resource.id) ?? 0,
  };
}

export type ResourceDict = ReturnType<typeof resourceDict>;

const tagDict = (name: string) => ({ id: tagUuid(name), name, display_name: name, state: 'active', vocabulary_id: null });

/** Every language of a text, for clients that read ckanext-fluent's `*_translated` fields. */
const translatedExtra = (key: string, text: LocalizedText) => ({ key, value: JSON.stringify(text) });

/** ckanext-dcat's extras for the DCAT fields CKAN's default schema has no column for. */
function dcatExtras(dataset: CatalogueDataset) {
  const extras = [
    { key: 'theme', value: JSON.stringify(dataset.themes.map(dataThemeUri)) },
    { key: 'frequency', value: frequencyUri(dataset.frequency) },
  ];
  if (dataset.temporal?.start) extras.push({ key: 'temporal_start', value: dataset.temporal.start });
  if (dataset.temporal?.end) extras.push({ key: 'temporal_end', value: dataset.temporal.end });
  if (dataset.spatial) extras.push({ key: 'spatial_text', value: dataset.spatial });
  return extras;
}

const sourceOf = (dataset: CatalogueDataset) => (dataset.source.kind === 'module' ? `${dataset.source.moduleId}/${dataset.source.exportId}` : 'staff');

/**
 * Staff datasets are cached objects (see staff-catalogue.ts) that only change by being replaced, so their dict
 * is kept for a minute (the freshness check of the quality list is not finer than that).
 */
const staffDicts = new WeakMap<CatalogueDataset, { key: string; dict: ReturnType<typeof buildPackageDict> }>();

/** A dataset as CKAN's `package_show` prints it (default schema), with its quality checklist. */
export function packageDict(publication: Publication, dataset: CatalogueDataset) {
  if (dataset.source.kind !== 'staff') return buildPackageDict(publication, dataset);
  const key = `${publication.baseUrl}|${Math.floor(publication.now.getTime() / 60_000)}`;
  const hit = staffDicts.get(dataset);
  if (hit?.key === key) return hit.dict;
  const dict = buildPackageDict(publication, dataset);
  staffDicts.set(dataset, { key, dict });
  return dict;
}

function buildPackageDict(publication: Publication, dataset: CatalogueDataset) {
  const commune = communeOf(publication, dataset.commune.slug);
  const licence = licenceById(dataset.licenceId);
  const quality = datasetQuality(dataset, publication.now);
  const created = ckanTimestamp(dataset.created ?? new Date(commune.created_at));
  return {
    id: ckanDatasetId(dataset),
    name: dataset.name,
    title: textIn(commune, dataset.title) || dataset.name,
    notes: textIn(commune, dataset.description) || null,
    url: `${publication.baseUrl}/${commune.slug}/data/${dataset.name}`,
    version: dataset.version,
    license_id: dataset.licenceId,
    license_title: licence?.title ?? null,
    license_url: licence?.url ?? null,
    isopen: licence?.odConformance === 'approved',
    author: textIn(commune, commune.name),
    author_email: commune.contact.email ?? null,
    maintainer: dataset.contact?.name ?? textIn(commune, commune.name),
    maintainer_email: dataset.contact?.email ?? commune.contact.email ?? null,
    organization: organizationDict(publication, commune),
    owner_org: commune.id,
    private: false,
    state: 'active',
    type: 'dataset',
    creator_user_id: null,
    metadata_created: created,
    metadata_modified: ckanTimestamp(modifiedAt(dataset, publication.now)),
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
      ...dcatExtras(dataset),
      { key: 'palabre_source', value: sourceOf(dataset) },
    ],
    resources: dataset.resources.map((resource, position) => resourceDict(publication, dataset, resource, position, quality, created)),
    quality: { score: quality.score, max_score: quality.checks.length, checks: quality.checks },
  };
}

export type PackageDict = ReturnType<typeof buildPackageDict>;

/** A dataset found by its name or by the UUID derived from it (CKAN's `id` parameters take either). */
export const matchesDataset = (dataset: CatalogueDataset, id: string) => dataset.name === id || ckanDatasetId(dataset) === id;

/** A resource found by its UUID or by the catalogue's own id (`<dataset>.csv`). */
export const matchesResource = (dataset: CatalogueDataset, resource: CatalogueResource, id: string) => resource.id === id || ckanResourceId(dataset, resource) === id;
