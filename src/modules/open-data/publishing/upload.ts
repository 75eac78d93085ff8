import type { FastifyRequest } from 'fastify';
import { AppError } from '../../../platform/http/errors.js';
import { detectFileFormat, type FileFormat, fileFormats, sanitisedFilename } from './file-format.js';

/** A file streamed to its final place in storage, checked, ready to be recorded on a resource. */
export interface StoredDataFile {
  storage_key: string;
  filename: string;
  format: FileFormat;
  media_type: string;
  byte_size: number;
  sha256: string;
}

export interface ReceivedUpload {
  fields: Record<string, string>;
  file?: StoredDataFile;
  /** The i18n key of what was wrong with the file; nothing of it is left in storage. */
  fileError?: string;
}

export const dataFileKey = (communeId: string, resourceId: string, filename: string) => `open-data/${communeId}/${resourceId}/${filename}`;
/** A replacement never overwrites the current file in place: if the upload is refused, the current one stays. */
function freshKey(target: { communeId: string; resourceId: string; currentKey?: string | null }, filename: string): string {
  const key = dataFileKey(target.communeId, target.resourceId, filename);
  return key === target.currentKey ? dataFileKey(target.communeId, target.resourceId, `${Date.now().toString(36)}-${filename}`) : key;
}

const isFileTooLarge = (error: unknown) => (error as { code?: string } | null)?.code === 'FST_REQ_FILE_TOO_LARGE';

/**
 * Reads a resource form: text fields kept, the file streamed straight to storage (a 100 MB CSV is never
 * held in memory), then its format checked. The form puts the file input last, after the fields.
 */
export async function receiveUpload(request: FastifyRequest, target: { communeId: string; resourceId: string; currentKey?: string | null }): Promise<ReceivedUpload> {
  if (!request.isMultipart()) throw new AppError('BAD_REQUEST', 'expected multipart/form-data');
  const { storage, config } = request.server.platform;
  const received: ReceivedUpload = { fields: {} };
  try {
    for await (const part of request.parts({ limits: { fileSize: config.dataUploadMaxBytes, files: 1, fields: 20 } })) {
      if (part.type === 'field') {
        if (typeof part.value === 'string') received.fields[part.fieldname] = part.value;
        continue;
      }
      if (!part.filename) {
        part.file.resume();
        continue;
      }
      const filename = sanitisedFilename(part.filename);
      const key = freshKey(target, filename);
      const stored = await storage.putStream(key, part.file);
      if (part.file.truncated) {
        await storage.remove(key);
        received.fileError = 'open-data.publishing.error_file_too_large';
        continue;
      }
      const format = await detectFileFormat(storage, key, filename, stored.byteSize);
      if (!format) {
        await storage.remove(key);
        received.fileError = 'open-data.publishing.error_file_type';
        continue;
      }
      received.file = { storage_key: key, filename, format, media_type: fileFormats[format], byte_size: stored.byteSize, sha256: stored.sha256 };
    }
  } catch (error) {
    if (!isFileTooLarge(error)) {
      if (received.file) await storage.remove(received.file.storage_key);
      throw error;
    }
    received.fileError = 'open-data.publishing.error_file_too_large';
  }
  return received;
}
