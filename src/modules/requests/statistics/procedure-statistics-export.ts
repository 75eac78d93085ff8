import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { isoDate } from '../../../platform/i18n/format.js';
import { locales, pickLocalized } from '../../../platform/i18n/locales.js';
import type { OpenDataExport } from '../../../platform/module.js';
import { procedureStatistics } from './procedure-statistics.js';

const percentOf = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);

/** One row per procedure over the whole history, as the public page shows it with the period "all": numbers only. */
export async function procedureStatisticsRows(db: Kysely<PlatformTables>, communeId: string): Promise<Record<string, unknown>[]> {
  const commune = await db.selectFrom('communes').select(['id', 'country', 'time_zone', 'default_locale']).where('id', '=', communeId).executeTakeFirstOrThrow();
  const statistics = await procedureStatistics(db, commune, 'all', isoDate(new Date(), commune.time_zone));
  return statistics.procedures.map((row) => ({
    procedure_id: row.procedureId,
    procedure: pickLocalized(row.title, commune.default_locale, locales)?.value ?? '',
    delay_days: row.delayDays,
    delay_basis: row.delayBasis,
    received: row.received,
    ready: row.ready,
    median_days_to_ready: row.medianDaysToReady,
    // Per cent, one decimal; empty while no request is ready or past its delay.
    ready_within_delay_share: percentOf(row.readyWithinDelay, row.delayReached),
    refused: row.refused,
  }));
}

export const procedureStatisticsExport: OpenDataExport = { id: 'requests-procedures-statistics', titleKey: 'requests.exports.procedures_statistics', rows: procedureStatisticsRows };
