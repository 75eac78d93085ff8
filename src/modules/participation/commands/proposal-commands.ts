import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { AppError } from '../../../platform/http/errors.js';
import type { Answer } from '../db/tables.js';
import { activePhase, todayIn } from '../phases.js';
import { findConsultation, phasesOf, scoped } from '../queries/participation-queries.js';
import { follow } from '../notifications/follows.js';
import { notify } from '../notifications/notify.js';

/** The consultation and its open phase, refusing when the phase does not allow the action. */
async function openPhaseFor(db: Kysely<PlatformTables>, commune: { id: string; time_zone: string }, consultationId: string, allowed: 'allows_proposals' | 'allows_supports') {
  const consultation = await findConsultation(db, commune.id, consultationId);
  if (!consultation) throw new AppError('NOT_FOUND');
  const phase = consultation.status === 'published' ? activePhase(await phasesOf(db, commune.id, consultation.id), todayIn(commune.time_zone), consultation.manual_phase_id) : null;
  if (!phase || !phase[allowed]) throw new AppError('CONFLICT', `phase does not allow ${allowed}`);
  return { consultation, phase };
}

export interface NewProposal {
  title: string;
  body: string;
  neighbourhood?: string | undefined;
  authorId: string;
  onBehalfOf?: string | null;
  /** A message received by phone that staff turned into a proposal; otherwise web, or mediator on behalf of someone. */
  channel?: 'sms' | 'whatsapp' | undefined;
  category?: string | undefined;
  photoFileId?: string | undefined;
  place?: string | undefined;
  latitude?: number | undefined;
  longitude?: number | undefined;
}

export async function submitProposal(db: Kysely<PlatformTables>, commune: { id: string; time_zone: string }, consultationId: string, proposal: NewProposal) {
  const { consultation, phase } = await openPhaseFor(db, commune, consultationId, 'allows_proposals');
  if (proposal.category && !consultation.categories.includes(proposal.category)) throw new AppError('VALIDATION_FAILED', 'category not offered');
  const created = await scoped(db, commune.id)
    .insertInto('proposals', {
      consultation_id: consultationId,
      phase_id: phase.id,
      author_id: proposal.authorId,
      on_behalf_of: proposal.onBehalfOf ?? null,
      channel: proposal.channel ?? (proposal.onBehalfOf ? 'mediator' : 'web'),
      title: proposal.title,
      body: proposal.body,
      neighbourhood: proposal.neighbourhood ?? null,
      category: proposal.category ?? null,
      photo_file_id: proposal.photoFileId ?? null,
      place: proposal.place ?? null,
      latitude: proposal.latitude ?? null,
      longitude: proposal.longitude ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // Authors follow their proposal, so they hear about its answer and what follows.
  await follow(db, commune.id, proposal.authorId, { proposalId: created.id });
  return created;
}

/** One support per person and proposal: the unique constraint decides, so parallel clicks count once. */
export async function supportProposal(db: Kysely<PlatformTables>, commune: { id: string; time_zone: string }, proposal: { id: string; consultation_id: string }, userId: string, withdraw = false) {
  await openPhaseFor(db, commune, proposal.consultation_id, 'allows_supports');
  const inCommune = scoped(db, commune.id);
  if (withdraw) {
    await inCommune.deleteFrom('proposal_supports').where('proposal_id', '=', proposal.id).where('user_id', '=', userId).execute();
    return;
  }
  await inCommune.insertInto('proposal_supports', { proposal_id: proposal.id, user_id: userId }).onConflict((oc) => oc.constraint('proposal_supports_one_per_person').doNothing()).execute();
}

/** Records the commune's answer and tells the author and the proposal's followers. */
export async function answerProposal(db: Kysely<PlatformTables>, communeId: string, proposalId: string, answer: { status: Answer; reason: string; staffId: string }) {
  const inCommune = scoped(db, communeId);
  const proposal = await inCommune
    .updateTable('proposals')
    .set({ answer: answer.status, answer_reason: answer.reason, answered_at: new Date(), answered_by: answer.staffId })
    .where('id', '=', proposalId)
    .returning(['author_id'])
    .executeTakeFirst();
  if (proposal) {
    await notify(db, { kind: 'proposal_answered', communeId, actorId: answer.staffId, about: { proposalId }, to: { users: [proposal.author_id], followersOfProposal: proposalId } });
  }
}
