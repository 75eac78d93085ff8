import type { Commune } from '../../platform/db/platform-tables.js';
import type { PlatformServices } from '../../platform/http/context.js';
import { type LocalizedText, locales } from '../../platform/i18n/locales.js';
import type { OpenDataExport } from '../../platform/module.js';
import type { DatastoreSchema } from './datastore/table-schema.js';
import { defaultLicenceId } from './licences.js';
import { staffDatasets } from './staff-catalogue.js';

/** One downloadable form of a dataset. */
export interface CatalogueResource {
  /** Stable: module resources `<dataset name>.<format>`, staff resources their row's UUID. */
  id: string;
  name: string;
  description: LocalizedText;
  /** Upper case, as CKAN shows it: CSV, JSON, XLSX, GEOJSON, PDF… */
  format: string;
  mediaType: string;
  /** Path on this site (prefix the public base URL), or the address of a link resource elsewhere. */
  path: string;
  external: boolean;
  byteSize: number | null;
  sha256: string | null;
  /** Queryable through datastore_search and the preview page. */
  datastoreActive: boolean;
  /** Staff resources loaded into the datastore have a preview page and a stored Table Schema. */
  previewPath: string | null;
  tableSchema: DatastoreSchema | null;
  modified: Date | null;
}

export type DatasetSource = { kind: 'module'; moduleId: string; exportId: string } | { kind: 'staff'; datasetId: string };

/** A dataset as every surface (portal pages, CKAN API, DCAT, Data Package) describes it. */
export interface CatalogueDataset {
  /** Stable, URL-safe, unique on the install (CKAN `name` rules: lowercase, digits, '-' and '_', 2–100 characters). */
  name: string;
  commune: Pick<Commune, 'id' | 'slug' | 'name' | 'country' | 'contact' | 'default_locale'>;
  title: LocalizedText;
  description: LocalizedText;
  /** A module's declared export (regenerated from live data) or a dataset staff published. */
  source: DatasetSource;
  /** EU data-theme codes (GOVE, ECON…). */
  themes: string[];
  licenceId: string;
  keywords: string[];
  /** null: regenerated on every read, so "now" (module datasets). */
  created: Date | null;
  modified: Date | null;
  /** EU frequency code (ANNUAL, MONTHLY…); module datasets change continuously. */
  frequency: string;
  temporal: { start: string | null; end: string | null } | null;
  spatial: string | null;
  version: string | null;
  /** Who answers questions about the data; the commune's own contact when null. */
  contact: { name: string | null; email: string | null } | null;
  resources: CatalogueResource[];
}

const resourceFormats = [
  { format: 'CSV', mediaType: 'text/csv' },
  { format: 'JSON', mediaType: 'application/json' },
];

/**
 * Which EU data theme each module's datasets belong to. Everything a commune publishes is about its own
 * administration (GOVE); budgets are also economy and finance (ECON); a module not listed falls back to GOVE.
 */
const moduleThemes: Record<string, readonly string[]> = {
  commune: ['GOVE'],
  participation: ['GOVE', 'SOCI'],
  budgeting: ['GOVE', 'ECON'],
  finances: ['ECON', 'GOVE'],
  requests: ['GOVE', 'SOCI'],
};

/** Every language's text of an i18n key, so a dataset's title is multilingual like the rest of the catalogue. */
function localized(services: PlatformServices, key: string): LocalizedText {
  const text: LocalizedText = {};
  for (const locale of locales) if (services.messages.has(locale, key)) text[locale] = services.messages.translator(locale)(key);
  return text;
}

export const moduleDatasetName = (commune: Pick<Commune, 'slug'>, exportId: string) => `${commune.slug}-${exportId}`.toLowerCase().slice(0, 100);

