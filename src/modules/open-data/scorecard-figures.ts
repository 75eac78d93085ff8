import { type Kysely, sql } from 'kysely';
import type { PlatformTables } from '../../platform/db/platform-tables.js';
import type { OpenDataExport, PalabreModule } from '../../platform/module.js';
import { openDataDb } from './db/open-data-db.js';

const dayMs = 86_400_000;
/** A declared frequency's period in days, with the same quarter of grace as the dataset page's "up to date" check. */
const frequencyDays: Record<string, number> = { DAILY: 1, WEEKLY: 7, MONTHLY: 31, QUARTERLY: 92, ANNUAL_2: 183, ANNUAL: 366 };
const graceFactor = 1.25;
/** Datasets that declare no period (irregular, unknown) are expected to change at least once a year. */
const defaultDays = 365;

export interface CatalogueFigures {
  /** Module exports with at least one row today: regenerated on every read, so always up to date. */
  moduleDatasets: number;
  /** Datasets staff published before the end of the window. */
  staffDatasets: number;
  /** Of those, the ones last updated (as of the end of the window) within their declared frequency. */
  staffUpToDate: number;
}

/** The module exports of the commune's switched-on modules that have rows now (live data keeps no history). */
async function exportsWithRows(db: Kysely<PlatformTables>, commune: { id: string; enabled_modules: string[] }, modules: readonly PalabreModule[]): Promise<number> {
  const exports = modules.filter((module) => module.alwaysOn || commune.enabled_modules.includes(module.id)).flatMap((module) => module.openDataExports ?? []);
  const hasRows = (dataset: OpenDataExport) => (dataset.hasRows ? dataset.hasRows(db, commune.id) : dataset.rows(db, commune.id).then((rows) => rows.length > 0));
  const counts = await Promise.all(exports.map(async (dataset) => ((await hasRows(dataset)) ? 1 : 0)));
  return counts.reduce<number>((sum, one) => sum + one, 0);
}

/** A staff dataset is up to date when its last revision before `at` is younger than its declared period. */
export function staffDatasetUpToDate(frequency: string, lastUpdate: Date, at: Date): boolean {
  if (frequency === 'NEVER') return true;
  const days = frequencyDays[frequency] ? frequencyDays[frequency] * graceFactor : defaultDays;
  return at.getTime() - lastUpdate.getTime() <= days * dayMs;
}

/**
 * The commune's catalogue as the scorecard counts it at the end of a window: module exports with rows, and the
 * datasets staff published (still published today, created before `to`), with their last update before `to`.
 */
export async function catalogueFigures(db: Kysely<PlatformTables>, commune: { id: string; enabled_modules: string[] }, modules: readonly PalabreModule[], to: Date): Promise<CatalogueFigures> {
  const staff = await openDataDb(db)
    .selectFrom('open_data_datasets as d')
    .select([
      'd.frequency',
      sql<Date>`coalesce((select max(r.at) from open_data_revisions r where r.dataset_id = d.id and r.commune_id = d.commune_id and r.at < ${to}), d.created_at)`.as('last_update'),
    ])
    .where('d.commune_id', '=', commune.id)
    .where('d.state', '=', 'published')
    .where('d.created_at', '<', to)
    .execute();
  return {
    moduleDatasets: await exportsWithRows(db, commune, modules),
    staffDatasets: staff.length,
    staffUpToDate: staff.filter((row) => staffDatasetUpToDate(row.frequency, new Date(row.last_update), to)).length,
  };
}
