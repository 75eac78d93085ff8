import { communeNeighbourhoods } from '../../commune/index.js';
import { complaintCategoryChoices, fileComplaintFromPhone } from '../../requests/index.js';
import { optIn, optOut } from '../audience/opt-outs.js';
import { channelsDb } from '../db/tables.js';
import { type CommandContext, fold, type InboundCommand } from './commands.js';

/** A complaint by SMS is kept short: a feature phone joins long messages, but staff read a summary, not a letter. */
export const maxComplaintLength = 500;

/** The text after its first `foldedLength` folded units (accents folded away count for nothing). */
function afterFolded(text: string, foldedLength: number): string {
  const chars = Array.from(text);
  let index = 0;
  for (let consumed = 0; index < chars.length && consumed < foldedLength; index += 1) consumed += fold(chars[index]!).length;
  while (index < chars.length && fold(chars[index]!) === '') index += 1;
  return chars.slice(index).join('');
}

/**
 * The neighbourhood the text starts with (case and accents ignored) and the rest of the text; the longest name wins
 * so that "Guet Ndar" is not read as a shorter name that begins the same way.
 */
export function leadingNeighbourhood(text: string, neighbourhoods: readonly string[]): { neighbourhood: string | null; rest: string } {
  const folded = fold(text);
  const found = [...neighbourhoods]
    .sort((a, b) => b.length - a.length)
    .find((name) => folded.startsWith(fold(name)) && /^(?:$|[\s,.:;-])/u.test(folded.slice(fold(name).length)));
  if (!found) return { neighbourhood: null, rest: text.trim() };
  return { neighbourhood: found, rest: afterFolded(text, fold(found).length).replace(/^[\s,.:;-]+/u, '').trim() };
}

/** The commune's "other problem" category when it has one (requests' defaults), else its first active category. */
async function phoneCategory({ services, commune, locale }: CommandContext): Promise<string | null> {
  const categories = await complaintCategoryChoices(services.db, commune.id, locale);
  return (categories.find((c) => c.code === 'other') ?? categories[0])?.id ?? null;
}

/**
 * PLAINTE <texte>: files a complaint with channel sms or whatsapp. A
 * redelivered message never reaches a command (stored once per provider id), so nothing is filed twice.
 */
export const complaintCommand: InboundCommand = {
  id: 'complaint',
  wordsKey: 'channels.keywords.complaint',
  async run(context) {
    const { services, commune, message, channel, locale, t, args } = context;
    const { neighbourhood, rest } = leadingNeighbourhood(args, await communeNeighbourhoods(services.db, commune.id));
    const categoryId = await phoneCategory(context);
    if (!rest || !categoryId) return t('channels.audience.complaint_usage');
    const text = Array.from(rest).slice(0, maxComplaintLength).join('');
    const { reference } = await fileComplaintFromPhone(services.db, commune, { categoryId, neighbourhood, text, phone: message.from, channel, locale });
    return t('channels.audience.complaint_filed', { reference });
  },
};

/** STOP: the phone leaves every list of the commune; only the confirmation follows. */
export const stopCommand: InboundCommand = {
  id: 'stop',
  wordsKey: 'channels.keywords.stop',
  async run({ services, commune, message, channel, t }) {
    await optOut(services.db, commune.id, message.from, channel);
    return t('channels.audience.stopped');
  },
};

/**
 * INSCRIPTION [quartier]: lifts a STOP and subscribes this phone on this
 * channel, in the keyword's language, for the neighbourhood named when the commune knows it.
 */
export const subscribeCommand: InboundCommand = {
  id: 'subscribe',
  wordsKey: 'channels.keywords.subscribe',
  async run({ services, commune, message, channel, locale, t, args }) {
    const { neighbourhood } = leadingNeighbourhood(args, await communeNeighbourhoods(services.db, commune.id));
    await optIn(services.db, commune.id, message.from);
    const row = { commune_id: commune.id, phone: message.from, channel, locale, neighbourhood };
    await channelsDb(services.db)
      .insertInto('channel_subscriptions')
      .values(row)
      .onConflict((oc) => oc.columns(['commune_id', 'phone', 'channel']).doUpdateSet({ locale, neighbourhood, updated_at: new Date() }))
      .execute();
    if (neighbourhood) return t('channels.audience.subscribed_neighbourhood', { neighbourhood });
    if (args) return t('channels.audience.subscribed_unknown', { neighbourhood: args.slice(0, 40) });
    return t('channels.audience.subscribed');
  },
};
