import { fileTypeFromBuffer } from 'file-type';

/** Scans a form's file field takes: recognised by their bytes, never their name or declared type. */
const scanExtensions: Record<string, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' };

/** The type of a scanned document (PDF, JPEG or PNG), or null for anything else. */
export async function recogniseScan(content: Buffer): Promise<{ mediaType: string; extension: string } | null> {
  const detected = await fileTypeFromBuffer(content);
  const extension = detected ? scanExtensions[detected.mime] : undefined;
  return detected && extension ? { mediaType: detected.mime, extension } : null;
}

/** A sent file's name, safe to store and to put in a download header: no control characters, no path. */
export const safeFilename = (name: string, fallback: string) => [...name].map((c) => (c < ' ' || c === '/' || c === '\\' ? '_' : c)).join('').slice(0, 200) || fallback;

/** The columns a module's table keeps for each stored scan (beside its own id, owner and dates). */
export interface StoredScanColumns {
  field_key: string;
  storage_key: string;
  media_type: string;
  byte_size: number;
  sha256: string;
  original_name: string;
}
