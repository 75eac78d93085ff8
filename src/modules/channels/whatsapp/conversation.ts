import { randomUUID } from 'node:crypto';
import type { ColumnType, Kysely, Selectable } from 'kysely';
import type { Commune, PlatformTables } from '../../../platform/db/platform-tables.js';
import type { PlatformServices } from '../../../platform/http/context.js';
import type { Locale } from '../../../platform/i18n/locales.js';
import { pickLocalized } from '../../../platform/i18n/locales.js';
import { channelsDb } from '../db/tables.js';
import { type InboundCommand, matchKeyword } from '../inbound/commands.js';
import { answerKeyword, markMatched, replyTo, storeInboundOnce } from '../inbound/handle.js';
import { inboundCommands } from '../inbound/registry.js';
import type { InboundMessage } from '../providers/webhooks.js';
import { ussdReply } from '../ussd/menu.js';
import { phoneLocale, ussdPorts } from '../ussd/ports.js';
import { oneAtATimeEverywhere } from './one-at-a-time.js';
import { acceptedMediaTypes, enqueueMediaJob, type MediaToAttach } from './media-job.js';

/** A photo received while the complaint was being written, attached once it is sent. */
export type PendingMedia = Omit<MediaToAttach, 'reference' | 'locale'>;

type ConversationTables = {
  channel_conversations: {
    commune_id: string;
    phone: string;
    session_id: string;
    path: string[] | null;
    pending_media: ColumnType<PendingMedia[], string | undefined, string>;
    filed_reference: string | null;
    filed_at: Date | null;
    updated_at: Date;
  };
};

/** Where one phone is in the menu, and what it filed last. */
type Conversation = Omit<Selectable<ConversationTables['channel_conversations']>, 'commune_id' | 'phone'>;

export const conversationsDb = (db: Kysely<PlatformTables>) => db.withTables<ConversationTables>();

/** A menu left alone this long starts again from the top. */
export const conversationIdleMs = 15 * 60 * 1000;
/** Photos sent this long after a complaint was filed in the conversation are attached to it. */
export const photoWindowMs = 30 * 60 * 1000;

/** 'duplicate', 'menu', 'kept', 'photo' (attached or pending), 'photo-kept', 'photo-refused' or a keyword's id. */
export type WhatsAppOutcome = string;

// The menu's words (and greetings) open the menu; a command object so that matchKeyword reads them like any keyword.
const menuCommand: InboundCommand = { id: 'menu', wordsKey: 'channels.keywords.menu', run: async () => '' };

interface Turn {
  services: PlatformServices;
  commune: Commune;
  message: InboundMessage;
  conversation: Conversation | null;
  active: boolean;
  locale: Locale;
  now: Date;
}

async function loadConversation(db: Kysely<PlatformTables>, communeId: string, phone: string): Promise<Conversation | null> {
  const row = await conversationsDb(db)
    .selectFrom('channel_conversations')
    .select(['session_id', 'path', 'pending_media', 'filed_reference', 'filed_at', 'updated_at'])
    .where('commune_id', '=', communeId)
    .where('phone', '=', phone)
    .executeTakeFirst();
  return row ?? null;
}

async function saveConversation(db: Kysely<PlatformTables>, commune: Commune, phone: string, values: Conversation): Promise<void> {
  const row = { ...values, pending_media: JSON.stringify(values.pending_media) };
  await conversationsDb(db)
    .insertInto('channel_conversations')
    .values({ commune_id: commune.id, phone, ...row })
    .onConflict((oc) => oc.columns(['commune_id', 'phone']).doUpdateSet(row))
    .execute();
}

/** "MENU", "Bonjour!", "salam": the whole message is one of the menu's words. */
function asksForMenu(services: PlatformServices, text: string): boolean {
  const word = text.replace(/[!.,?¡¿…]+$/u, '').trim();
  const match = matchKeyword(word, [menuCommand], services.messages);
  return match !== null && match.args === '';
}

/**
 * One message from a phone on the commune's WhatsApp number, once per provider id. Keywords (SUIVI, AIDE…) answer
 * at once; MENU or a greeting opens the USSD menu as text, and the answers that follow walk through it; a photo is
 * attached to the complaint being written or just filed; anything else is kept for the staff and acknowledged.
 */
export function handleWhatsAppMessage(services: PlatformServices, commune: Commune, message: InboundMessage, now = new Date()): Promise<WhatsAppOutcome> {
  // One phone's messages one after the other, in every process: two quick answers in parallel webhooks would both read the same path.
  return oneAtATimeEverywhere(services.db, services.databaseKind, `${commune.id}:${message.from}`, () => handleInTurn(services, commune, message, now));
}

