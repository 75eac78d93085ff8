import type { Kysely } from 'kysely';
import { recordAudit } from '../../../platform/audit/audit.js';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { PlatformServices } from '../../../platform/http/context.js';
import { isLocale, type Locale, locales, pickLocalized } from '../../../platform/i18n/locales.js';
import type { MessageSender, OutgoingMessage } from '../../../platform/messaging/message-sender.js';
import { JobQueue } from '../../../platform/queue/job-queue.js';
import { messageJobName, QueuedMessageSender } from '../../../platform/queue/queued-message-sender.js';
import type { TeamActor } from './commands.js';
import { type DecisionChannel, type ReviewApplicationRow, type ReviewCallRow, reviewDb } from './tables.js';

type Db = Kysely<PlatformTables>;

/**
 * A sender that queues into the given transaction: the message jobs commit together with `decision_sent_at`, so a
 * decision is either marked sent with its messages queued, or neither.
 */
function senderInTransaction(tx: Db, queue: JobQueue<PlatformServices>): MessageSender {
  const queueInTx = new JobQueue<PlatformServices>(tx, { mode: 'worker' });
  const handler = queue.handlerFor(messageJobName);
  if (handler) queueInTx.register(handler);
  return new QueuedMessageSender(queueInTx);
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const phonePattern = /^\+\d{8,15}$/;

interface Recipient {
  userId: string | null;
  phone: string | null;
  email: string | null;
  locale: Locale;
}

/** Who to write to: the account's phone and e-mail for an online applicant, the contact written down for a paper one. */
async function recipientOf(db: Db, application: ReviewApplicationRow, callLocale: Locale): Promise<Recipient> {
  if (application.applicant_user_id) {
    const user = await db.selectFrom('users').select(['phone_e164', 'email', 'preferred_locale']).where('id', '=', application.applicant_user_id).executeTakeFirst();
    if (user) return { userId: application.applicant_user_id, phone: user.phone_e164, email: user.email, locale: user.preferred_locale ?? callLocale };
  }
  const contact = (application.contact ?? '').replace(/[\s.-]/g, '');
  return { userId: null, phone: phonePattern.test(contact) ? contact : null, email: emailPattern.test(application.contact?.trim() ?? '') ? application.contact!.trim() : null, locale: callLocale };
}

function decisionText(services: Pick<PlatformServices, 'messages'>, call: ReviewCallRow, application: ReviewApplicationRow, locale: Locale): string {
  const t = services.messages.translator(locale);
  const params = { call: pickLocalized(call.title, locale, locales)?.value ?? call.slug, reference: application.reference ?? '' };
  return application.status === 'selected' ? t('programme.review.decision_message_selected', params) : t('programme.review.decision_message_rejected', params);
}

export interface DecisionsSent {
  sent: number;
  /** Applicants without any address: the team tells them by hand. */
  byHand: number;
}

/**
 * Sends every decided applicant of the call whose decision is not yet sent their decision, once: the rows are claimed
 * by setting `decision_sent_at` where it is still null, so a replay or a concurrent second click finds nothing left.
 */
export async function sendDecisions(tx: Db, services: Pick<PlatformServices, 'messages' | 'queue'>, actor: TeamActor, call: ReviewCallRow): Promise<DecisionsSent> {
  const claimed = await reviewDb(tx)
    .updateTable('programme_applications')
    .set({ decision_sent_at: new Date() })
    .where('call_id', '=', call.id)
    .where('status', 'in', ['selected', 'rejected'])
    .where('decision_sent_at', 'is', null)
    .returningAll()
    .execute();
  const sender = senderInTransaction(tx, services.queue);
  const callLocale: Locale = call.languages.find(isLocale) ?? 'fr';
  let byHand = 0;
  for (const application of claimed) {
    const recipient = await recipientOf(tx, application, callLocale);
    const body = decisionText(services, call, application, recipient.locale);
    const via = await deliver(tx, sender, application, recipient, body);
    if (via.length === 0) byHand += 1;
    await reviewDb(tx).updateTable('programme_applications').set({ decision_sent_via: JSON.stringify(via) }).where('id', '=', application.id).execute();
  }
  await recordAudit(tx, { communeId: null, actorUserId: actor.userId, action: 'programme.decisions.sent', resourceType: 'programme_call', resourceId: call.id, ip: actor.ip, details: { call: call.slug, sent: claimed.length, by_hand: byHand } });
  return { sent: claimed.length, byHand };
}

async function deliver(tx: Db, sender: MessageSender, application: ReviewApplicationRow, recipient: Recipient, body: string): Promise<DecisionChannel[]> {
  const via: DecisionChannel[] = [];
  if (recipient.userId) {
    await reviewDb(tx).insertInto('programme_messages').values({ user_id: recipient.userId, application_id: application.id, body }).execute();
    via.push('inbox');
  }
  const base: Omit<OutgoingMessage, 'channel' | 'recipient'> = { body, purpose: 'programme.decision', communeId: application.commune_id };
  if (recipient.phone) {
    await sender.send({ ...base, channel: 'sms', recipient: recipient.phone });
    via.push('sms');
  }
  if (recipient.email) {
    await sender.send({ ...base, channel: 'email', recipient: recipient.email });
    via.push('email');
  }
  return via;
}

/** The message jobs committed with the decisions; an inline queue (tests, a single process) delivers them now. */
export async function deliverQueued(queue: JobQueue<PlatformServices>): Promise<void> {
  if (queue.mode === 'inline') await queue.runDue();
}
