import { createHash, randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { appendPublication } from '../../../platform/ledger/index.js';
import { recordAudit } from '../../../platform/audit/audit.js';
import type { PlatformServices } from '../../../platform/http/context.js';
import { scoped } from '../db/finances-db.js';
import type { BudgetImportRow, BudgetPhase } from '../db/tables.js';
import { type Mapping, suggestedMapping } from './fields.js';
import { phaseCsv, phaseFileName } from './data-routes.js';
import { readBudgetFile } from './read-file.js';
import { type ValidLine, validateRows } from './validate.js';

interface Actor {
  communeId: string;
  actorId: string | null;
}

/** Stores an uploaded budget file and opens its import with the columns recognised from its headers. */
export async function storeBudgetFile(services: PlatformServices, actor: Actor, file: { year: number; phase: BudgetPhase; filename: string; content: Buffer }): Promise<BudgetImportRow> {
  const key = `finances/${actor.communeId}/${randomUUID()}-${file.filename.replace(/[^A-Za-z0-9._-]+/g, '-')}`;
  await services.storage.put(key, file.content);
  try {
    const { header } = await readBudgetFile(services.storage, key, file.filename);
    return await scoped(services.db, actor.communeId)
      .insertInto('finance_budget_imports', { year: file.year, phase: file.phase, filename: file.filename, storage_key: key, sha256: createHash('sha256').update(file.content).digest('hex'), mapping: JSON.stringify(suggestedMapping(header)), created_by: actor.actorId })
      .returningAll()
      .executeTakeFirstOrThrow();
  } catch (error) {
    await services.storage.remove(key);
    throw error;
  }
}

/** What applying the import would do, without doing it: the lines that fit and the refused rows. */
export async function checkImport(services: PlatformServices, row: BudgetImportRow, mapping: Mapping) {
  const { header, rows } = await readBudgetFile(services.storage, row.storage_key, row.filename);
  return { header, preview: rows.slice(0, 5), ...validateRows(header, rows, mapping, row.phase) };
}

const sameLine = (stored: { amount: string; paid_amount: string | null; nature_label: string; function_label: string }, line: ValidLine) =>
  Number(stored.amount) === Number(line.amount) &&
  (stored.paid_amount === null ? line.paid_amount === null : line.paid_amount !== null && Number(stored.paid_amount) === Number(line.paid_amount)) &&
  stored.nature_label === line.nature_label &&
  stored.function_label === line.function_label;

const phaseTitles: Record<BudgetPhase, string> = { proposed: 'projet de budget', adopted: 'budget voté', amended: 'budget modifié', executed: 'exécution' };

/** A loaded phase is an official publication: its public CSV goes into the commune's tamper-evident record. */
async function recordPhase(services: PlatformServices, trx: Transaction<PlatformTables>, communeId: string, row: BudgetImportRow) {
  const csv = await phaseCsv(trx, communeId, { year: row.year, phase: row.phase }, { bom: false });
  if (csv === null) return;
  const commune = await trx.selectFrom('communes').select('slug').where('id', '=', communeId).executeTakeFirstOrThrow();
  await appendPublication(trx, {
    communeId, kind: 'budget.phase', title: `Budget ${row.year} — ${phaseTitles[row.phase]}`,
    contentSha256: createHash('sha256').update(csv).digest('hex'), url: `/${commune.slug}/finances/data/${phaseFileName(row.year, row.phase)}`,
  }, services.config);
}

/**
 * Makes the phase's lines those of the file: new lines added, changed ones updated, absent ones removed, all in one
 * transaction. The same file again finds every line equal and changes nothing (the import says "unchanged").
 */
export async function applyImport(services: PlatformServices, actor: Actor, row: BudgetImportRow, mapping: Mapping): Promise<BudgetImportRow> {
  const { lines, errors } = await checkImport(services, row, mapping);
  return services.db.transaction().execute(async (trx) => {
    const db = scoped(trx, actor.communeId);
    const stored = await db.selectFrom('finance_budget_lines').select(['line_key', 'amount', 'paid_amount', 'nature_label', 'function_label']).where('year', '=', row.year).where('phase', '=', row.phase).forUpdate().execute();
    const byKey = new Map(stored.map((line) => [line.line_key, line]));
    const changed = lines.filter((line) => !byKey.has(line.line_key) || !sameLine(byKey.get(line.line_key)!, line));
    const wanted = new Set(lines.map((line) => line.line_key));
    const removed = stored.filter((line) => !wanted.has(line.line_key)).map((line) => line.line_key);
    if (removed.length > 0) await db.deleteFrom('finance_budget_lines').where('year', '=', row.year).where('phase', '=', row.phase).where('line_key', 'in', removed).execute();
    if (changed.length > 0) {
      await db
        .insertInto('finance_budget_lines', changed.map((line) => ({ ...line, year: row.year, phase: row.phase, import_id: row.id })))
        .onConflict((oc) => oc.constraint('finance_budget_lines_unique').doUpdateSet((eb) => ({
          amount: eb.ref('excluded.amount'), paid_amount: eb.ref('excluded.paid_amount'), nature_label: eb.ref('excluded.nature_label'),
          function_label: eb.ref('excluded.function_label'), import_id: eb.ref('excluded.import_id'),
        })))
        .execute();
    }
    const state = changed.length + removed.length === 0 ? 'unchanged' : 'applied';
    const applied = await db.updateTable('finance_budget_imports')
      .set({ state, mapping: JSON.stringify(mapping), lines_loaded: lines.length, lines_rejected: errors.length, errors: JSON.stringify(errors), applied_at: sql<Date>`now()` })
      .where('id', '=', row.id).returningAll().executeTakeFirstOrThrow();
    if (state === 'applied') await recordPhase(services, trx, actor.communeId, row);
    if (actor.actorId) await recordAudit(trx, { communeId: actor.communeId, actorUserId: actor.actorId, action: 'finances.budget.imported', resourceType: 'finance_budget_import', resourceId: row.id, details: { year: row.year, phase: row.phase, state, added_or_changed: changed.length, removed: removed.length, rejected: errors.length } });
    return applied;
  });
}