async function handleInTurn(services: PlatformServices, commune: Commune, message: InboundMessage, now: Date): Promise<WhatsAppOutcome> {
  if (!(await storeInboundOnce(services, commune, message, 'whatsapp'))) return 'duplicate';
  const conversation = await loadConversation(services.db, commune.id, message.from);
  const active = conversation?.path != null && now.getTime() - conversation.updated_at.getTime() < conversationIdleMs;
  const turn: Turn = { services, commune, message, conversation, active, locale: await phoneLocale(services.db, commune, message.from), now };
  if (message.media?.length) return receiveMedia(turn);
  // A tapped button or list row counts as its id typed.
  const input = (message.reply?.id ?? message.text).trim();
  if (asksForMenu(services, input)) return playMenu(turn, []);
  const keyword = matchKeyword(input, inboundCommands, services.messages);
  if (keyword) return answerKeyword(services, commune, message, 'whatsapp', keyword);
  if (active && input) return playMenu(turn, [...conversation!.path!, input]);
  // A number with no menu open (it expired, or was never opened): show the menu rather than guess what it meant.
  if (/^\d{1,2}$/.test(input)) return playMenu(turn, [], conversation?.path != null ? 'channels.whatsapp.expired' : undefined);
  await replyTo(services, commune, message, 'whatsapp', 'kept', services.messages.translator(turn.locale)('channels.whatsapp.kept'));
  return 'kept';
}

/** Replays the path through the USSD menu and sends the screen; a finished menu closes the conversation. */
async function playMenu(turn: Turn, path: string[], notice?: string): Promise<WhatsAppOutcome> {
  const { services, commune, message, conversation, now } = turn;
  const t = services.messages.translator(turn.locale);
  const continuing = turn.active && path.length > 0;
  const sessionId = continuing ? conversation!.session_id : `WA_${randomUUID()}`;
  const ports = ussdPorts(services.db, commune, message.from, turn.locale, 'whatsapp');
  let filed: string | null = null;
  const answer = await ussdReply(path, { sessionId, communeName: pickLocalized(commune.name, turn.locale)?.value ?? commune.slug, locale: turn.locale, t }, {
    ...ports,
    fileComplaint: async (input, key) => {
      const result = await ports.fileComplaint(input, key);
      filed = result.reference;
      return result;
    },
  });
  // Photos wait for the complaint while the menu is open (kept across a restart with MENU); an expired one drops them.
  const pending = turn.active ? (conversation?.pending_media ?? []) : [];
  await saveConversation(services.db, commune, message.from, {
    session_id: sessionId,
    path: answer.end ? null : path,
    pending_media: answer.end ? [] : pending,
    filed_reference: filed ?? conversation?.filed_reference ?? null,
    filed_at: filed ? now : (conversation?.filed_at ?? null),
    updated_at: now,
  });
  await markMatched(services, commune, message, 'menu');
  const text = [notice ? t(notice) : '', answer.text, filed ? t('channels.whatsapp.photo_hint') : ''].filter(Boolean).join('\n');
  await replyTo(services, commune, message, 'whatsapp', 'menu', text);
  if (filed) for (const media of pending) await attachLater(turn, { ...media, reference: filed, locale: turn.locale });
  return 'menu';
}

async function attachLater(turn: Turn, media: MediaToAttach): Promise<void> {
  await enqueueMediaJob(turn.services, turn.commune.id, media);
  await channelsDb(turn.services.db)
    .updateTable('channel_inbound_messages')
    .set({ matched: 'photo' })
    .where('commune_id', '=', turn.commune.id)
    .where('provider', '=', 'whatsapp')
    .where('external_id', '=', media.externalId)
    .execute();
}

/** In the complaint flow (main menu choice 1), before it is sent. */
const writingComplaint = (turn: Turn) => turn.active && turn.conversation?.path?.[0] === '1';

async function receiveMedia(turn: Turn): Promise<WhatsAppOutcome> {
  const { services, commune, message, conversation, now } = turn;
  const t = services.messages.translator(turn.locale);
  const [first] = message.media!;
  const media = first && 'mediaId' in first ? { externalId: message.externalId, phone: message.from, mediaId: first.mediaId, contentType: first.contentType.split(';')[0]!.trim() } : null;
  if (media && !acceptedMediaTypes.includes(media.contentType)) {
    await replyTo(services, commune, message, 'whatsapp', 'photo_refused', t('channels.whatsapp.photo_refused'));
    return 'photo-refused';
  }
  if (media && writingComplaint(turn)) {
    await saveConversation(services.db, commune, message.from, { ...conversation!, pending_media: [...conversation!.pending_media, media], updated_at: now });
    await replyTo(services, commune, message, 'whatsapp', 'photo', t('channels.whatsapp.photo_pending'));
    return 'photo';
  }
  const recent = conversation?.filed_reference && conversation.filed_at && now.getTime() - conversation.filed_at.getTime() < photoWindowMs;
  if (media && recent) {
    await attachLater(turn, { ...media, reference: conversation.filed_reference!, locale: turn.locale });
    return 'photo';
  }
  await replyTo(services, commune, message, 'whatsapp', 'kept', t('channels.whatsapp.photo_kept'));
  return 'photo-kept';
}
