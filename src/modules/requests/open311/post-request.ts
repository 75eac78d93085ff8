import { parseIdentifier } from '../../../platform/auth/identifier.js';
import type { Commune } from '../../../platform/db/platform-tables.js';
import type { Category } from '../db/tables.js';
import { Open311Error } from './respond.js';

/** A POST Service Request as the spec names its fields, checked; what we store of it (attributes: none are defined). */
export interface CheckedPost {
  category: Category;
  description: string | null;
  latitude: number | null;
  longitude: number | null;
  address: string | null;
  reporterName: string | null;
  phone: string | null;
  email: string | null;
  mediaUrl: string | null;
}

type Body = Record<string, unknown>;

/** A text field; the spec treats an empty parameter as an absent one. */
function text(body: Body, name: string, max: number): string | null {
  const value = body[name];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new Open311Error(400, `${name} must be given once`);
  const trimmed = value.trim();
  if (trimmed.length > max) throw new Open311Error(400, `${name} is longer than ${max} characters`);
  return trimmed || null;
}

function coordinate(body: Body, name: 'lat' | 'long', limit: number): number | null {
  const value = text(body, name, 40);
  if (value === null) return null;
  const number = Number(value);
  if (!/^-?\d{1,3}(\.\d+)?$/.test(value) || Math.abs(number) > limit) throw new Open311Error(400, `${name} must be a WGS84 coordinate in decimal degrees`);
  return number;
}

/** A location is required: lat and long together, or address_string, or address_id (kept as the address: we have no address register). */
function location(body: Body) {
  const latitude = coordinate(body, 'lat', 90);
  const longitude = coordinate(body, 'long', 180);
  if ((latitude === null) !== (longitude === null)) throw new Open311Error(400, 'lat and long must be sent together');
  const addressString = text(body, 'address_string', 300);
  const addressId = text(body, 'address_id', 100);
  if (latitude === null && !addressString && !addressId) throw new Open311Error(400, 'A location is required: lat and long, or address_string, or address_id');
  return { latitude, longitude, address: addressString ?? addressId };
}

function contact(body: Body, commune: Commune) {
  const phone = text(body, 'phone', 40);
  const email = text(body, 'email', 200);
  const parsedPhone = phone ? parseIdentifier(phone, commune.country) : null;
  if (phone && parsedPhone?.kind !== 'phone') throw new Open311Error(400, 'phone is not a valid phone number');
  const parsedEmail = email ? parseIdentifier(email, commune.country) : null;
  if (email && parsedEmail?.kind !== 'email') throw new Open311Error(400, 'email is not a valid e-mail address');
  const name = [text(body, 'first_name', 100), text(body, 'last_name', 100)].filter(Boolean).join(' ');
  return { reporterName: name || null, phone: parsedPhone?.value ?? null, email: parsedEmail?.value ?? null };
}

function mediaUrl(body: Body): string | null {
  const value = text(body, 'media_url', 1000);
  if (!value) return null;
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.toString();
  } catch {
    // Refused below, like any other scheme.
  }
  throw new Open311Error(400, 'media_url must be an http or https URL');
}

/** Checks a POST body: an unknown service_code is a resource not found (404), anything else wrong a 400. */
export function checkPost(body: Body, commune: Commune, categories: Category[]): CheckedPost {
  const code = text(body, 'service_code', 40);
  if (!code) throw new Open311Error(400, 'service_code was not provided');
  const category = categories.find((c) => c.code === code && c.active);
  if (!category) throw new Open311Error(404, `service_code ${code} was not found`);
  // Accepted as the spec lists them, then not kept: we have no accounts or devices to tie them to.
  text(body, 'account_id', 200);
  text(body, 'device_id', 200);
  return { category, description: text(body, 'description', 4000), ...location(body), ...contact(body, commune), mediaUrl: mediaUrl(body) };
}

/** The neighbourhood the typed address names, if any, so the complaint is routed as the web form would. */
export function neighbourhoodIn(address: string | null, neighbourhoods: string[]): string | null {
  if (!address) return null;
  const words = address.toLocaleLowerCase();
  return neighbourhoods.find((n) => new RegExp(`(^|[^\\p{L}])${n.toLocaleLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'u').test(words)) ?? null;
}
