import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { RequestKind } from './db/tables.js';

/**
 * Reference prefixes people read over the phone: PL for a complaint (plainte), AI for accès à l'information, DA for
 * an administrative procedure (demande administrative).
 */
export const referencePrefixes: Record<RequestKind, string> = { complaint: 'PL', information: 'AI', procedure: 'DA' };

const referencePattern = /^(PL|AI|DA)-\d{4}-\d{5,}$/;

/** Normalises what a person typed ("pl 2026 42" included) to a stored reference, or null. */
export function normaliseReference(typed: string): string | null {
  const match = /^\s*(pl|ai|da)[\s-]*(\d{4})[\s-]*(\d{1,9})\s*$/i.exec(typed);
  if (!match) return null;
  const reference = `${match[1]!.toUpperCase()}-${match[2]}-${match[3]!.padStart(5, '0')}`;
  return referencePattern.test(reference) ? reference : null;
}

/**
 * Takes the next number of the commune's yearly series in one statement: two requests filed at the same
 * instant (two server processes included) can never get the same reference.
 */
export async function nextReference(db: Kysely<any>, communeId: string, kind: RequestKind, year: number): Promise<string> {
  const prefix = referencePrefixes[kind];
  const { rows } = await sql<{ last_number: number }>`
    insert into request_counters (commune_id, prefix, year, last_number) values (${communeId}, ${prefix}, ${year}, 1)
    on conflict (commune_id, prefix, year) do update set last_number = request_counters.last_number + 1
    returning last_number`.execute(db);
  return `${prefix}-${year}-${String(rows[0]!.last_number).padStart(5, '0')}`;
}

// No 0/O, 1/I/L: the code is read aloud and typed on feature phones.
const codeAlphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** The secret that lets the person who filed a request follow it without an account (private ones included). */
export function newAccessCode(): string {
  return Array.from({ length: 8 }, () => codeAlphabet[randomInt(codeAlphabet.length)]).join('');
}

export const hashAccessCode = (code: string) => createHash('sha256').update(code.trim().toUpperCase().replace(/[\s-]/g, '')).digest('hex');

export function accessCodeMatches(code: string | undefined, storedHash: string): boolean {
  if (!code) return false;
  const given = Buffer.from(hashAccessCode(code), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
