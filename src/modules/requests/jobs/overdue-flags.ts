import { publicBaseUrl } from '../../../platform/config/config.js';
import type { Commune } from '../../../platform/db/platform-tables.js';
import type { PlatformServices } from '../../../platform/http/context.js';
import { isoDate } from '../../../platform/i18n/format.js';
import { pickLocalized } from '../../../platform/i18n/locales.js';
import type { OutgoingMessage } from '../../../platform/messaging/message-sender.js';
import { recordReleasedInformation } from '../information/release-record.js';
import type { ModuleJob } from '../../../platform/module.js';
import { requestsDb } from '../queries/requests-db.js';

interface Claimed {
  id: string;
  commune_id: string;
  reference: string;
  service_id: string | null;
  sensitive: boolean;
}

/**
 * Marks the complaints of one commune that became overdue (open, unanswered, due before `today`, the commune's
 * calendar day) and returns them. The UPDATE … WHERE overdue_flagged_at IS NULL is the claim: a second run, even at
 * the same moment, finds nothing left to take, so nobody is told twice.
 */
async function claimNewlyOverdue(services: PlatformServices, communeId: string, today: string, now: Date): Promise<Claimed[]> {
  return requestsDb(services.db)
    .updateTable('requests')
    .set({ overdue_flagged_at: now })
    .where('commune_id', '=', communeId)
    .where('kind', '=', 'complaint')
    .where('is_open', '=', true)
    .where('answered_at', 'is', null)
    .where('overdue_flagged_at', 'is', null)
    .where('due_on', '<', today)
    .returning(['id', 'commune_id', 'reference', 'service_id', 'sensitive'])
    .execute();
}

const groupBy = <T>(items: T[], key: (item: T) => string) => {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
};

/** Where an administrator is reached: their phone, else their e-mail. */
async function administratorAddresses(services: PlatformServices, communeId: string): Promise<Pick<OutgoingMessage, 'channel' | 'recipient'>[]> {
  const admins = await services.db
    .selectFrom('role_grants')
    .innerJoin('users', 'users.id', 'role_grants.user_id')
    .select(['users.phone_e164', 'users.email'])
    .distinct()
    .where('role_grants.commune_id', '=', communeId)
    .where('role_grants.role', '=', 'admin')
    .where('role_grants.revoked_at', 'is', null)
    .execute();
  return admins.flatMap((a): Pick<OutgoingMessage, 'channel' | 'recipient'>[] => (a.phone_e164 ? [{ channel: 'sms', recipient: a.phone_e164 }] : a.email ? [{ channel: 'email', recipient: a.email }] : []));
}

/** One message per service (sensitive complaints excepted: they may be about its officers) and one per administrator. */
async function tellCommune(services: PlatformServices, commune: Commune, claimed: Claimed[]): Promise<number> {
  const t = services.messages.translator(commune.default_locale);
  const communeName = pickLocalized(commune.name, commune.default_locale)?.value ?? commune.slug;
  const link = `${publicBaseUrl(services.config)}/${commune.slug}/admin/requests?overdue=on`;
  const purpose = 'requests.overdue';
  let sent = 0;
  const forServices = groupBy(claimed.filter((c) => c.service_id && !c.sensitive), (c) => c.service_id!);
  const serviceRows = forServices.size > 0 ? await requestsDb(services.db).selectFrom('request_services').select(['id', 'name', 'email']).where('commune_id', '=', commune.id).where('id', 'in', [...forServices.keys()]).execute() : [];
  for (const service of serviceRows) {
    if (!service.email) continue;
    const references = forServices.get(service.id)!.map((c) => c.reference).join(', ');
    const serviceName = pickLocalized(service.name, commune.default_locale)?.value ?? '';
    const body = t('requests.handling.overdue.to_service', { commune: communeName, service: serviceName, references, link });
    await services.messageSender.send({ channel: 'email', recipient: service.email, body, purpose, communeId: commune.id });
    sent += 1;
  }
  const references = claimed.map((c) => c.reference).join(', ');
  for (const address of await administratorAddresses(services, commune.id)) {
    const body = t('requests.handling.overdue.to_admin', { commune: communeName, count: String(claimed.length), references, link });
    await services.messageSender.send({ ...address, body, purpose, communeId: commune.id });
    sent += 1;
  }
  return sent;
}

/**
 * Flags the complaints newly overdue and tells their services and the communes' administrators; returns what it did.
 * "Today" is each commune's own calendar day, computed like everywhere else in the application.
 */
export async function flagOverdueComplaints(services: PlatformServices, now: Date): Promise<{ flagged: number; messages: number }> {
  const communes = await services.db.selectFrom('communes').selectAll().execute();
  let flagged = 0;
  let messages = 0;
  for (const commune of communes) {
    const claimed = await claimNewlyOverdue(services, commune.id, isoDate(now, commune.time_zone), now);
    if (claimed.length === 0) continue;
    flagged += claimed.length;
    messages += await tellCommune(services, commune, claimed.sort((a, b) => a.reference.localeCompare(b.reference)));
  }
  return { flagged, messages };
}

export const requestsJobs: ModuleJob[] = [
  { id: 'requests.overdue-flags', everyMinutes: 60, run: async (services, now) => void (await flagOverdueComplaints(services, now)) },
  { id: 'requests.record-released-information', everyMinutes: 10, run: async (services) => void (await recordReleasedInformation(services.db, services.config)) },
];
