import type { Kysely } from 'kysely';
import { recordAudit } from '../../../platform/audit/audit.js';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { localizedText, type PracticeInput, searchTextOf, translatedFields } from './forms.js';
import { type PracticeStatus, scopedPractices } from './tables.js';

type Db = Kysely<PlatformTables>;
export interface PracticeActor {
  communeId: string;
  actorId: string | null;
  ip?: string | null;
}

/** The most documents one practice carries: a report, a few photos; the library stays light to browse. */
export const maxDocumentsPerPractice = 6;

const audit = (db: Db, actor: PracticeActor, action: string, resourceId: string, details: Record<string, unknown> = {}) =>
  recordAudit(db, { communeId: actor.communeId, actorUserId: actor.actorId, ip: actor.ip ?? null, action: `network.practice.${action}`, resourceType: 'network_practice', resourceId, details });

function practiceColumns(input: PracticeInput) {
  const texts = Object.fromEntries(translatedFields.map((name) => [name, localizedText(input, name)]));
  return {
    title: JSON.stringify(texts.title),
    summary: JSON.stringify(texts.summary),
    body: JSON.stringify(texts.body),
    results: JSON.stringify(texts.results),
    principles: JSON.stringify(input.principles),
    modules: JSON.stringify([...new Set(input.modules)]),
    contact_name: input.contact_name ?? '',
    contact_role: input.contact_role ?? '',
    contact_email: input.contact_email ?? '',
    contact_phone: input.contact_phone ?? '',
    search_text: searchTextOf(translatedFields.map((name) => texts[name]!)),
  };
}

export async function createPractice(db: Db, actor: PracticeActor, input: PracticeInput): Promise<string> {
  const row = await scopedPractices(db, actor.communeId)
    .insertInto('network_practices', { ...practiceColumns(input), created_by: actor.actorId })
    .returning('id')
    .executeTakeFirstOrThrow();
  await audit(db, actor, 'created', row.id);
  return row.id;
}

export async function updatePractice(db: Db, actor: PracticeActor, id: string, input: PracticeInput): Promise<void> {
  await scopedPractices(db, actor.communeId).updateTable('network_practices').set({ ...practiceColumns(input), updated_at: new Date() }).where('id', '=', id).execute();
  await audit(db, actor, 'updated', id);
}

export async function setPracticeStatus(db: Db, actor: PracticeActor, id: string, status: PracticeStatus): Promise<void> {
  const published_at = status === 'published' ? new Date() : null;
  await scopedPractices(db, actor.communeId).updateTable('network_practices').set({ status, published_at, updated_at: new Date() }).where('id', '=', id).execute();
  await audit(db, actor, status === 'published' ? 'published' : 'unpublished', id);
}

export async function addPracticeDocument(db: Db, actor: PracticeActor, practiceId: string, document: { title: string; fileId: string; kind: 'document' | 'photo' }): Promise<void> {
  const row = await scopedPractices(db, actor.communeId)
    .insertInto('network_practice_documents', { practice_id: practiceId, file_id: document.fileId, title: document.title, kind: document.kind })
    .returning('id')
    .executeTakeFirstOrThrow();
  await audit(db, actor, 'document_added', practiceId, { documentId: row.id, kind: document.kind });
}

export async function removePracticeDocument(db: Db, actor: PracticeActor, practiceId: string, documentId: string): Promise<boolean> {
  const removed = await scopedPractices(db, actor.communeId).deleteFrom('network_practice_documents').where('practice_id', '=', practiceId).where('id', '=', documentId).executeTakeFirst();
  if (Number(removed.numDeletedRows) === 0) return false;
  await audit(db, actor, 'document_removed', practiceId, { documentId });
  return true;
}
