import { createHash, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { isUuid } from '../../../platform/db/uuid.js';
import { recogniseScan, safeFilename } from '../../../platform/forms/scan-files.js';
import { AppError } from '../../../platform/http/errors.js';
import type { FileStorage } from '../../../platform/storage/storage.js';
import { programmePolicy, teamStanding } from '../permissions.js';
import { callsDb } from './tables.js';
import { sendPrivateDownload } from '../../../platform/storage/private-download.js';

export type StoredAnswerFile = { fileId: string; filename: string } | { error: string };

/**
 * Stores a file of an application as it came (PDF, JPEG or PNG, recognised by its bytes, never its name), with its
 * checksum. Private: not in `stored_files`, whose files are public.
 */
export async function storeApplicationFile(
  db: Kysely<PlatformTables>,
  storage: FileStorage,
  target: { applicationId: string; fieldKey: string; uploadedBy: string | null },
  file: { content: Buffer; filename: string },
): Promise<StoredAnswerFile> {
  const scan = await recogniseScan(file.content);
  if (!scan) return { error: 'programme.apply.error_file_type' };
  const { extension, mediaType } = scan;
  const id = randomUUID();
  const storageKey = `programme/${target.applicationId}/${id}.${extension}`;
  await storage.put(storageKey, file.content);
  const filename = safeFilename(file.filename, `${target.fieldKey}.${extension}`);
  await callsDb(db)
    .insertInto('programme_files')
    .values({ id, application_id: target.applicationId, field_key: target.fieldKey, storage_key: storageKey, media_type: mediaType, byte_size: file.content.length, sha256: createHash('sha256').update(file.content).digest('hex'), original_name: filename, uploaded_by: target.uploadedBy })
    .execute();
  return { fileId: id, filename };
}

/** Serves an application's file to its applicant and the programme's team; everyone else is told it does not exist. */
export function registerApplicationFileRoute(app: FastifyInstance): void {
  app.get<{ Params: { id: string } }>('/network/programme/files/:id', { config: { access: 'public' } }, async (request, reply) => {
    const { db, storage } = app.platform;
    if (!isUuid(request.params.id)) throw new AppError('NOT_FOUND');
    const file = await callsDb(db)
      .selectFrom('programme_files')
      .innerJoin('programme_applications', 'programme_applications.id', 'programme_files.application_id')
      .select(['programme_files.storage_key', 'programme_files.media_type', 'programme_files.original_name', 'programme_applications.applicant_user_id'])
      .where('programme_files.id', '=', request.params.id)
      .executeTakeFirst();
    const standing = await teamStanding(db, request.actor);
    if (!file || !programmePolicy.can(request.actor, 'programme.application.read', { standing, application: file })) throw new AppError('NOT_FOUND');
    return sendPrivateDownload(reply, storage, file);
  });
}
