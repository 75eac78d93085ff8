import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { AppError } from '../../../platform/http/errors.js';
import { isoDate } from '../../../platform/i18n/format.js';
import type { Meeting } from '../db/tables.js';
import { activePhase } from '../phases.js';
import { findConsultation, phasesOf, scoped } from '../queries/participation-queries.js';

/** The phase a meeting belongs to: the one open on its day, else the latest begun before it, else the first. */
async function phaseOfMeeting(db: Kysely<PlatformTables>, commune: { id: string; time_zone: string }, meeting: Meeting) {
  const phases = await phasesOf(db, commune.id, meeting.consultation_id);
  const day = isoDate(meeting.starts_at, commune.time_zone);
  const phase = activePhase(phases, day, null) ?? phases.filter((p) => p.starts_on <= day).at(-1) ?? phases[0];
  if (!phase) throw new AppError('CONFLICT', 'the consultation has no phase');
  return phase;
}

/**
 * A proposal voiced at a public meeting, recorded by the staff member who writes it down (its author_id):
 * channel 'meeting', linked to the meeting, counted in the channel figures but not as a participant.
 */
export async function recordMeetingProposal(
  db: Kysely<PlatformTables>,
  commune: { id: string; time_zone: string },
  meeting: Meeting,
  proposal: { title: string; body: string; neighbourhood?: string | undefined; category?: string | undefined; staffId: string },
) {
  const consultation = await findConsultation(db, commune.id, meeting.consultation_id, { includeDrafts: true });
  if (!consultation) throw new AppError('NOT_FOUND');
  if (proposal.category && !consultation.categories.includes(proposal.category)) throw new AppError('VALIDATION_FAILED', 'category not offered');
  const phase = await phaseOfMeeting(db, commune, meeting);
  return scoped(db, commune.id)
    .insertInto('proposals', {
      consultation_id: consultation.id,
      phase_id: phase.id,
      author_id: proposal.staffId,
      channel: 'meeting',
      meeting_id: meeting.id,
      title: proposal.title,
      body: proposal.body,
      neighbourhood: proposal.neighbourhood ?? null,
      category: proposal.category ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}
