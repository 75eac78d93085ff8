import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { Commune, PlatformTables } from '../../../platform/db/platform-tables.js';
import { formatDate } from '../../../platform/i18n/format.js';
import { isLocale, type Locale } from '../../../platform/i18n/locales.js';
import { communeNeighbourhoods, latestNewsHeadline } from '../../commune/index.js';
import { complaintCategoryChoices, complaintStatusForPhone, fileComplaintFromPhone } from '../../requests/index.js';
import { channelsDb, scopedChannels } from '../db/tables.js';
import type { UssdPorts } from './menu.js';

/** The language this phone chose earlier in this commune, else the commune's default. */
export async function phoneLocale(db: Kysely<PlatformTables>, commune: Commune, phone: string): Promise<Locale> {
  const saved = await scopedChannels(db, commune.id).selectFrom('channel_phone_preferences').select('locale').where('phone', '=', phone).executeTakeFirst();
  return saved?.locale ?? (isLocale(commune.default_locale) ? commune.default_locale : 'fr');
}

/**
 * Runs `file` once per key. The key is claimed first (a unique row); a retry of the same request finds the claim and
 * waits briefly for its reference. A failed filing releases the claim so that the person can try again.
 */
async function once(db: Kysely<PlatformTables>, communeId: string, key: string, file: () => Promise<{ reference: string }>): Promise<{ reference: string }> {
  const actions = scopedChannels(db, communeId);
  const claimed = await actions.insertInto('channel_ussd_actions', { idempotency_key: key }).onConflict((oc) => oc.doNothing()).returning('idempotency_key').executeTakeFirst();
  if (!claimed) {
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const earlier = await actions.selectFrom('channel_ussd_actions').select('reference').where('idempotency_key', '=', key).executeTakeFirst();
      if (earlier?.reference) return { reference: earlier.reference };
      await sleep(50);
    }
    throw new Error('the same USSD request is still being handled');
  }
  try {
    const filed = await file();
    await actions.updateTable('channel_ussd_actions').set({ reference: filed.reference }).where('idempotency_key', '=', key).execute();
    return filed;
  } catch (error) {
    await actions.deleteFrom('channel_ussd_actions').where('idempotency_key', '=', key).execute();
    throw error;
  }
}

/** The USSD menu's view of Palabre for one commune and one caller; WhatsApp plays the same menu (`channel`). */
export function ussdPorts(db: Kysely<PlatformTables>, commune: Commune, phone: string, locale: Locale, channel: 'ussd' | 'whatsapp' = 'ussd'): UssdPorts {
  return {
    categories: () => complaintCategoryChoices(db, commune.id, locale),
    neighbourhoods: () => communeNeighbourhoods(db, commune.id),
    fileComplaint: (input, key) => once(db, commune.id, key, () => fileComplaintFromPhone(db, commune, { ...input, phone, channel, locale })),
    complaintStatus: (reference) => complaintStatusForPhone(db, commune.id, reference, phone, locale),
    latestHeadline: async () => {
      const latest = await latestNewsHeadline(db, commune.id, locale);
      return latest ? { title: latest.title, date: formatDate(latest.publishedAt, locale, commune.time_zone) } : null;
    },
    setLocale: async (chosen) => {
      await channelsDb(db)
        .insertInto('channel_phone_preferences')
        .values({ commune_id: commune.id, phone, locale: chosen })
        .onConflict((oc) => oc.columns(['commune_id', 'phone']).doUpdateSet({ locale: chosen, updated_at: new Date() }))
        .execute();
    },
  };
}
