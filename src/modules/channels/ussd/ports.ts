import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { Commune, PlatformTables } from '../../../platform/db/platform-tables.js';
import { formatDate } from '../../../platform/i18n/format.js';
import { isLocale, type Locale } from '../../../platform/i18n/locales.js';
import { communeNeighbourhoods, latestNewsHeadline } from '../../commune/index.js';
import { castBallotFromPhone, phoneBallotOptions, phoneHasVoted, phoneVotingRounds } from '../../budgeting/index.js';
import { answerSurveyFromPhone, phoneHasAnswered, phoneSurveys } from '../../participation/index.js';
import { complaintCategoryChoices, requestStatusForPhone, fileComplaintFromPhone } from '../../requests/index.js';
import { channelsDb, scopedChannels } from '../db/tables.js';
import type { UssdPorts } from './menu.js';

/** The language this phone chose earlier in this commune, else the commune's default. */
export async function phoneLocale(db: Kysely<PlatformTables>, commune: Commune, phone: string): Promise<Locale> {
  const saved = await scopedChannels(db, commune.id).selectFrom('channel_phone_preferences').select('locale').where('phone', '=', phone).executeTakeFirst();
  return saved?.locale ?? (isLocale(commune.default_locale) ? commune.default_locale : 'fr');
}

/**
 * Runs `act` once per key and keeps its result (a complaint's reference, a survey's or a vote's outcome). The key
 * is claimed first (a unique row); a retry of the same request finds the claim and waits briefly for the result. A
 * failed action releases the claim so that the person can try again.
 */
async function once<T extends string>(db: Kysely<PlatformTables>, communeId: string, key: string, act: () => Promise<T>): Promise<T> {
  const actions = scopedChannels(db, communeId);
  const claimed = await actions.insertInto('channel_ussd_actions', { idempotency_key: key }).onConflict((oc) => oc.doNothing()).returning('idempotency_key').executeTakeFirst();
  if (!claimed) {
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const earlier = await actions.selectFrom('channel_ussd_actions').select('reference').where('idempotency_key', '=', key).executeTakeFirst();
      if (earlier?.reference) return earlier.reference as T;
      await sleep(50);
    }
    throw new Error('the same USSD request is still being handled');
  }
  try {
    const result = await act();
    await actions.updateTable('channel_ussd_actions').set({ reference: result }).where('idempotency_key', '=', key).execute();
    return result;
  } catch (error) {
    await actions.deleteFrom('channel_ussd_actions').where('idempotency_key', '=', key).execute();
    throw error;
  }
}

/** Whether this request was already acted on: its retry must replay to the same answer, not stop at "already done". */
async function handled(db: Kysely<PlatformTables>, communeId: string, key: string): Promise<boolean> {
  return !!(await scopedChannels(db, communeId).selectFrom('channel_ussd_actions').select('idempotency_key').where('idempotency_key', '=', key).executeTakeFirst());
}

/** The USSD menu's view of Palabre for one commune and one caller; WhatsApp plays the same menu (`channel`). */
export function ussdPorts(db: Kysely<PlatformTables>, commune: Commune, phone: string, locale: Locale, channel: 'ussd' | 'whatsapp' = 'ussd'): UssdPorts {
  return {
    categories: () => complaintCategoryChoices(db, commune.id, locale),
    neighbourhoods: () => communeNeighbourhoods(db, commune.id),
    fileComplaint: async (input, key) => ({ reference: await once(db, commune.id, key, async () => (await fileComplaintFromPhone(db, commune, { ...input, phone, channel, locale })).reference) }),
    requestStatus: (reference) => requestStatusForPhone(db, commune.id, reference, phone, locale),
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
    surveys: {
      list: () => phoneSurveys(db, commune, locale),
      answered: async (surveyId, key) => !(await handled(db, commune.id, key)) && phoneHasAnswered(db, commune.id, surveyId, phone),
      answer: (surveyId, answers, key) => once(db, commune.id, key, () => answerSurveyFromPhone(db, commune, { surveyId, phone, channel, answers })),
    },
    budget: {
      rounds: () => phoneVotingRounds(db, commune.id, locale),
      options: (roundId, subBudget) => phoneBallotOptions(db, commune.id, roundId, subBudget),
      hasVoted: async (roundId, key) => !(await handled(db, commune.id, key)) && phoneHasVoted(db, commune.id, roundId, phone),
      cast: (input, key) => once(db, commune.id, key, () => castBallotFromPhone(db, commune, { ...input, phone, channel })),
    },
  };
}
