import type { Commune } from '../../../platform/db/platform-tables.js';
import { AppError } from '../../../platform/http/errors.js';
import type { PlatformServices } from '../../../platform/http/context.js';
import type { Locale } from '../../../platform/i18n/locales.js';
import { proposalFromMessage } from '../../participation/index.js';
import { fileComplaintFromPhone } from '../../requests/index.js';
import { type InboxOutcome, scopedChannels } from '../db/tables.js';
import { phoneLocale } from '../ussd/ports.js';
import type { InboundRow } from './inbox-queries.js';

export interface Officer {
  id: string;
}

/**
 * Takes the message for one officer and one outcome; a second officer, or the same form posted twice, finds it
 * taken and gets a conflict instead of a second complaint.
 */
async function claim(services: PlatformServices, message: InboundRow, officer: Officer, as: InboxOutcome): Promise<void> {
  const claimed = await scopedChannels(services.db, message.commune_id)
    .updateTable('channel_inbound_messages')
    .set({ handled_at: new Date(), handled_by: officer.id, handled_as: as })
    .where('id', '=', message.id)
    .where('handled_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  if (!claimed) throw new AppError('CONFLICT', 'message already handled');
}

const release = (services: PlatformServices, message: InboundRow) =>
  scopedChannels(services.db, message.commune_id).updateTable('channel_inbound_messages').set({ handled_at: null, handled_by: null, handled_as: null }).where('id', '=', message.id).execute();

const keepReference = (services: PlatformServices, message: InboundRow, reference: string) =>
  scopedChannels(services.db, message.commune_id).updateTable('channel_inbound_messages').set({ handled_ref: reference }).where('id', '=', message.id).execute();

/** Claims the message, does the work, keeps its reference; the claim is released when the work fails. */
async function handle(services: PlatformServices, message: InboundRow, officer: Officer, as: InboxOutcome, work: () => Promise<string | null>): Promise<string | null> {
  await claim(services, message, officer, as);
  try {
    const reference = await work();
    if (reference) await keepReference(services, message, reference);
    return reference;
  } catch (error) {
    await release(services, message);
    throw error;
  }
}

/** Tells the sender, on the channel they wrote from and in their language, what became of their message. */
async function tellSender(services: PlatformServices, commune: Commune, message: InboundRow, outcome: string, body: (locale: Locale) => string): Promise<void> {
  const locale = await phoneLocale(services.db, commune, message.phone);
  await services.messageSender.send({ channel: message.channel, recipient: message.phone, body: body(locale), purpose: `channels.reply.inbox_${outcome}`, communeId: commune.id });
}

export async function turnIntoComplaint(services: PlatformServices, commune: Commune, message: InboundRow, officer: Officer, input: { categoryId: string; neighbourhood: string | null; text: string }): Promise<string> {
  const reference = await handle(services, message, officer, 'complaint', async () => {
    const locale = await phoneLocale(services.db, commune, message.phone);
    const filed = await fileComplaintFromPhone(services.db, commune, { ...input, phone: message.phone, channel: message.channel, locale });
    return filed.reference;
  });
  await tellSender(services, commune, message, 'complaint', (locale) => services.messages.translator(locale)('channels.inbox.reply_complaint', { reference: reference! }));
  return reference!;
}

export async function turnIntoContribution(services: PlatformServices, commune: Commune, message: InboundRow, officer: Officer, input: { consultationId: string; consultationTitle: string; title: string; body: string }): Promise<string> {
  const proposalId = await handle(services, message, officer, 'contribution', async () => {
    const created = await proposalFromMessage(services.db, commune, { consultationId: input.consultationId, title: input.title, body: input.body, phone: message.phone, officerId: officer.id, channel: message.channel });
    return created.id;
  });
  await tellSender(services, commune, message, 'contribution', (locale) => services.messages.translator(locale)('channels.inbox.reply_contribution', { consultation: input.consultationTitle }));
  return proposalId!;
}

/** The officer's own words, sent back as they are: a reply, not a publication. */
export async function answerMessage(services: PlatformServices, commune: Commune, message: InboundRow, officer: Officer, text: string): Promise<void> {
  await handle(services, message, officer, 'answer', async () => null);
  await tellSender(services, commune, message, 'answer', () => text);
}

export async function dismissMessage(services: PlatformServices, message: InboundRow, officer: Officer, note: string | null): Promise<void> {
  await handle(services, message, officer, 'dismissed', async () => note);
}
