import { text } from 'node:stream/consumers';
import { fileTypeFromStream } from 'file-type';
import type { FileStorage } from '../../../platform/storage/storage.js';

/** The formats a file resource may have, with the media type it is served with. */
export const fileFormats = {
  CSV: 'text/csv',
  XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  JSON: 'application/json',
  GEOJSON: 'application/geo+json',
  PDF: 'application/pdf',
} as const;
export type FileFormat = keyof typeof fileFormats;

/** Links may point at more kinds of things than we accept as uploads. */
export const linkFormats = { ...fileFormats, HTML: 'text/html', XML: 'application/xml', ZIP: 'application/zip', API: 'application/json' } as const;
export type LinkFormat = keyof typeof linkFormats;

export const tabularFormats: readonly string[] = ['CSV', 'XLSX'];

const byExtension: Record<string, FileFormat> = { csv: 'CSV', xlsx: 'XLSX', json: 'JSON', geojson: 'GEOJSON', pdf: 'PDF' };
/** Small JSON files are parsed whole to be sure; larger ones only checked at their first character. */
const jsonParseLimit = 5 * 1024 * 1024;
const textSample = 64 * 1024;

export function sanitisedFilename(original: string): string {
  const base = original.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[.-]+/, '')
    .slice(-100);
  return cleaned || 'file';
}

async function head(storage: FileStorage, key: string, bytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of storage.read(key)) {
    chunks.push(chunk as Buffer);
    length += (chunk as Buffer).length;
    if (length >= bytes) break;
  }
  return Buffer.concat(chunks).subarray(0, bytes);
}

/** The binary signature found in the file, if any; the file is closed afterwards, read or not. */
async function signatureOf(storage: FileStorage, key: string) {
  const stream = storage.read(key);
  try {
    return await fileTypeFromStream(stream);
  } finally {
    stream.destroy();
  }
}

/** Text formats have no signature: no NUL byte, and the binary detector recognises nothing. */
async function looksLikeText(storage: FileStorage, key: string): Promise<Buffer | null> {
  const sample = await head(storage, key, textSample);
  if (sample.includes(0)) return null;
  return (await signatureOf(storage, key)) ? null : sample;
}

async function looksLikeJson(storage: FileStorage, key: string, byteSize: number): Promise<boolean> {
  const sample = await looksLikeText(storage, key);
  if (!sample) return false;
  const start = sample.toString('utf8').replace(/^\uFEFF/, '').trimStart();
  if (!start.startsWith('{') && !start.startsWith('[')) return false;
  if (byteSize > jsonParseLimit) return true;
  try {
    JSON.parse((await text(storage.read(key))).replace(/^\uFEFF/, ''));
    return true;
  } catch {
    return false;
  }
}

/**
 * The format of a stored upload, from its name and checked against its bytes: binary formats by their
 * signature, text formats by a sanity check. Undefined when the two disagree or the format is not accepted.
 */
export async function detectFileFormat(storage: FileStorage, key: string, filename: string, byteSize: number): Promise<FileFormat | undefined> {
  const claimed = byExtension[filename.split('.').pop()?.toLowerCase() ?? ''];
  if (!claimed || byteSize === 0) return undefined;
  if (claimed === 'PDF' || claimed === 'XLSX') {
    const detected = await signatureOf(storage, key);
    return detected?.ext === claimed.toLowerCase() ? claimed : undefined;
  }
  if (claimed === 'CSV') return (await looksLikeText(storage, key)) ? claimed : undefined;
  return (await looksLikeJson(storage, key, byteSize)) ? claimed : undefined;
}