function moduleDataset(services: PlatformServices, commune: CatalogueDataset['commune'], moduleId: string, dataset: OpenDataExport): CatalogueDataset {
  const name = moduleDatasetName(commune, dataset.id);
  return {
    name,
    commune,
    title: localized(services, dataset.titleKey),
    description: dataset.descriptionKey ? localized(services, dataset.descriptionKey) : {},
    source: { kind: 'module', moduleId, exportId: dataset.id },
    themes: [...(moduleThemes[moduleId] ?? ['GOVE'])],
    licenceId: defaultLicenceId,
    keywords: [moduleId],
    created: null,
    modified: null,
    frequency: 'CONT',
    temporal: null,
    spatial: null,
    version: null,
    contact: null,
    resources: resourceFormats.map(({ format, mediaType }) => ({
      id: `${name}.${format.toLowerCase()}`,
      name: `${dataset.id}.${format.toLowerCase()}`,
      description: {},
      format,
      mediaType,
      path: `/${commune.slug}/data/${name}.${format.toLowerCase()}`,
      external: false,
      byteSize: null,
      sha256: null,
      // Module CSV exports are queryable through datastore_search (rows read live).
      datastoreActive: format === 'CSV',
      previewPath: null,
      tableSchema: null,
      modified: null,
    })),
  };
}

type PublishingCommune = CatalogueDataset['commune'] & Pick<Commune, 'enabled_modules'>;

/** The module datasets of a commune: one per export of each module it has switched on, in module order. */
export function moduleDatasets(services: PlatformServices, commune: PublishingCommune): CatalogueDataset[] {
  return services.modules
    .filter((module) => module.alwaysOn || commune.enabled_modules.includes(module.id))
    .flatMap((module) => (module.openDataExports ?? []).map((dataset) => moduleDataset(services, commune, module.id, dataset)));
}

/** Everything a commune publishes: its module datasets, then the datasets its staff published. */
export async function communeDatasets(services: PlatformServices, commune: PublishingCommune): Promise<CatalogueDataset[]> {
  return [...moduleDatasets(services, commune), ...(await staffDatasets(services.db, [commune]))];
}

/** One dataset of this commune by name; another commune's name finds nothing, like an unknown one. */
export async function findCommuneDataset(services: PlatformServices, commune: PublishingCommune, name: string): Promise<CatalogueDataset | undefined> {
  return moduleDatasets(services, commune).find((dataset) => dataset.name === name) ?? (await staffDatasets(services.db, [commune], name))[0];
}

/** The datasets of several communes, reading the staff datasets of all of them in one query. */
export async function datasetsOfCommunes(services: PlatformServices, communes: PublishingCommune[]): Promise<CatalogueDataset[]> {
  const staff = await staffDatasets(services.db, communes);
  return communes.flatMap((commune) => [...moduleDatasets(services, commune), ...staff.filter((dataset) => dataset.commune.id === commune.id)]);
}

/** Every commune's datasets, for the network portal and the install-wide APIs. */
export async function networkDatasets(services: PlatformServices): Promise<CatalogueDataset[]> {
  const communes = await services.db.selectFrom('communes').selectAll().orderBy('slug').execute();
  return datasetsOfCommunes(services, communes);
}

/** The rows of a module dataset, read live from the module (private data never reaches an export). */
export async function datasetRows(services: PlatformServices, dataset: CatalogueDataset): Promise<Record<string, unknown>[]> {
  if (dataset.source.kind !== 'module') return [];
  const { moduleId, exportId } = dataset.source;
  const declared = services.modules.find((m) => m.id === moduleId)?.openDataExports?.find((e) => e.id === exportId);
  if (!declared) return [];
  return declared.rows(services.db, dataset.commune.id);
}

/** The absolute address of a resource: on this site, or a link's own. */
export const resourceUrl = (baseUrl: string, resource: Pick<CatalogueResource, 'path' | 'external'>) => (resource.external ? resource.path : `${baseUrl}${resource.path}`);

/** Module datasets are regenerated on every read: their dates are the time of the request. */
export const modifiedAt = (item: { modified: Date | null }, now: Date) => item.modified ?? now;
