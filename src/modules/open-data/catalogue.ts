import type { Commune } from '../../platform/db/platform-tables.js';
import type { PlatformServices } from '../../platform/http/context.js';
import { type LocalizedText, locales } from '../../platform/i18n/locales.js';
import type { OpenDataExport } from '../../platform/module.js';
import { defaultLicenceId } from './licences.js';

export type ResourceFormat = 'CSV' | 'JSON';

/** One downloadable form of a dataset. */
export interface CatalogueResource {
  /** Stable: `<dataset name>.<format in lower case>`. */
  id: string;
  name: string;
  format: ResourceFormat;
  mediaType: string;
  /** Path on this site (prefix the public base URL for an absolute link). */
  path: string;
}

/** A dataset as every surface (portal pages, CKAN API, DCAT, Data Package) describes it. */
export interface CatalogueDataset {
  /** Stable, URL-safe, unique on the install (CKAN `name` rules: lowercase, digits, '-' and '_', 2–100 characters). */
  name: string;
  commune: Pick<Commune, 'id' | 'slug' | 'name' | 'country' | 'contact' | 'default_locale'>;
  title: LocalizedText;
  description: LocalizedText;
  /** Where it comes from: a module's declared export (regenerated from live data) or, later, a staff upload. */
  source: { kind: 'module'; moduleId: string; exportId: string };
  licenceId: string;
  keywords: string[];
  resources: CatalogueResource[];
}

const resourceFormats: { format: ResourceFormat; mediaType: string }[] = [
  { format: 'CSV', mediaType: 'text/csv' },
  { format: 'JSON', mediaType: 'application/json' },
];

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
    licenceId: defaultLicenceId,
    keywords: [moduleId],
    resources: resourceFormats.map(({ format, mediaType }) => ({
      id: `${name}.${format.toLowerCase()}`,
      name: `${dataset.id}.${format.toLowerCase()}`,
      format,
      mediaType,
      path: `/${commune.slug}/data/${name}.${format.toLowerCase()}`,
    })),
  };
}

/** The datasets a commune publishes: one per export of each module it has switched on, in module order. */
export function communeDatasets(services: PlatformServices, commune: CatalogueDataset['commune'] & Pick<Commune, 'enabled_modules'>): CatalogueDataset[] {
  return services.modules
    .filter((module) => module.alwaysOn || commune.enabled_modules.includes(module.id))
    .flatMap((module) => (module.openDataExports ?? []).map((dataset) => moduleDataset(services, commune, module.id, dataset)));
}

/** Every commune's datasets, for the network portal and the install-wide APIs. */
export async function networkDatasets(services: PlatformServices): Promise<CatalogueDataset[]> {
  const communes = await services.db.selectFrom('communes').selectAll().orderBy('slug').execute();
  return communes.flatMap((commune) => communeDatasets(services, commune));
}

/** The rows of a module dataset, read live from the module (private data never reaches an export). */
export async function datasetRows(services: PlatformServices, dataset: CatalogueDataset): Promise<Record<string, unknown>[]> {
  const module = services.modules.find((m) => m.id === dataset.source.moduleId);
  const declared = module?.openDataExports?.find((e) => e.id === dataset.source.exportId);
  if (!declared) return [];
  return declared.rows(services.db, dataset.commune.id);
}
