import { type Kysely, sql } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { activePhase, todayIn } from '../phases.js';
import { participationDb } from '../queries/participation-queries.js';
import { notify } from './notify.js';

/** Published consultations (of communes using the module) that have a phase never announced. */
async function candidates(db: Kysely<PlatformTables>, consultationId?: string) {
  let query = participationDb(db)
    .selectFrom('consultations')
    .innerJoin('communes', 'communes.id', 'consultations.commune_id')
    .select(['consultations.id', 'consultations.commune_id', 'consultations.manual_phase_id', 'communes.time_zone'])
    .where('consultations.status', '=', 'published')
    .where(sql<boolean>`communes.enabled_modules ? 'participation'`)
    .where(({ exists, selectFrom }) => exists(selectFrom('consultation_phases').select('consultation_phases.id').whereRef('consultation_phases.consultation_id', '=', 'consultations.id').where('consultation_phases.announced_at', 'is', null)));
  if (consultationId) query = query.where('consultations.id', '=', consultationId);
  return query.execute();
}

/**
 * Tells followers of each consultation and authors of its proposals that a phase opened: the phase open
 * today in the commune's time zone, or the one staff moved to by hand. Each phase is claimed with a
 * conditional update in a transaction, so two runs at once announce it once. Returns the phases announced.
 */
export async function announcePhaseOpenings(db: Kysely<PlatformTables>, now: Date, options: { consultationId?: string } = {}): Promise<string[]> {
  const announced: string[] = [];
  for (const consultation of await candidates(db, options.consultationId)) {
    const phases = await participationDb(db).selectFrom('consultation_phases').select(['id', 'starts_on', 'ends_on', 'announced_at']).where('commune_id', '=', consultation.commune_id).where('consultation_id', '=', consultation.id).execute();
    const open = activePhase(phases, todayIn(consultation.time_zone, now), consultation.manual_phase_id);
    if (!open || open.announced_at) continue;
    const claimed = await db.transaction().execute(async (trx) => {
      const claim = await participationDb(trx).updateTable('consultation_phases').set({ announced_at: now }).where('id', '=', open.id).where('announced_at', 'is', null).returning('id').executeTakeFirst();
      if (!claim) return false;
      await notify(trx, { kind: 'phase_opened', communeId: consultation.commune_id, actorId: null, about: { consultationId: consultation.id, phaseId: open.id }, to: { followersOfConsultation: consultation.id, authorsInConsultation: consultation.id } });
      return true;
    });
    if (claimed) announced.push(open.id);
  }
  return announced;
}
