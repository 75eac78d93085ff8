import { createHash, randomUUID } from 'node:crypto';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { fileTypeFromBuffer } from 'file-type';
import type { Kysely } from 'kysely';
import sharp from 'sharp';
import type { PlatformTables } from '../db/platform-tables.js';
import { AppError } from '../http/errors.js';
import type { FileStorage } from './storage.js';

export type UploadKind = 'image' | 'pdf';

export interface StoredUpload {
  id: string;
  mediaType: string;
  byteSize: number;
}

/** A multipart form read whole: text fields, and files kept in memory (the size limit is enforced by the parser). */
export interface MultipartForm {
  fields: Record<string, string>;
  files: Record<string, { content: Buffer; filename: string }>;
  /** Files over the size limit, by field name, when the caller asked to keep the text anyway. */
  oversized?: string[];
}

const isFileTooLarge = (error: unknown) => (error as { code?: string } | null)?.code === 'FST_REQ_FILE_TOO_LARGE';

/**
 * Reads a multipart form. By default a file over the limit ends the request with a 413; with
 * `keepTextOnOversize` the file is dropped and named in `oversized`, so the page can say so and keep what was typed.
 */
export async function readMultipartForm(request: FastifyRequest, options: { keepTextOnOversize?: boolean } = {}): Promise<MultipartForm> {
  const oversized: string[] = [];
  const form: MultipartForm = { fields: {}, files: {}, oversized };
  if (!request.isMultipart()) throw new AppError('BAD_REQUEST', 'expected multipart/form-data');
  let field = '';
  try {
    for await (const part of request.parts()) {
      field = part.fieldname;
      if (part.type === 'file') {
        const content = await (part as MultipartFile).toBuffer();
        if (content.length > 0) form.files[part.fieldname] = { content, filename: part.filename };
      } else if (typeof part.value === 'string') {
        form.fields[part.fieldname] = part.value;
      }
    }
  } catch (error) {
    // The parser stops at an oversized file: what came before it (the text, in our forms) is kept.
    if (!options.keepTextOnOversize || !isFileTooLarge(error)) throw error;
    oversized.push(field);
  }
  return form;
}

const maxImageEdge = 1600;

/** Checks the type from the bytes (never the name), re-encodes images to strip metadata and shrink them. */
async function normalise(content: Buffer, accept: UploadKind[]) {
  const detected = await fileTypeFromBuffer(content);
  if (detected?.mime === 'application/pdf' && accept.includes('pdf')) {
    return { content, mediaType: 'application/pdf', extension: 'pdf', width: null, height: null };
  }
  if (detected && ['image/jpeg', 'image/png', 'image/webp'].includes(detected.mime) && accept.includes('image')) {
    const { data, info } = await sharp(content)
      .rotate()
      .resize({ width: maxImageEdge, height: maxImageEdge, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 78 })
      .toBuffer({ resolveWithObject: true });
    return { content: data, mediaType: 'image/webp', extension: 'webp', width: info.width, height: info.height };
  }
  throw new AppError('UNSUPPORTED_FILE_TYPE', `got ${detected?.mime ?? 'unknown'}`);
}

export async function storeUpload(
  request: FastifyRequest,
  file: { content: Buffer; filename: string },
  options: { communeId: string; accept: UploadKind[] },
): Promise<StoredUpload> {
  return storeFile(request.server.platform, file, { ...options, uploadedBy: request.actor.user?.id ?? null });
}

/**
 * Checks, re-encodes and stores a file that did not come with an HTTP request (a photo fetched from a provider by a
 * queue job): the same checks and the same `stored_files` row as a form upload.
 */
export async function storeFile(
  services: { db: Kysely<PlatformTables>; storage: FileStorage },
  file: { content: Buffer; filename: string },
  options: { communeId: string; accept: UploadKind[]; uploadedBy: string | null },
): Promise<StoredUpload> {
  const { db, storage } = services;
  const normalised = await normalise(file.content, options.accept);
  const id = randomUUID();
  const storageKey = `${options.communeId}/${id}.${normalised.extension}`;
  await storage.put(storageKey, normalised.content);
  await db
    .insertInto('stored_files')
    .values({
      id,
      commune_id: options.communeId,
      storage_key: storageKey,
      media_type: normalised.mediaType,
      byte_size: normalised.content.length,
      sha256: createHash('sha256').update(normalised.content).digest('hex'),
      original_name: file.filename.slice(0, 200),
      width: normalised.width,
      height: normalised.height,
      uploaded_by: options.uploadedBy,
    })
    .execute();
  return { id, mediaType: normalised.mediaType, byteSize: normalised.content.length };
}

/** Serves stored files; they belong to published commune content, and their ids are unguessable. */
export function registerFileRoutes(app: FastifyInstance): void {
  app.get<{ Params: { id: string } }>('/files/:id', { config: { access: 'public' } }, async (request, reply) => {
    const { id } = request.params;
    if (!/^[0-9a-f-]{36}$/.test(id)) throw new AppError('NOT_FOUND');
    const file = await app.platform.db.selectFrom('stored_files').selectAll().where('id', '=', id).executeTakeFirst();
    if (!file) throw new AppError('NOT_FOUND');
    return reply
      .type(file.media_type)
      .header('cache-control', 'public, max-age=86400')
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.original_name)}`)
      .send(app.platform.storage.read(file.storage_key));
  });
}

/** A file's part of a form's fingerprint (the idempotency payload, which holds text only): its bytes' digest. */
export function photoFingerprint(file: { content: Buffer } | undefined): string {
  return file ? createHash('sha256').update(file.content).digest('hex') : '';
}
