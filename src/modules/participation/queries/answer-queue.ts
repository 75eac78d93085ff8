import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { scoped } from './participation-queries.js';

export type AnswerTab = 'awaiting' | 'answered';
export const answerQueuePageSize = 50;

/** Visible proposals of a consultation still waiting for the commune's answer (hidden and merged ones need none). */
export async function awaitingAnswerCount(db: Kysely<PlatformTables>, communeId: string, consultationId: string): Promise<number> {
  const row = await scoped(db, communeId)
    .selectFrom('proposals')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('consultation_id', '=', consultationId)
    .where('answer', 'is', null)
    .where('hidden_at', 'is', null)
    .where('merged_into_id', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function decodeAfter(after: string | undefined): { at: Date; id: string } | null {
  const match = /^(.+)_([0-9a-f-]{36})$/.exec(after ?? '');
  const at = match ? new Date(match[1]!) : null;
  return match && at && !Number.isNaN(at.getTime()) ? { at, id: match[2]! } : null;
}

/**
 * The staff's answering queue, a page at a time: proposals waiting for an answer, oldest first (the ones
 * waiting longest come first), or those already answered, latest answer first.
 */
export async function answerQueue(db: Kysely<PlatformTables>, communeId: string, consultationId: string, tab: AnswerTab, after?: string) {
  const cursor = decodeAfter(after);
  let query = scoped(db, communeId).selectFrom('proposals').selectAll().where('consultation_id', '=', consultationId).where('merged_into_id', 'is', null);
  if (tab === 'awaiting') {
    query = query.where('answer', 'is', null).orderBy('created_at').orderBy('id');
    if (cursor) query = query.where((eb) => eb.or([eb('created_at', '>', cursor.at), eb.and([eb('created_at', '=', cursor.at), eb('id', '>', cursor.id)])]));
  } else {
    query = query.where('answer', 'is not', null).orderBy('answered_at', 'desc').orderBy('id');
    if (cursor) query = query.where((eb) => eb.or([eb('answered_at', '<', cursor.at), eb.and([eb('answered_at', '=', cursor.at), eb('id', '>', cursor.id)])]));
  }
  const rows = await query.limit(answerQueuePageSize + 1).execute();
  const items = rows.slice(0, answerQueuePageSize);
  const last = items.at(-1);
  const lastAt = last ? (tab === 'awaiting' ? last.created_at : last.answered_at) : null;
  return { items, next: rows.length > answerQueuePageSize && last && lastAt ? `${lastAt.toISOString()}_${last.id}` : null };
}
