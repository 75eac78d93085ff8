import type { FastifyReply } from 'fastify';
import type { FileStorage } from './storage.js';

/** A stored file that only an authorised handler may hand out (scans, application files). */
export interface PrivateFile {
  storage_key: string;
  media_type: string;
  original_name: string;
}

/** Sends a private file as a download: never cached, never sniffed as another type, its name kept safely. */
export function sendPrivateDownload(reply: FastifyReply, storage: FileStorage, file: PrivateFile): FastifyReply {
  return reply
    .type(file.media_type)
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.original_name)}`)
    .send(storage.read(file.storage_key));
}
