import type { Kysely } from 'kysely';
import { recordAudit } from '../../../platform/audit/audit.js';
import { publicBaseUrl } from '../../../platform/config/config.js';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { PlatformServices } from '../../../platform/http/context.js';
import { defaultLocale } from '../../../platform/i18n/locales.js';
import { exchangeDb, type Principle } from './tables.js';

/** Who posts: the person, the member commune they speak for (null for the programme team), their address. */
export interface Poster {
  userId: string;
  communeId: string | null;
  ip: string | null;
}

export interface ThreadInput {
  title: string;
  body: string;
  principle: Principle;
  module_tag: string | undefined;
}

/** Taking part (asking, replying) follows the thread, unless the person already said otherwise. */
async function followOnce(db: Kysely<PlatformTables>, threadId: string, userId: string): Promise<void> {
  await exchangeDb(db).insertInto('network_exchange_follows').values({ thread_id: threadId, user_id: userId, following: true }).onConflict((oc) => oc.doNothing()).execute();
}

export async function createThread(db: Kysely<PlatformTables>, poster: Poster, input: ThreadInput): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const thread = await exchangeDb(trx)
      .insertInto('network_exchange_threads')
      .values({ commune_id: poster.communeId, author_id: poster.userId, title: input.title, body: input.body, principle: input.principle, module_tag: input.module_tag ?? null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await followOnce(trx, thread.id, poster.userId);
    await recordAudit(trx, { communeId: poster.communeId, actorUserId: poster.userId, action: 'network.exchange.thread.created', resourceType: 'network_exchange_thread', resourceId: thread.id, ip: poster.ip });
    return thread.id;
  });
}

/** Followers who should hear of a reply: everyone following, except the one who wrote it. */
async function recipientsOf(db: Kysely<PlatformTables>, threadId: string, replierId: string) {
  return exchangeDb(db)
    .selectFrom('network_exchange_follows as f')
    .innerJoin('users as u', 'u.id', 'f.user_id')
    .select(['u.id', 'u.email', 'u.phone_e164', 'u.preferred_locale'])
    .where('f.thread_id', '=', threadId)
    .where('f.following', '=', true)
    .where('f.user_id', '<>', replierId)
    .execute();
}

type Recipient = Awaited<ReturnType<typeof recipientsOf>>[number];

/** A short message with the link: by e-mail when the person has one, else by SMS. */
async function sendReplyMessage(services: PlatformServices, recipient: Recipient, title: string, threadId: string, communeId: string | null): Promise<void> {
  const channel = recipient.email ? 'email' : recipient.phone_e164 ? 'sms' : null;
  if (!channel) return;
  const t = services.messages.translator(recipient.preferred_locale ?? defaultLocale);
  const link = `${publicBaseUrl(services.config)}/network/exchange/${threadId}`;
  const shortTitle = title.length > 60 ? `${title.slice(0, 59)}…` : title;
  await services.messageSender.send({
    channel,
    recipient: (recipient.email ?? recipient.phone_e164)!,
    body: t('network.exchange.reply_message', { title: shortTitle, link }),
    purpose: 'network.exchange.reply',
    communeId,
  });
}

export async function addReply(services: PlatformServices, poster: Poster, thread: { id: string; title: string }, body: string): Promise<string> {
  const { db } = services;
  const { replyId, recipients } = await db.transaction().execute(async (trx) => {
    const xdb = exchangeDb(trx);
    const reply = await xdb.insertInto('network_exchange_replies').values({ thread_id: thread.id, commune_id: poster.communeId, author_id: poster.userId, body }).returning('id').executeTakeFirstOrThrow();
    await xdb.updateTable('network_exchange_threads').set({ last_activity_at: new Date() }).where('id', '=', thread.id).execute();
    await followOnce(trx, thread.id, poster.userId);
    const recipients = await recipientsOf(trx, thread.id, poster.userId);
    if (recipients.length > 0) {
      await xdb.insertInto('network_exchange_notifications').values(recipients.map((r) => ({ user_id: r.id, thread_id: thread.id, reply_id: reply.id }))).execute();
    }
    await recordAudit(trx, { communeId: poster.communeId, actorUserId: poster.userId, action: 'network.exchange.reply.created', resourceType: 'network_exchange_reply', resourceId: reply.id, ip: poster.ip, details: { threadId: thread.id } });
    return { replyId: reply.id, recipients };
  });
  // Sent once the reply is stored: the queue retries a failed message, the reply itself is not lost.
  for (const recipient of recipients) await sendReplyMessage(services, recipient, thread.title, thread.id, poster.communeId);
  return replyId;
}

/** The asker marks a reply of this thread as the answer: the thread is resolved. False if the reply is not its own. */
export async function acceptAnswer(db: Kysely<PlatformTables>, poster: Poster, threadId: string, replyId: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const xdb = exchangeDb(trx);
    const reply = await xdb.selectFrom('network_exchange_replies').select('id').where('id', '=', replyId).where('thread_id', '=', threadId).executeTakeFirst();
    if (!reply) return false;
    await xdb.updateTable('network_exchange_threads').set({ status: 'resolved', accepted_reply_id: reply.id, last_activity_at: new Date() }).where('id', '=', threadId).execute();
    await recordAudit(trx, { communeId: poster.communeId, actorUserId: poster.userId, action: 'network.exchange.answer.accepted', resourceType: 'network_exchange_thread', resourceId: threadId, ip: poster.ip, details: { replyId } });
    return true;
  });
}

export async function setFollowing(db: Kysely<PlatformTables>, threadId: string, userId: string, following: boolean): Promise<void> {
  await exchangeDb(db)
    .insertInto('network_exchange_follows')
    .values({ thread_id: threadId, user_id: userId, following })
    .onConflict((oc) => oc.columns(['thread_id', 'user_id']).doUpdateSet({ following }))
    .execute();
}

/** Opening a thread reads its notifications; the inbox can also mark them all read at once. */
export async function markRead(db: Kysely<PlatformTables>, userId: string, threadId?: string): Promise<void> {
  let update = exchangeDb(db).updateTable('network_exchange_notifications').set({ read_at: new Date() }).where('user_id', '=', userId).where('read_at', 'is', null);
  if (threadId) update = update.where('thread_id', '=', threadId);
  await update.execute();
}
