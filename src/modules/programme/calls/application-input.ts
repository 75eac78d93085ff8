import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { FormState } from '../../../platform/http/forms.js';
import type { FileStorage } from '../../../platform/storage/storage.js';
import { photoFingerprint, readMultipartForm } from '../../../platform/storage/uploads.js';
import type { Answers, FieldRow } from '../db/tables.js';
import { inputName } from '../../../platform/forms/typed-fields.js';
import { storeApplicationFile } from './files.js';

/** What an application form sent: its text inputs and its files (in memory, within the upload limit). */
export interface ApplicationInput {
  values: Record<string, string>;
  files: Record<string, { content: Buffer; filename: string }>;
  oversized: string[];
}

const technicalInputs = new Set(['_csrf', '_idempotency', 'action']);

/** Reads the form: multipart from browsers (files), url-encoded from simpler clients (no files). */
export async function readApplicationInput(request: FastifyRequest): Promise<ApplicationInput> {
  if (request.isMultipart()) {
    const form = await readMultipartForm(request, { keepTextOnOversize: true });
    return { values: form.fields, files: form.files, oversized: form.oversized ?? [] };
  }
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries((request.body ?? {}) as Record<string, unknown>)) if (typeof value === 'string') values[name] = value;
  return { values, files: {}, oversized: [] };
}

/** The typed text to keep in a draft: everything but the technical inputs, each within a sane length. */
export function typedValues(input: ApplicationInput): Record<string, string> {
  return Object.fromEntries(Object.entries(input.values).filter(([name]) => !technicalInputs.has(name) && /^[a-z_][a-z0-9_]{0,60}$/.test(name)).map(([name, value]) => [name, value.slice(0, 20_000)]));
}

/** The payload an idempotency key is bound to: the text and each file's digest. */
export function inputFingerprint(input: ApplicationInput): Record<string, string> {
  const files = Object.fromEntries(Object.entries(input.files).map(([name, file]) => [`_file_${name}`, photoFingerprint(file)]));
  return { ...input.values, ...files };
}

/**
 * Stores the files sent for the call's file fields; returns the file answers (the earlier ones, replaced by any new
 * upload) and an error per refused file.
 */
export async function storeInputFiles(
  services: { db: Kysely<PlatformTables>; storage: FileStorage },
  target: { applicationId: string; uploadedBy: string | null; earlier: Answers },
  fields: FieldRow[],
  input: ApplicationInput,
): Promise<{ files: Answers; errors: FormState['errors'] }> {
  const files: Answers = {};
  const errors: FormState['errors'] = {};
  for (const field of fields.filter((f) => f.kind === 'file')) {
    const name = inputName(field);
    const earlier = target.earlier[field.key];
    if (earlier !== undefined && typeof earlier === 'object') files[field.key] = earlier;
    if (input.oversized.includes(name)) errors[name] = 'programme.apply.error_file_size';
    const upload = input.files[name];
    if (!upload) continue;
    const stored = await storeApplicationFile(services.db, services.storage, { applicationId: target.applicationId, fieldKey: field.key, uploadedBy: target.uploadedBy }, upload);
    if ('error' in stored) errors[name] = stored.error;
    else files[field.key] = stored;
  }
  return { files, errors };
}
