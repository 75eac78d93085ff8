import { type Kysely, sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { Meeting, Phase } from '../db/tables.js';
import type { Survey } from '../surveys/survey-tables.js';
import { meetingPhotoColumns } from './proposal-detail-queries.js';
import { isUuid, scoped, statsFromRows, type StatsRow } from './participation-queries.js';

/** JSON has no dates: timestamps come back as strings and are turned back into Dates (date-only columns stay strings). */
function reviveTimestamps<Row>(rows: Record<string, unknown>[]): Row[] {
  for (const row of rows) for (const [key, value] of Object.entries(row)) if (key.endsWith('_at') && typeof value === 'string') row[key] = new Date(value);
  return rows as Row[];
}

/**
 * Everything the consultation page shows except its proposals, in one round trip: the consultation, its
 * phases, meetings with their photos, surveys and participation figures. On the embedded database each
 * query costs a fixed quarter of a millisecond, so six separate queries cost more than the data.
 */
export async function consultationPageData(db: Kysely<PlatformTables>, communeId: string, id: string) {
  if (!isUuid(id)) return undefined;
  const row = await scoped(db, communeId)
    .selectFrom('consultations')
    .selectAll('consultations')
    .select((eb) => [
      jsonArrayFrom(eb.selectFrom('consultation_phases').selectAll('consultation_phases').whereRef('consultation_phases.consultation_id', '=', 'consultations.id').orderBy('starts_on').orderBy('id')).as('phases'),
      jsonArrayFrom(eb.selectFrom('consultation_meetings').selectAll('consultation_meetings').whereRef('consultation_meetings.consultation_id', '=', 'consultations.id').orderBy('starts_at').orderBy('id').limit(100)).as('meetings'),
      jsonArrayFrom(
        eb
          .selectFrom('consultation_meeting_photos')
          .innerJoin('consultation_meetings', 'consultation_meetings.id', 'consultation_meeting_photos.meeting_id')
          .innerJoin('stored_files', 'stored_files.id', 'consultation_meeting_photos.file_id')
          .select(meetingPhotoColumns)
          .whereRef('consultation_meetings.consultation_id', '=', 'consultations.id')
          .orderBy('consultation_meeting_photos.created_at')
          .orderBy('consultation_meeting_photos.id')
          .limit(500),
      ).as('meetingPhotos'),
      jsonArrayFrom(eb.selectFrom('surveys').selectAll('surveys').whereRef('surveys.consultation_id', '=', 'consultations.id').orderBy('created_at').orderBy('id')).as('surveys'),
      sql<StatsRow[]>`(select coalesce(json_agg(figures), '[]') from (
        select 'channel' as dimension, channel as key, proposals as n from consultation_channel_counts
          where consultation_id = consultations.id and proposals > 0
        union all
        select dimension, key, n from consultation_figures where consultation_id = consultations.id and n > 0
        order by 1, 2) figures)`.as('figures'),
      sql<{ width: number | null; height: number | null } | null>`(select json_build_object('width', width, 'height', height) from stored_files where id = consultations.image_file_id)`.as('image'),
    ])
    .where('consultations.id', '=', id)
    .where('consultations.status', '!=', 'draft')
    .executeTakeFirst();
  if (!row) return undefined;
  const { phases, meetings, meetingPhotos, surveys, figures, image, ...consultation } = row;
  return { consultation, image, phases: reviveTimestamps<Phase>(phases), meetings: reviveTimestamps<Meeting>(meetings), meetingPhotos, surveys: reviveTimestamps<Survey>(surveys), stats: statsFromRows(figures) };
}
