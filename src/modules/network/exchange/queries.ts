import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { LocalizedText } from '../../../platform/i18n/locales.js';
import { exchangeDb, type Principle, type ThreadStatus } from './tables.js';

export const threadsPerPage = 20;

export interface ThreadFilters {
  principle?: Principle | undefined;
  module?: string | undefined;
  status?: ThreadStatus | undefined;
  page: number;
}

export interface ThreadListItem {
  id: string;
  title: string;
  principle: Principle;
  module_tag: string | null;
  status: ThreadStatus;
  last_activity_at: Date;
  commune_name: LocalizedText | null;
  reply_count: number;
}

export interface PostView {
  id: string;
  body: string;
  created_at: Date;
  author_id: string;
  author_name: string | null;
  commune_name: LocalizedText | null;
}

export interface ThreadView extends PostView {
  title: string;
  principle: Principle;
  module_tag: string | null;
  status: ThreadStatus;
  accepted_reply_id: string | null;
  replies: PostView[];
}

/** Threads with the newest activity first, one page at a time; `hasMore` says whether a next page exists. */
export async function listThreads(db: Kysely<PlatformTables>, filters: ThreadFilters): Promise<{ threads: ThreadListItem[]; hasMore: boolean }> {
  let query = exchangeDb(db)
    .selectFrom('network_exchange_threads as t')
    .leftJoin('communes as c', 'c.id', 't.commune_id')
    .select((eb) => [
      't.id', 't.title', 't.principle', 't.module_tag', 't.status', 't.last_activity_at', 'c.name as commune_name',
      eb.selectFrom('network_exchange_replies as r').whereRef('r.thread_id', '=', 't.id').select(eb.fn.countAll<number>().as('n')).as('reply_count'),
    ]);
  if (filters.principle) query = query.where('t.principle', '=', filters.principle);
  if (filters.module) query = query.where('t.module_tag', '=', filters.module);
  if (filters.status) query = query.where('t.status', '=', filters.status);
  const rows = await query
    .orderBy('t.last_activity_at', 'desc')
    .orderBy('t.id')
    .limit(threadsPerPage + 1)
    .offset((filters.page - 1) * threadsPerPage)
    .execute();
  const threads = rows.slice(0, threadsPerPage).map((row) => ({ ...row, reply_count: Number(row.reply_count ?? 0) }));
  return { threads, hasMore: rows.length > threadsPerPage };
}

export async function findThread(db: Kysely<PlatformTables>, id: string): Promise<ThreadView | null> {
  const xdb = exchangeDb(db);
  const thread = await xdb
    .selectFrom('network_exchange_threads as t')
    .innerJoin('users as u', 'u.id', 't.author_id')
    .leftJoin('communes as c', 'c.id', 't.commune_id')
    .select(['t.id', 't.title', 't.body', 't.principle', 't.module_tag', 't.status', 't.accepted_reply_id', 't.created_at', 't.author_id', 'u.display_name as author_name', 'c.name as commune_name'])
    .where('t.id', '=', id)
    .executeTakeFirst();
  if (!thread) return null;
  const replies = await xdb
    .selectFrom('network_exchange_replies as r')
    .innerJoin('users as u', 'u.id', 'r.author_id')
    .leftJoin('communes as c', 'c.id', 'r.commune_id')
    .select(['r.id', 'r.body', 'r.created_at', 'r.author_id', 'u.display_name as author_name', 'c.name as commune_name'])
    .where('r.thread_id', '=', id)
    .orderBy('r.created_at')
    .orderBy('r.id')
    .execute();
  return { ...thread, replies };
}

/** Whether the person hears of new replies: an explicit choice, else taking part in the thread. */
export async function isFollowing(db: Kysely<PlatformTables>, threadId: string, userId: string): Promise<boolean> {
  const row = await exchangeDb(db).selectFrom('network_exchange_follows').select('following').where('thread_id', '=', threadId).where('user_id', '=', userId).executeTakeFirst();
  return row?.following ?? false;
}

export async function unreadCount(db: Kysely<PlatformTables>, userId: string): Promise<number> {
  const row = await exchangeDb(db)
    .selectFrom('network_exchange_notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface NotificationItem {
  id: string;
  thread_id: string;
  thread_title: string;
  replier_name: string | null;
  commune_name: LocalizedText | null;
  created_at: Date;
  read_at: Date | null;
}

export async function listNotifications(db: Kysely<PlatformTables>, userId: string): Promise<NotificationItem[]> {
  return exchangeDb(db)
    .selectFrom('network_exchange_notifications as n')
    .innerJoin('network_exchange_threads as t', 't.id', 'n.thread_id')
    .innerJoin('network_exchange_replies as r', 'r.id', 'n.reply_id')
    .innerJoin('users as u', 'u.id', 'r.author_id')
    .leftJoin('communes as c', 'c.id', 'r.commune_id')
    .select(['n.id', 'n.thread_id', 't.title as thread_title', 'u.display_name as replier_name', 'c.name as commune_name', 'n.created_at', 'n.read_at'])
    .where('n.user_id', '=', userId)
    .orderBy('n.created_at', 'desc')
    .limit(100)
    .execute();
}
