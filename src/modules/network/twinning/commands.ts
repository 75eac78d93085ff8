import type { Kysely } from 'kysely';
import { recordAudit } from '../../../platform/audit/audit.js';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { LocalizedText } from '../../../platform/i18n/locales.js';
import type { ActivityInput, TwinningInput } from './forms.js';
import { twinningDb, type TwinningStatus } from './tables.js';

/** Staff acting for their commune. */
export interface TwinningActor {
  communeId: string;
  userId: string | null;
  ip: string | null;
}

const goalsOf = (input: TwinningInput): LocalizedText => {
  const goals: LocalizedText = {};
  if (input.goals_fr) goals.fr = input.goals_fr;
  if (input.goals_en) goals.en = input.goals_en;
  if (input.goals_pt) goals.pt = input.goals_pt;
  if (input.goals_ar) goals.ar = input.goals_ar;
  return goals;
};

function audit(db: Kysely<PlatformTables>, actor: TwinningActor, action: string, twinningId: string, details: Record<string, unknown> = {}) {
  return recordAudit(db, { communeId: actor.communeId, actorUserId: actor.userId, action, resourceType: 'network_twinning', resourceId: twinningId, ip: actor.ip, details });
}

/** A partner on the install must confirm, so the twinning waits as proposed; one elsewhere is active at once. */
export async function declareTwinning(db: Kysely<PlatformTables>, actor: TwinningActor, input: TwinningInput): Promise<string> {
  const partnerOnInstall = input.partner_commune_id ?? null;
  const status: TwinningStatus = partnerOnInstall ? 'proposed' : 'active';
  return db.transaction().execute(async (trx) => {
    const row = await twinningDb(trx)
      .insertInto('network_twinnings')
      .values({
        commune_id: actor.communeId,
        partner_commune_id: partnerOnInstall,
        partner_name: partnerOnInstall ? '' : (input.partner_name ?? ''),
        partner_country: partnerOnInstall ? '' : (input.partner_country ?? ''),
        partner_url: partnerOnInstall ? null : (input.partner_url ?? null),
        goals: JSON.stringify(goalsOf(input)),
        started_on: input.started_on,
        status,
        created_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, actor, 'network.twinning.declared', row.id, { status, partnerCommuneId: partnerOnInstall });
    return row.id;
  });
}

/** The declarer edits goals, start date and an outside partner's details; the partner commune itself stays. */
export async function updateTwinning(db: Kysely<PlatformTables>, actor: TwinningActor, id: string, external: boolean, input: TwinningInput): Promise<void> {
  const externalFields = external ? { partner_name: input.partner_name ?? '', partner_country: input.partner_country ?? '', partner_url: input.partner_url ?? null } : {};
  await db.transaction().execute(async (trx) => {
    await twinningDb(trx)
      .updateTable('network_twinnings')
      .set({ goals: JSON.stringify(goalsOf(input)), started_on: input.started_on, updated_at: new Date(), ...externalFields })
      .where('id', '=', id)
      .where('commune_id', '=', actor.communeId)
      .execute();
    await audit(trx, actor, 'network.twinning.updated', id);
  });
}

export async function addActivity(db: Kysely<PlatformTables>, actor: TwinningActor, twinningId: string, input: ActivityInput): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await twinningDb(trx)
      .insertInto('network_twinning_activities')
      .values({ commune_id: actor.communeId, twinning_id: twinningId, date: input.date, title: input.title, description: input.description ?? '', link: input.link ?? null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, actor, 'network.twinning.activity_added', twinningId, { activityId: row.id });
  });
}

export async function endTwinning(db: Kysely<PlatformTables>, actor: TwinningActor, id: string, endedOn: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await twinningDb(trx).updateTable('network_twinnings').set({ status: 'ended', ended_on: endedOn, updated_at: new Date() }).where('id', '=', id).where('commune_id', '=', actor.communeId).where('status', '=', 'active').execute();
    await audit(trx, actor, 'network.twinning.ended', id, { endedOn });
  });
}

/**
 * The partner commune's answer to a proposal: only a proposal naming this commune as partner changes.
 * Returns false when there is none (another commune's, or already answered).
 */
export async function answerProposal(db: Kysely<PlatformTables>, actor: TwinningActor, id: string, accept: boolean): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await twinningDb(trx)
      .updateTable('network_twinnings')
      .set({ status: accept ? 'active' : 'declined', updated_at: new Date() })
      .where('id', '=', id)
      .where('partner_commune_id', '=', actor.communeId)
      .where('status', '=', 'proposed')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
    await audit(trx, actor, accept ? 'network.twinning.confirmed' : 'network.twinning.declined', id);
    return true;
  });
}
