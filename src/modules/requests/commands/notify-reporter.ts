import { publicBaseUrl } from '../../../platform/config/config.js';
import type { Commune } from '../../../platform/db/platform-tables.js';
import type { PlatformServices } from '../../../platform/http/context.js';
import { isLocale, pickLocalized } from '../../../platform/i18n/locales.js';
import type { OutgoingMessage } from '../../../platform/messaging/message-sender.js';
import type { Request } from '../db/tables.js';
import { requestsDb } from '../queries/requests-db.js';

export type ReporterNews = 'status' | 'message' | 'filed';

const newsKeys: Record<ReporterNews, string> = {
  filed: 'requests.notify.filed',
  status: 'requests.notify.status',
  message: 'requests.notify.message',
};

/** Where news of a request goes: the contact left on the form, else the account's phone or e-mail. */
export async function reporterAddress(services: Pick<PlatformServices, 'db'>, request: Request): Promise<Pick<OutgoingMessage, 'channel' | 'recipient'> | null> {
  if (request.reporter_phone) return { channel: 'sms', recipient: request.reporter_phone };
  if (request.reporter_email) return { channel: 'email', recipient: request.reporter_email };
  if (!request.reporter_user_id) return null;
  const user = await requestsDb(services.db).selectFrom('users').select(['phone_e164', 'email']).where('id', '=', request.reporter_user_id).executeTakeFirst();
  if (user?.phone_e164) return { channel: 'sms', recipient: user.phone_e164 };
  if (user?.email) return { channel: 'email', recipient: user.email };
  return null;
}

/**
 * Tells the person who filed a request what changed, in one short message with its reference and link
 * (an SMS costs the commune: no detail beyond what makes them open the page). Returns false when nobody can be told.
 */
export async function notifyReporter(services: PlatformServices, commune: Commune, request: Request, news: ReporterNews, details: { status?: string; code?: string } = {}): Promise<boolean> {
  const address = await reporterAddress(services, request);
  if (!address) return false;
  const locale = request.reporter_locale && isLocale(request.reporter_locale) ? request.reporter_locale : commune.default_locale;
  const t = services.messages.translator(locale);
  const link = `${publicBaseUrl(services.config)}/${commune.slug}/requests/${request.reference}`;
  const communeName = pickLocalized(commune.name, locale)?.value ?? commune.slug;
  const body = t(newsKeys[news], { commune: communeName, reference: request.reference, status: details.status ?? '', code: details.code ?? '', link });
  await services.messageSender.send({ ...address, body, purpose: `requests.${news}`, communeId: commune.id });
  return true;
}
