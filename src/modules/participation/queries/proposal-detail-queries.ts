import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { isUuid, scoped } from './participation-queries.js';

export interface StoredImage {
  id: string;
  width: number | null;
  height: number | null;
}

/** What the proposal page shows beside the text: photo, the meeting it came from, the proposal it was merged into. */
export async function proposalExtras(db: Kysely<PlatformTables>, communeId: string, proposal: { photo_file_id: string | null; meeting_id: string | null; merged_into_id: string | null }) {
  const inCommune = scoped(db, communeId);
  const [photo, meeting, mergedInto] = await Promise.all([
    proposal.photo_file_id ? inCommune.selectFrom('stored_files').select(['id', 'width', 'height']).where('id', '=', proposal.photo_file_id).executeTakeFirst() : undefined,
    proposal.meeting_id ? inCommune.selectFrom('consultation_meetings').select(['id', 'starts_at', 'location']).where('id', '=', proposal.meeting_id).executeTakeFirst() : undefined,
    proposal.merged_into_id ? inCommune.selectFrom('proposals').select(['id', 'title']).where('id', '=', proposal.merged_into_id).executeTakeFirst() : undefined,
  ]);
  return { photo: photo ?? null, meeting: meeting ?? null, mergedInto: mergedInto ?? null };
}

export type ProposalExtras = Awaited<ReturnType<typeof proposalExtras>>;

/** Photos of the given meetings, oldest first, with their stored sizes for width/height attributes. */
/** What a meeting photo shows: its file, caption and size. */
export const meetingPhotoColumns = ['consultation_meeting_photos.id', 'consultation_meeting_photos.meeting_id', 'consultation_meeting_photos.file_id', 'consultation_meeting_photos.caption', 'stored_files.width', 'stored_files.height'] as const;

export async function meetingPhotosOf(db: Kysely<PlatformTables>, communeId: string, meetingIds: string[]) {
  if (meetingIds.length === 0) return [];
  return scoped(db, communeId)
    .selectFrom('consultation_meeting_photos')
    .innerJoin('stored_files', 'stored_files.id', 'consultation_meeting_photos.file_id')
    .select(meetingPhotoColumns)
    .where('consultation_meeting_photos.meeting_id', 'in', meetingIds)
    .orderBy('consultation_meeting_photos.created_at')
    .orderBy('consultation_meeting_photos.id')
    .limit(500)
    .execute();
}

export type MeetingPhoto = Awaited<ReturnType<typeof meetingPhotosOf>>[number];

export async function findMeeting(db: Kysely<PlatformTables>, communeId: string, id: string) {
  if (!isUuid(id)) return undefined;
  return scoped(db, communeId).selectFrom('consultation_meetings').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A proposal for the back-office, drafts included (staff prepare consultations before publishing them). */
export async function findProposalForStaff(db: Kysely<PlatformTables>, communeId: string, id: string) {
  if (!isUuid(id)) return undefined;
  return scoped(db, communeId).selectFrom('proposals').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Proposals a duplicate may be merged into: same consultation, not merged themselves. */
export async function mergeCandidates(db: Kysely<PlatformTables>, communeId: string, proposal: { id: string; consultation_id: string }) {
  return scoped(db, communeId)
    .selectFrom('proposals')
    .select(['id', 'title'])
    .where('consultation_id', '=', proposal.consultation_id)
    .where('id', '!=', proposal.id)
    .where('merged_into_id', 'is', null)
    .orderBy('title')
    .orderBy('id')
    .limit(500)
    .execute();
}
