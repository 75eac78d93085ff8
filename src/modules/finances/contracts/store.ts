import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Commune, PlatformTables } from '../../../platform/db/platform-tables.js';
import { isUuid } from '../../../platform/db/uuid.js';
import { AppError } from '../../../platform/http/errors.js';
import { locales, pickLocalized } from '../../../platform/i18n/locales.js';
import { financesDb } from '../db/finances-db.js';
import { compileReleases, type JsonObject } from './merge.js';
import { buildRelease, type CommuneInfo, ocidFor, placeholderOcidPrefix, releaseTag, type Stage } from './ocds.js';
import { type ContractProcess, type ContractSettings, contractsDb, scopedContracts } from './tables.js';

type Db = Kysely<PlatformTables>;

export function communeInfo(commune: Commune): CommuneInfo {
  const name = pickLocalized(commune.name, commune.default_locale, [commune.default_locale, ...locales])?.value ?? commune.slug;
  return { slug: commune.slug, name, currency: commune.currency, timeZone: commune.time_zone, locale: commune.default_locale };
}

/** The commune's settings, or the unregistered placeholder until staff save them. */
export async function contractSettings(db: Db, communeId: string): Promise<ContractSettings> {
  const row = await scopedContracts(db, communeId).selectFrom('finance_contract_settings').selectAll().executeTakeFirst();
  return row ?? { commune_id: communeId, ocid_prefix: placeholderOcidPrefix, prefix_registered: false, updated_at: new Date(0) };
}

export async function saveContractSettings(db: Db, communeId: string, prefix: string, registered: boolean): Promise<void> {
  await contractsDb(db)
    .insertInto('finance_contract_settings')
    .values({ commune_id: communeId, ocid_prefix: prefix, prefix_registered: registered, updated_at: new Date() })
    .onConflict((oc) => oc.column('commune_id').doUpdateSet({ ocid_prefix: prefix, prefix_registered: registered, updated_at: new Date() }))
    .execute();
}

/** A new process gets its ocid from the prefix in force now; it keeps it for good. */
export async function createProcess(db: Db, communeId: string, title: string): Promise<ContractProcess> {
  const id = randomUUID();
  const { ocid_prefix } = await contractSettings(db, communeId);
  return scopedContracts(db, communeId)
    .insertInto('finance_contract_processes', { id, title, ocid: ocidFor(ocid_prefix, id) })
    .returningAll()
    .executeTakeFirstOrThrow() as Promise<ContractProcess>;
}

export async function findProcess(db: Db, communeId: string, id: string): Promise<ContractProcess | undefined> {
  if (!isUuid(id)) return undefined;
  return scopedContracts(db, communeId).selectFrom('finance_contract_processes').selectAll().where('id', '=', id).executeTakeFirst() as Promise<ContractProcess | undefined>;
}

export async function findProcessByOcid(db: Db, communeId: string, ocid: string): Promise<ContractProcess | undefined> {
  return scopedContracts(db, communeId).selectFrom('finance_contract_processes').selectAll().where('ocid', '=', ocid).executeTakeFirst() as Promise<ContractProcess | undefined>;
}

export async function listProcesses(db: Db, communeId: string): Promise<ContractProcess[]> {
  return scopedContracts(db, communeId).selectFrom('finance_contract_processes').selectAll().orderBy('created_at', 'desc').orderBy('id').execute() as Promise<ContractProcess[]>;
}

export interface StoredRelease {
  processId: string;
  ocid: string;
  release: JsonObject;
}

/** Releases oldest first (by date, then by the order they were recorded in), of one process or all. */
export async function releasesOf(db: Db, communeId: string, processId?: string): Promise<StoredRelease[]> {
  let query = scopedContracts(db, communeId)
    .selectFrom('finance_contract_releases')
    .innerJoin('finance_contract_processes', 'finance_contract_processes.id', 'finance_contract_releases.process_id')
    .select(['finance_contract_releases.process_id', 'finance_contract_processes.ocid', 'finance_contract_releases.release'])
    .orderBy('finance_contract_releases.released_at')
    .orderBy('finance_contract_releases.release_id');
  if (processId) query = query.where('finance_contract_releases.process_id', '=', processId);
  const rows = await query.execute();
  return rows.map((row) => ({ processId: row.process_id, ocid: row.ocid, release: row.release as JsonObject }));
}

export const compiledReleaseOf = (releases: StoredRelease[]) => compileReleases(releases.map((r) => r.release));

export type StagePatch = Partial<Pick<ContractProcess, Stage | 'title'>>;

/**
 * Saves one stage and publishes its OCDS release in the same transaction: the public data never
 * shows a state that no release explains. The patch was computed from `process` as the form showed it;
 * if someone saved the process since, this refuses (409) rather than lose their change.
 */
export async function recordStage(db: Db, input: { commune: Commune; process: ContractProcess; stage: Stage; patch: StagePatch; amendment?: boolean; userId: string | null; now?: Date }): Promise<{ releaseId: string; process: ContractProcess }> {
  const { commune, process, stage } = input;
  const now = input.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const scope = scopedContracts(trx, commune.id);
    const current = await scope.selectFrom('finance_contract_processes').select('updated_at').where('id', '=', process.id).forUpdate().executeTakeFirst();
    if (!current || current.updated_at.getTime() !== process.updated_at.getTime()) throw new AppError('CONFLICT', `contract process ${process.id} changed meanwhile`);
    const updated: ContractProcess = { ...process, ...input.patch, updated_at: now };
    await scope
      .updateTable('finance_contract_processes')
      .set({ ...serialised(input.patch), updated_at: now })
      .where('id', '=', process.id)
      .execute();
    const { count } = await scope.selectFrom('finance_contract_releases').select((eb) => eb.fn.countAll<string>().as('count')).where('process_id', '=', process.id).executeTakeFirstOrThrow();
    const sequence = Number(count) + 1;
    const tag = releaseTag(stage, process[stage] === null, input.amendment);
    const releaseId = `${process.ocid}-${String(sequence).padStart(3, '0')}-${tag}`;
    const release = buildRelease({ stages: updated, stage, releaseId, tag, date: now, commune: communeInfo(commune) });
    await scope
      .insertInto('finance_contract_releases', { process_id: process.id, release_id: releaseId, tag, released_at: now, release: JSON.stringify(release), created_by: input.userId })
      .execute();
    return { releaseId, process: updated };
  });
}

function serialised(patch: StagePatch): Record<string, string> {
  return Object.fromEntries(Object.entries(patch).map(([key, value]) => [key, key === 'title' ? String(value) : JSON.stringify(value)]));
}

export interface BudgetLineChoice {
  year: number;
  lineKey: string;
  label: string;
}

/** Expenditure lines of the commune's budgets, one per year and key, for the planning stage's choice. */
export async function budgetLineChoices(db: Db, communeId: string): Promise<BudgetLineChoice[]> {
  const rows = await financesDb(db)
    .selectFrom('finance_budget_lines')
    .select(['year', 'line_key', 'nature_label', 'function_label'])
    .distinctOn(['year', 'line_key'])
    .where('commune_id', '=', communeId)
    .where('direction', '=', 'expenditure')
    .orderBy('year', 'desc')
    .orderBy('line_key')
    .execute();
  return rows.map((r) => ({ year: r.year, lineKey: r.line_key, label: [r.nature_label, r.function_label].filter(Boolean).join(' — ') }));
}
