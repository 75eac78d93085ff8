import type { Commune } from '../../../platform/db/platform-tables.js';
import type { PlatformServices } from '../../../platform/http/context.js';
import { complaintStatusForPhone } from '../../requests/index.js';
import { channelsDb } from '../db/tables.js';
import type { InboundMessage } from '../providers/webhooks.js';
import { phoneLocale } from '../ussd/ports.js';
import { keywordLocale, smsCommand } from './keywords.js';

export type InboundOutcome = 'duplicate' | 'follow' | 'help' | 'kept';

/** Stores the message once per provider id; false when the provider had already delivered it. */
async function storeOnce(services: PlatformServices, commune: Commune, message: InboundMessage): Promise<boolean> {
  const stored = await channelsDb(services.db)
    .insertInto('channel_inbound_messages')
    .values({ commune_id: commune.id, provider: message.provider, external_id: message.externalId, channel: 'sms', phone: message.from, body: message.text.slice(0, 2000), received_at: message.receivedAt })
    .onConflict((oc) => oc.columns(['commune_id', 'provider', 'external_id']).doNothing())
    .returning('external_id')
    .executeTakeFirst();
  return !!stored;
}

/**
 * An SMS to the commune's number: "SUIVI <référence>" answers a complaint's status, "AIDE" lists the keywords (in
 * the language the keyword was written in); anything else is kept for the staff and acknowledged, never published.
 * A redelivered message (same provider id) does nothing and sends nothing.
 */
export async function handleInboundSms(services: PlatformServices, commune: Commune, message: InboundMessage): Promise<InboundOutcome> {
  if (!(await storeOnce(services, commune, message))) return 'duplicate';
  const command = smsCommand(message.text);
  const locale = keywordLocale(message.text) ?? (await phoneLocale(services.db, commune, message.from));
  const t = services.messages.translator(locale);
  let body: string;
  let outcome: InboundOutcome;
  if (command.kind === 'follow') {
    const status = await complaintStatusForPhone(services.db, commune.id, command.reference, message.from, locale);
    body = status === null ? t('channels.sms.follow_unknown', { reference: command.reference }) : t('channels.sms.follow_status', { reference: command.reference, status });
    outcome = 'follow';
  } else if (command.kind === 'help') {
    body = t('channels.sms.help');
    outcome = 'help';
  } else {
    body = t('channels.sms.kept');
    outcome = 'kept';
  }
  if (outcome !== 'kept') await channelsDb(services.db).updateTable('channel_inbound_messages').set({ matched: outcome }).where('commune_id', '=', commune.id).where('provider', '=', message.provider).where('external_id', '=', message.externalId).execute();
  await services.messageSender.send({ channel: 'sms', recipient: message.from, body, purpose: `channels.sms.${outcome}`, communeId: commune.id });
  return outcome;
}
