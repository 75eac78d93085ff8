import type { SeedContext } from '../../platform/module.js';
import { channelsDb } from './db/tables.js';

const hour = 3600 * 1000;

/** Messages that match no keyword, as residents really write them: they wait in the staff inbox of the demo. */
const waiting: { commune: string; phone: string; channel: 'sms' | 'whatsapp'; body: string; hoursAgo: number }[] = [
  { commune: 'ndar-toute', phone: '+221770031201', channel: 'sms', body: 'Bonjour la mairie, le lampadaire devant l ecole de Pikine est cassé depuis 2 semaines, les enfants rentrent dans le noir', hoursAgo: 30 },
  { commune: 'ndar-toute', phone: '+221770031202', channel: 'whatsapp', body: 'Quand est la prochaine réunion du conseil municipal ? Merci', hoursAgo: 6 },
  { commune: 'ndar-toute', phone: '+221770031203', channel: 'sms', body: 'Il faut un marché couvert à Guet Ndar pour les femmes qui vendent le poisson', hoursAgo: 2 },
  { commune: 'tiznit-el-jadida', phone: '+212600031204', channel: 'sms', body: 'السلام عليكم، الماء مقطوع في حي الموحدين منذ الصباح', hoursAgo: 4 },
];

export async function seedChannels(context: SeedContext): Promise<void> {
  const now = Date.now();
  const rows = waiting.flatMap((message, index) => {
    const commune = context.communes.get(message.commune);
    if (!commune) return [];
    const receivedAt = new Date(now - message.hoursAgo * hour);
    return [{ commune_id: commune.id, provider: 'seed', external_id: `demo-${index + 1}`, channel: message.channel, phone: message.phone, body: message.body, received_at: receivedAt, created_at: receivedAt }];
  });
  if (rows.length > 0) await channelsDb(context.db).insertInto('channel_inbound_messages').values(rows).onConflict((oc) => oc.doNothing()).execute();
}
