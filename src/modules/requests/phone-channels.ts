import type { Kysely } from 'kysely';
import type { Commune, PlatformTables } from '../../platform/db/platform-tables.js';
import { type Locale, pickLocalized } from '../../platform/i18n/locales.js';
import { complaintInput, fileComplaint } from './commands/complaint-commands.js';
import type { Request } from './db/tables.js';
import { stageName } from './procedures/stages.js';
import { categoriesOf, findByReference, statesOf } from './queries/request-queries.js';

/** What another module (channels: USSD, SMS, WhatsApp) may do with complaints on behalf of a caller. */
export interface PhoneComplaint {
  categoryId: string;
  neighbourhood: string | null;
  text: string;
  /** E.164; linked to the account that verified it, else kept as the reporter's phone only. */
  phone: string;
  channel: 'sms' | 'ussd' | 'whatsapp';
  locale: Locale;
}

/** The commune's active complaint categories, named in the caller's language. */
export async function complaintCategoryChoices(db: Kysely<PlatformTables>, communeId: string, locale: Locale): Promise<{ id: string; code: string; label: string }[]> {
  const categories = await categoriesOf(db, communeId, { activeOnly: true });
  return categories.map((c) => ({ id: c.id, code: c.code, label: pickLocalized(c.name, locale)?.value ?? c.code }));
}

/**
 * Files a complaint from a phone. Accounts hold a phone number only once a code sent to it was typed back, so the
 * account with this number, when there is one, becomes the reporter.
 */
export async function fileComplaintFromPhone(db: Kysely<PlatformTables>, commune: Commune, complaint: PhoneComplaint): Promise<{ reference: string }> {
  const account = await db.selectFrom('users').select('id').where('phone_e164', '=', complaint.phone).executeTakeFirst();
  const input = complaintInput(complaint.categoryId, complaint.text, {
    neighbourhood: complaint.neighbourhood,
    channel: complaint.channel,
    reporter: { userId: account?.id ?? null, name: null, phone: complaint.phone, email: null, locale: complaint.locale },
  });
  const { request } = await fileComplaint(db, commune, input);
  return { reference: request.reference };
}

/**
 * A request's status by its reference, for a caller who typed it. A private complaint answers only to the phone that
 * filed it, and an administrative-procedure request (always personal) only to its requester's phone: a reference
 * alone must not reveal it.
 */
export async function requestStatusForPhone(db: Kysely<PlatformTables>, communeId: string, reference: string, phone: string, locale: Locale): Promise<string | null> {
  const request = await findByReference(db, communeId, reference);
  if (request?.kind === 'procedure') return (await isRequesterPhone(db, request, phone)) ? stageName(request.status, locale) : null;
  if (request?.kind !== 'complaint') return null;
  if (request.is_private && request.reporter_phone !== phone) return null;
  const state = (await statesOf(db, communeId)).find((s) => s.code === request.status);
  return pickLocalized(state?.name, locale)?.value ?? request.status;
}

/** The phone typed for the requester (by a mediator), or the verified phone of the account that filed it. */
async function isRequesterPhone(db: Kysely<PlatformTables>, request: Request, phone: string): Promise<boolean> {
  if (request.reporter_phone === phone) return true;
  if (!request.reporter_user_id) return false;
  return !!(await db.selectFrom('users').select('id').where('id', '=', request.reporter_user_id).where('phone_e164', '=', phone).executeTakeFirst());
}
