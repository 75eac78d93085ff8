import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { publicBaseUrl } from '../../../platform/config/config.js';
import type { Commune } from '../../../platform/db/platform-tables.js';
import { toCsv } from '../../../platform/http/csv.js';
import { AppError } from '../../../platform/http/errors.js';
import { pickLocalized, locales } from '../../../platform/i18n/locales.js';
import { type BudgetPhase, budgetPhases } from '../db/tables.js';
import { budgetColumns, budgetExportRows } from './exports.js';
import { loadedPhases } from './queries.js';

const pub = { config: { access: 'public' as const } };
const phaseFilePattern = /^budget-(\d{4})-(proposed|adopted|amended|executed)\.csv$/;

function communeOf(request: FastifyRequest): Commune {
  if (!request.commune) throw new AppError('COMMUNE_NOT_FOUND');
  return request.commune;
}

export const phaseFileName = (year: number, phase: BudgetPhase) => `budget-${year}-${phase}.csv`;

/** One phase's lines as the public CSV (null when the phase has none): the file the tamper-evident record hashes. */
export async function phaseCsv(db: Kysely<PlatformTables>, communeId: string, only: { year: number; phase: BudgetPhase }, options: { bom: boolean }): Promise<string | null> {
  const rows = await budgetExportRows(db, communeId, only);
  if (rows.length === 0) return null;
  return toCsv([budgetColumns.map((c) => c.name), ...rows.map((row) => budgetColumns.map((c) => row[c.name]))], options);
}

/** The Fiscal Data Package 1.0 descriptor: one CSV resource per loaded year and phase, columns typed by `columnType`. */
async function fiscalDataPackage(request: FastifyRequest, commune: Commune) {
  const base = `${publicBaseUrl(request.server.platform.config)}/${commune.slug}/finances/data`;
  const phases = await loadedPhases(request.server.platform.db, commune.id);
  const name = pickLocalized(commune.name, commune.default_locale, [...locales])?.value ?? commune.slug;
  return {
    profile: 'fiscal-data-package',
    name: `${commune.slug}-budget`,
    title: `${request.t('finances.budgets.export_title')} — ${name}`,
    countryCode: commune.country,
    resources: phases
      .sort((a, b) => a.year - b.year || budgetPhases.indexOf(a.phase) - budgetPhases.indexOf(b.phase))
      .map((loaded) => ({
        name: `budget-${loaded.year}-${loaded.phase}`,
        path: `${base}/${phaseFileName(loaded.year, loaded.phase)}`,
        profile: 'tabular-data-resource',
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8',
        schema: {
          fields: budgetColumns.map((column) => ({ name: column.name, type: column.type, ...(column.columnType ? { columnType: column.columnType } : {}) })),
          primaryKey: ['line_id'],
        },
      })),
  };
}

/** Public files of the budget: each year's phase as CSV, and the Fiscal Data Package that describes them. */
export function budgetDataRoutes(app: FastifyInstance): void {
  app.get('/finances/data/budget.datapackage.json', pub, async (request, reply) => {
    const commune = communeOf(request);
    return reply.type('application/json; charset=utf-8').send(await fiscalDataPackage(request, commune));
  });

  app.get<{ Params: { file: string }; Querystring: { bom?: string } }>('/finances/data/:file', pub, async (request, reply) => {
    const commune = communeOf(request);
    const match = phaseFilePattern.exec(request.params.file);
    if (!match) throw new AppError('NOT_FOUND');
    const only = { year: Number(match[1]), phase: match[2] as BudgetPhase };
    const csv = await phaseCsv(app.platform.db, commune.id, only, { bom: request.query.bom === '1' });
    if (csv === null) throw new AppError('NOT_FOUND');
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${commune.slug}-${phaseFileName(only.year, only.phase)}"`)
      .send(csv);
  });
}
