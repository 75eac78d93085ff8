import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Commune, PlatformTables } from '../../../platform/db/platform-tables.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { recogniseScan, safeFilename } from '../../../platform/forms/scan-files.js';
import { type Answers, checkAnswers, inputName } from '../../../platform/forms/typed-fields.js';
import type { FormState } from '../../../platform/http/forms.js';
import { isoDate } from '../../../platform/i18n/format.js';
import { type LocalizedText, locales, pickLocalized } from '../../../platform/i18n/locales.js';
import type { FileStorage } from '../../../platform/storage/storage.js';
import type { RequestChannel } from '../db/tables.js';
import { hashAccessCode, newAccessCode, nextReference } from '../reference.js';
import { type ProcedureField, type ProcedureRequest, procedureDb } from './tables.js';

export interface Upload {
  content: Buffer;
  filename: string;
}

interface CheckedScan extends Upload {
  mediaType: string;
  extension: string;
}

export interface CheckedProcedureForm {
  answers: Answers;
  scans: Record<string, CheckedScan>;
  errors: FormState['errors'];
}

async function checkScan(upload: Upload): Promise<CheckedScan | null> {
  const scan = await recogniseScan(upload.content);
  return scan ? { ...upload, ...scan } : null;
}

/**
 * Reads a procedure's form: one error key per invalid input, nothing thrown on hostile input. Files are taken only
 * for the procedure's file fields (anything else sent is ignored) and only when their bytes are a PDF, JPEG or PNG.
 */
export async function checkProcedureForm(fields: ProcedureField[], values: Record<string, string>, uploads: Record<string, Upload>, oversized: string[]): Promise<CheckedProcedureForm> {
  const errors: FormState['errors'] = {};
  const scans: Record<string, CheckedScan> = {};
  const pending: Answers = {};
  for (const field of fields.filter((f) => f.kind === 'file')) {
    const name = inputName(field);
    const upload = uploads[name];
    if (oversized.includes(name)) errors[name] = 'requests.procedure.error_file_size';
    if (!upload) continue;
    const scan = await checkScan(upload);
    if (!scan) errors[name] = 'requests.procedure.error_file_type';
    else {
      scans[field.key] = scan;
      // Stands for the file until it is stored: the required check only needs to know one was given.
      pending[field.key] = { fileId: '', filename: scan.filename };
    }
  }
  const answers = checkAnswers(fields, values, pending, 'complete', errors);
  for (const key of Object.keys(pending)) delete answers[key];
  return { answers, scans, errors };
}

export interface ProcedureFiling {
  procedure: { id: string; title: LocalizedText };
  answers: Answers;
  scans: Record<string, CheckedScan>;
  channel: RequestChannel;
  reporter: { userId: string | null; name: string | null; phone: string | null; locale: string | null };
  assistedParticipantId?: string | null;
  /** The mediator who typed it in for someone. */
  recordedBy?: string | null;
}

/** Stores the scans under fresh ids (before the rows: a rolled-back filing leaves only unreferenced bytes). */
async function storeScans(storage: FileStorage, communeId: string, scans: Record<string, CheckedScan>) {
  const stored: { id: string; fieldKey: string; storageKey: string; scan: CheckedScan; filename: string }[] = [];
  for (const [fieldKey, scan] of Object.entries(scans)) {
    const id = randomUUID();
    const storageKey = `requests/${communeId}/${id}.${scan.extension}`;
    await storage.put(storageKey, scan.content);
    stored.push({ id, fieldKey, storageKey, scan, filename: safeFilename(scan.filename, `${fieldKey}.${scan.extension}`) });
  }
  return stored;
}

/**
 * Files a procedure request: a DA reference from the commune's counter, private from the start (personal data),
 * in the stage "received". Returns the access code, shown once.
 */
export async function fileProcedureRequest(db: Kysely<PlatformTables>, storage: FileStorage, commune: Commune, input: ProcedureFiling, now = new Date()): Promise<{ request: ProcedureRequest; accessCode: string }> {
  const submittedOn = isoDate(now, commune.time_zone);
  const accessCode = newAccessCode();
  const stored = await storeScans(storage, commune.id, input.scans);
  const answers: Answers = { ...input.answers, ...Object.fromEntries(stored.map((s) => [s.fieldKey, { fileId: s.id, filename: s.filename }])) };
  // Not personal: the procedure's name, so lists and exports that read `description` never need the answers.
  const description = pickLocalized(input.procedure.title, commune.default_locale, locales)?.value ?? 'procedure';
  const request = await inTransaction(procedureDb(db), async (trx) => {
    const reference = await nextReference(trx, commune.id, 'procedure', Number(submittedOn.slice(0, 4)));
    const row = await trx
      .insertInto('requests')
      .values({
        commune_id: commune.id,
        kind: 'procedure',
        reference,
        access_code_hash: hashAccessCode(accessCode),
        description: description.slice(0, 4000),
        procedure_id: input.procedure.id,
        answers: JSON.stringify(answers),
        status: 'received',
        stage: 'received',
        is_private: true,
        channel: input.channel,
        reporter_user_id: input.reporter.userId,
        reporter_name: input.reporter.name,
        reporter_phone: input.reporter.phone,
        reporter_locale: input.reporter.locale,
        assisted_participant_id: input.assistedParticipantId ?? null,
        recorded_by: input.recordedBy ?? null,
        submitted_on: submittedOn,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    for (const file of stored) {
      await trx
        .insertInto('request_files')
        .values({ id: file.id, commune_id: commune.id, request_id: row.id, field_key: file.fieldKey, storage_key: file.storageKey, media_type: file.scan.mediaType, byte_size: file.scan.content.length, sha256: createHash('sha256').update(file.scan.content).digest('hex'), original_name: file.filename })
        .execute();
    }
    await trx.insertInto('request_events').values({ commune_id: commune.id, request_id: row.id, kind: 'submitted', author: 'citizen', status: 'received', is_public: false, created_at: now }).execute();
    return row;
  });
  return { request, accessCode };
}
