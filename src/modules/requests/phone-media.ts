import type { Generated, Kysely } from 'kysely';
import type { PlatformTables } from '../../platform/db/platform-tables.js';
import type { FileStorage } from '../../platform/storage/storage.js';
import { storeFile } from '../../platform/storage/uploads.js';
import { requestsDb } from './queries/requests-db.js';

type AttachmentTables = {
  request_attachments: { id: Generated<string>; commune_id: string; request_id: string; file_id: string; channel: string; source_id: string; created_at: Generated<Date> };
};

const attachmentsDb = (db: Kysely<PlatformTables>) => db.withTables<AttachmentTables>();

/** A file a reporter sent from a phone, with the provider's id for it (a retried job attaches it once). */
export interface PhoneMedia {
  content: Buffer;
  filename: string;
  channel: 'whatsapp' | 'sms';
  sourceId: string;
}

/**
 * Attaches a photo (JPEG, PNG, WebP, re-encoded without its metadata) or a PDF to a complaint of this commune. The
 * first photo also becomes the complaint's photo, as with the web form. Null when the reference is unknown; a file
 * of another type throws AppError UNSUPPORTED_FILE_TYPE.
 */
export async function attachPhoneMedia(
  services: { db: Kysely<PlatformTables>; storage: FileStorage },
  communeId: string,
  reference: string,
  media: PhoneMedia,
): Promise<{ fileId: string } | null> {
  const complaint = await requestsDb(services.db).selectFrom('requests').select(['id', 'photo_file_id']).where('commune_id', '=', communeId).where('reference', '=', reference).where('kind', '=', 'complaint').executeTakeFirst();
  if (!complaint) return null;
  const attachments = attachmentsDb(services.db);
  const earlier = await attachments.selectFrom('request_attachments').select('file_id').where('commune_id', '=', communeId).where('channel', '=', media.channel).where('source_id', '=', media.sourceId).executeTakeFirst();
  if (earlier) return { fileId: earlier.file_id };
  const stored = await storeFile(services, media, { communeId, accept: ['image', 'pdf'], uploadedBy: null });
  await attachments.insertInto('request_attachments').values({ commune_id: communeId, request_id: complaint.id, file_id: stored.id, channel: media.channel, source_id: media.sourceId }).onConflict((oc) => oc.doNothing()).execute();
  if (!complaint.photo_file_id && stored.mediaType.startsWith('image/')) {
    await requestsDb(services.db).updateTable('requests').set({ photo_file_id: stored.id }).where('commune_id', '=', communeId).where('id', '=', complaint.id).where('photo_file_id', 'is', null).execute();
  }
  return { fileId: stored.id };
}

/** The files attached to a complaint from a phone, oldest first, for the staff. */
export async function phoneAttachments(db: Kysely<PlatformTables>, communeId: string, requestId: string): Promise<{ fileId: string; channel: string; mediaType: string }[]> {
  const rows = await attachmentsDb(db)
    .selectFrom('request_attachments')
    .innerJoin('stored_files', 'stored_files.id', 'request_attachments.file_id')
    .select(['request_attachments.file_id', 'request_attachments.channel', 'stored_files.media_type'])
    .where('request_attachments.commune_id', '=', communeId)
    .where('request_attachments.request_id', '=', requestId)
    .orderBy('request_attachments.created_at')
    .execute();
  return rows.map((row) => ({ fileId: row.file_id, channel: row.channel, mediaType: row.media_type }));
}
