import type { CatalogueDataset, CatalogueResource } from './catalogue.js';
import { licenceById } from './licences.js';

/**
 * Tim Berners-Lee's 5-star scale for one resource: ★ on the web under an open licence, ★★ structured data
 * (a spreadsheet), ★★★ in a non-proprietary format, ★★★★ RDF with URIs, ★★★★★ linked to other data.
 * A resource without an open licence has no star at all.
 */
const starsByFormat: Record<string, number> = {
  PDF: 1, DOC: 1, DOCX: 1, HTML: 1, JPEG: 1, PNG: 1,
  XLS: 2, XLSX: 2,
  CSV: 3, TSV: 3, JSON: 3, GEOJSON: 3, XML: 3, ODS: 3, SHP: 3, KML: 3,
  RDF: 4, TTL: 4, JSONLD: 4,
};

export type Stars = 0 | 1 | 2 | 3 | 4 | 5;

export const hasOpenLicence = (dataset: Pick<CatalogueDataset, 'licenceId'>) => licenceById(dataset.licenceId)?.odConformance === 'approved';

export function opennessStars(dataset: Pick<CatalogueDataset, 'licenceId'>, resource: Pick<CatalogueResource, 'format'>): Stars {
  if (!hasOpenLicence(dataset)) return 0;
  return (starsByFormat[resource.format.toUpperCase()] ?? 1) as Stars;
}

/** Days after which a dataset is late, by its declared frequency (the period plus a quarter of grace). */
const periodDays: Record<string, number> = { DAILY: 1, WEEKLY: 7, MONTHLY: 31, QUARTERLY: 92, ANNUAL_2: 183, ANNUAL: 366 };
const graceFactor = 1.25;
const dayMs = 86_400_000;

export const qualityChecks = ['licence', 'description', 'up_to_date', 'machine_readable', 'schema'] as const;
export type QualityCheck = (typeof qualityChecks)[number];

export interface DatasetQuality {
  /** Checks passed out of the checklist (0–5). */
  score: number;
  checks: { id: QualityCheck; passed: boolean }[];
  /** Each resource's stars, by resource id. */
  stars: Map<string, Stars>;
}

function upToDate(dataset: CatalogueDataset, now: Date): boolean {
  // Regenerated on every read (module datasets), or declared as never / irregularly updated: never late.
  if (dataset.frequency === 'CONT' || dataset.frequency === 'NEVER' || dataset.frequency === 'IRREG') return true;
  const period = periodDays[dataset.frequency];
  if (!period || !dataset.modified) return false;
  return now.getTime() - dataset.modified.getTime() <= period * graceFactor * dayMs;
}

const isTabular = (resource: CatalogueResource) => ['CSV', 'TSV', 'XLS', 'XLSX', 'ODS'].includes(resource.format.toUpperCase());

/** Module CSVs publish a Table Schema inferred from their rows; uploaded tables one loaded into the datastore. */
const schemaDocumented = (dataset: CatalogueDataset, resource: CatalogueResource) => dataset.source.kind === 'module' || resource.tableSchema !== null;

/** The checklist of one dataset, as shown on its page and in `package_show`. */
export function datasetQuality(dataset: CatalogueDataset, now: Date): DatasetQuality {
  const stars = new Map(dataset.resources.map((resource) => [resource.id, opennessStars(dataset, resource)]));
  const tabular = dataset.resources.filter(isTabular);
  const passed: Record<QualityCheck, boolean> = {
    licence: hasOpenLicence(dataset),
    description: Object.values(dataset.description).some((text) => (text?.trim().length ?? 0) >= 20),
    up_to_date: upToDate(dataset, now),
    machine_readable: [...stars.values()].some((count) => count >= 3),
    schema: tabular.length > 0 && tabular.every((resource) => schemaDocumented(dataset, resource)),
  };
  const checks = qualityChecks.map((id) => ({ id, passed: passed[id] }));
  return { score: checks.filter((check) => check.passed).length, checks, stars };
}
