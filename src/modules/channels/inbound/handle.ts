import type { Commune } from '../../../platform/db/platform-tables.js';
import type { PlatformServices } from '../../../platform/http/context.js';
import { channelsDb } from '../db/tables.js';
import type { InboundMessage } from '../providers/webhooks.js';
import { phoneLocale } from '../ussd/ports.js';
import { type InboundChannel, type KeywordMatch, matchKeyword } from './commands.js';
import { inboundCommands } from './registry.js';

/** 'duplicate' (already received), 'kept' (for the staff inbox) or the id of the keyword that answered. */
export type InboundOutcome = string;

/** Stores the message once per provider id; false when the provider had already delivered it. */
export async function storeInboundOnce(services: PlatformServices, commune: Commune, message: InboundMessage, channel: InboundChannel): Promise<boolean> {
  const stored = await channelsDb(services.db)
    .insertInto('channel_inbound_messages')
    .values({ commune_id: commune.id, provider: message.provider, external_id: message.externalId, channel, phone: message.from, body: message.text.slice(0, 2000), received_at: message.receivedAt })
    .onConflict((oc) => oc.columns(['commune_id', 'provider', 'external_id']).doNothing())
    .returning('external_id')
    .executeTakeFirst();
  return !!stored;
}

/** Records what the message matched, so that the staff inbox leaves it out. */
export async function markMatched(services: PlatformServices, commune: Commune, message: InboundMessage, matched: string): Promise<void> {
  await channelsDb(services.db).updateTable('channel_inbound_messages').set({ matched }).where('commune_id', '=', commune.id).where('provider', '=', message.provider).where('external_id', '=', message.externalId).execute();
}

/** A reply to what the phone just sent: `channels.reply.*` purposes are answers, sent even after a STOP. */
export async function replyTo(services: PlatformServices, commune: Commune, message: InboundMessage, channel: InboundChannel, outcome: string, body: string): Promise<void> {
  await services.messageSender.send({ channel, recipient: message.from, body, purpose: `channels.reply.${outcome}`, communeId: commune.id });
}

/**
 * A keyword message answers from its command (in the keyword's language); anything else is kept for the staff and
 * acknowledged, never published. A redelivered message (same provider id) does nothing and sends nothing.
 */
export async function handleInboundText(services: PlatformServices, commune: Commune, message: InboundMessage, channel: InboundChannel): Promise<InboundOutcome> {
  if (!(await storeInboundOnce(services, commune, message, channel))) return 'duplicate';
  const keyword = matchKeyword(message.text, inboundCommands, services.messages);
  if (!keyword) {
    const t = services.messages.translator(await phoneLocale(services.db, commune, message.from));
    await replyTo(services, commune, message, channel, 'kept', t('channels.sms.kept'));
    return 'kept';
  }
  return answerKeyword(services, commune, message, channel, keyword);
}

/** Runs the keyword's command and answers in the keyword's language; the message no longer waits for staff. */
export async function answerKeyword(services: PlatformServices, commune: Commune, message: InboundMessage, channel: InboundChannel, keyword: KeywordMatch): Promise<InboundOutcome> {
  const t = services.messages.translator(keyword.locale);
  const body = await keyword.command.run({ services, commune, message, channel, locale: keyword.locale, t, args: keyword.args });
  await markMatched(services, commune, message, keyword.command.id);
  await replyTo(services, commune, message, channel, keyword.command.id, body);
  return keyword.command.id;
}
