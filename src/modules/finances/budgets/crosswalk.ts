import { type Kysely, sql } from 'kysely';
import { recordAudit } from '../../../platform/audit/audit.js';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { financesDb, scoped } from '../db/finances-db.js';
import { isCofogCode } from './cofog.js';

export interface FunctionMapping {
  function_code: string;
  function_label: string;
  cofog_code: string | null;
}

/** The commune's function codes found in its budget lines, each with its COFOG code if staff gave one. */
export async function functionMappings(db: Kysely<PlatformTables>, communeId: string): Promise<FunctionMapping[]> {
  return financesDb(db)
    .selectFrom('finance_budget_lines as l')
    .leftJoin('finance_cofog_crosswalk as x', (join) => join.onRef('x.commune_id', '=', 'l.commune_id').onRef('x.function_code', '=', 'l.function_code'))
    .where('l.commune_id', '=', communeId)
    .where('l.function_code', '<>', '')
    .select(['l.function_code', sql<string>`max(l.function_label)`.as('function_label'), sql<string | null>`max(x.cofog_code)`.as('cofog_code')])
    .groupBy('l.function_code')
    .orderBy('l.function_code')
    .execute();
}

/** Saves the crosswalk as staff set it (an empty choice removes a code's mapping); only changed codes are audited. */
export async function saveCrosswalk(db: Kysely<PlatformTables>, actor: { communeId: string; actorId: string | null }, chosen: Map<string, string>): Promise<number> {
  const current = new Map((await functionMappings(db, actor.communeId)).map((m) => [m.function_code, m.cofog_code ?? '']));
  const changes = [...chosen].filter(([code, cofog]) => current.has(code) && current.get(code) !== cofog && (cofog === '' || isCofogCode(cofog)));
  if (changes.length === 0) return 0;
  await db.transaction().execute(async (trx) => {
    const scope = scoped(trx, actor.communeId);
    for (const [code, cofog] of changes) {
      if (cofog === '') await scope.deleteFrom('finance_cofog_crosswalk').where('function_code', '=', code).execute();
      else await scope.insertInto('finance_cofog_crosswalk', { function_code: code, cofog_code: cofog }).onConflict((oc) => oc.columns(['commune_id', 'function_code']).doUpdateSet({ cofog_code: cofog, updated_at: new Date() })).execute();
    }
    await recordAudit(trx, { communeId: actor.communeId, actorUserId: actor.actorId, action: 'finances.cofog.updated', resourceType: 'finance_cofog_crosswalk', resourceId: null, details: { changes: Object.fromEntries(changes.map(([code, cofog]) => [code, { before: current.get(code) || null, after: cofog || null }])) } });
  });
  return changes.length;
}
