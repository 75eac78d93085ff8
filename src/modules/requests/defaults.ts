import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../platform/db/platform-tables.js';
import type { LocalizedText } from '../../platform/i18n/locales.js';
import type { ComplaintStage } from './db/tables.js';
import { requestsDb, scoped } from './queries/requests-db.js';

const text = (fr: string, en: string, pt: string, ar: string): LocalizedText => ({ fr, en, pt, ar });

/** The states every commune starts with; it may rename them and add its own (see the settings). */
export const defaultStates: { code: string; stage: ComplaintStage; open311: 'open' | 'closed'; name: LocalizedText }[] = [
  { code: 'received', stage: 'received', open311: 'open', name: text('Reçue', 'Received', 'Recebida', 'مستلمة') },
  { code: 'acknowledged', stage: 'acknowledged', open311: 'open', name: text('Prise en compte', 'Acknowledged', 'Tomada em conta', 'قيد الاعتبار') },
  { code: 'in_progress', stage: 'in_progress', open311: 'open', name: text('En cours de traitement', 'In progress', 'Em tratamento', 'قيد المعالجة') },
  { code: 'resolved', stage: 'resolved', open311: 'closed', name: text('Résolue', 'Resolved', 'Resolvida', 'تمت المعالجة') },
  { code: 'rejected', stage: 'rejected', open311: 'closed', name: text('Rejetée', 'Rejected', 'Rejeitada', 'مرفوضة') },
  { code: 'reopened', stage: 'reopened', open311: 'open', name: text('Rouverte', 'Reopened', 'Reaberta', 'أعيد فتحها') },
];

/** The categories the issue names; each commune edits them (names, deadlines, who receives the sensitive ones). */
export const defaultCategories: { code: string; days: number; sensitive?: boolean; name: LocalizedText }[] = [
  { code: 'roads', days: 15, name: text('Voirie et routes', 'Roads and streets', 'Estradas e ruas', 'الطرق والشوارع') },
  { code: 'waste', days: 5, name: text('Ordures et assainissement', 'Waste and sanitation', 'Lixo e saneamento', 'النفايات والتطهير') },
  { code: 'water', days: 10, name: text('Eau', 'Water', 'Água', 'الماء') },
  { code: 'lighting', days: 10, name: text('Éclairage public', 'Street lighting', 'Iluminação pública', 'الإنارة العمومية') },
  { code: 'markets', days: 10, name: text('Marchés', 'Markets', 'Mercados', 'الأسواق') },
  { code: 'civil-status', days: 10, name: text('État civil', 'Civil status', 'Registo civil', 'الحالة المدنية') },
  { code: 'fees', days: 10, name: text('Taxes et redevances', 'Taxes and fees', 'Taxas e impostos', 'الرسوم والجبايات') },
  { code: 'staff-conduct', days: 20, sensitive: true, name: text('Comportement d’un agent ou corruption', 'Staff conduct or corruption', 'Conduta de um agente ou corrupção', 'سلوك موظف أو فساد') },
  { code: 'other', days: 15, name: text('Autre problème', 'Other problem', 'Outro problema', 'مشكلة أخرى') },
];

/**
 * Gives a commune the default states and categories the first time its requests are used (a commune created
 * after the seed has none); safe to run twice at once thanks to the unique codes.
 */
export async function ensureRequestDefaults(db: Kysely<PlatformTables>, communeId: string): Promise<void> {
  const existing = await scoped(db, communeId).selectFrom('request_states').select('id').limit(1).executeTakeFirst();
  if (existing) return;
  const rdb = requestsDb(db);
  await rdb
    .insertInto('request_states')
    .values(defaultStates.map((s, position) => ({ commune_id: communeId, code: s.code, stage: s.stage, open311_status: s.open311, name: JSON.stringify(s.name), position })))
    .onConflict((oc) => oc.constraint('request_states_code_unique').doNothing())
    .execute();
  await rdb
    .insertInto('request_categories')
    .values(defaultCategories.map((c, position) => ({ commune_id: communeId, code: c.code, name: JSON.stringify(c.name), response_days: c.days, sensitive: c.sensitive ?? false, position })))
    .onConflict((oc) => oc.constraint('request_categories_code_unique').doNothing())
    .execute();
}
