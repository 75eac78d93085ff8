import type { Commune } from '../../../platform/db/platform-tables.js';
import type { Translate } from '../../../platform/i18n/i18n.js';
import { type Locale, type LocalizedText, locales, pickLocalized } from '../../../platform/i18n/locales.js';
import type { Category, Service } from '../db/tables.js';
import { endOfDay, w3cDateTime } from './datetime.js';
import type { PublicComplaint } from './request-list.js';

/** What the texts are read in: the client's language (Accept-Language), else the commune's, else any. */
export interface Reading {
  commune: Commune;
  locale: Locale;
  t: Translate;
  /** Origin of absolute links, e.g. https://palabre.example */
  baseUrl: string;
}

export const textIn = (reading: Reading, text: LocalizedText | null | undefined): string =>
  pickLocalized(text, reading.locale, [reading.commune.default_locale, ...locales])?.value ?? '';

/** The category's names in the other languages, so a client finds it whatever word its user types. */
function keywordsOf(reading: Reading, category: Category): string {
  const name = textIn(reading, category.name);
  return [...new Set(Object.values(category.name).filter((v): v is string => !!v && v !== name))].join(', ');
}

/** One entry of GET services: our categories have no extra fields (metadata false) and get an id at once (realtime). */
export function serviceOf(reading: Reading, category: Category, services: Service[]) {
  const group = services.find((s) => s.id === category.default_service_id);
  return {
    service_code: category.code,
    service_name: textIn(reading, category.name),
    description: textIn(reading, category.description),
    metadata: false,
    type: 'realtime',
    keywords: keywordsOf(reading, category),
    group: group ? textIn(reading, group.name) : '',
  };
}

/** What the commune commits to for a category: its response deadline. */
export const serviceNotice = (reading: Reading, responseDays: number | null): string | null =>
  responseDays ? reading.t('requests.open311.service_notice', { days: String(responseDays) }) : null;

/** One service request as the spec lists its fields; the reporter's identity is not among them, by design. */
export function requestOf(reading: Reading, complaint: PublicComplaint) {
  const zone = reading.commune.time_zone;
  const due = complaint.due_on ? endOfDay(complaint.due_on, zone) : null;
  const address = [complaint.address, complaint.neighbourhood].filter(Boolean).join(', ');
  return {
    service_request_id: complaint.reference,
    status: complaint.status,
    status_notes: complaint.status_notes,
    service_name: textIn(reading, complaint.category_name),
    service_code: complaint.category_code,
    description: complaint.description,
    agency_responsible: complaint.service_name ? textIn(reading, complaint.service_name) : null,
    service_notice: serviceNotice(reading, complaint.response_days),
    requested_datetime: w3cDateTime(complaint.created_at, zone),
    // For a closed request the spec wants the day it was closed.
    updated_datetime: w3cDateTime(complaint.status === 'closed' && complaint.closed_at ? complaint.closed_at : complaint.updated_at, zone),
    expected_datetime: due ? w3cDateTime(due, zone) : null,
    address: address || null,
    address_id: null,
    zipcode: null,
    lat: complaint.latitude,
    long: complaint.longitude,
    media_url: complaint.photo_file_id ? `${reading.baseUrl}/files/${complaint.photo_file_id}` : null,
  };
}
