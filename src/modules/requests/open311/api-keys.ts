import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { type ApiKey, open311Scoped } from './tables.js';

/** Marks our keys, so one pasted in the wrong place (a log, a chat) is recognisable. */
const keyMarker = 'p311_';

export const hashApiKey = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

/** Issues a key for a client of the commune; the key itself is returned once and only its hash is stored. */
export async function issueApiKey(db: Kysely<PlatformTables>, communeId: string, name: string, createdBy: string | null): Promise<{ key: string; row: ApiKey }> {
  const key = `${keyMarker}${randomBytes(32).toString('base64url')}`;
  const row = await open311Scoped(db, communeId)
    .insertInto('open311_api_keys', { name, key_hash: hashApiKey(key), key_prefix: key.slice(0, keyMarker.length + 6), created_by: createdBy })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { key, row };
}

export async function listApiKeys(db: Kysely<PlatformTables>, communeId: string): Promise<ApiKey[]> {
  return open311Scoped(db, communeId).selectFrom('open311_api_keys').selectAll().orderBy('created_at', 'desc').orderBy('id').execute();
}

/** Revokes a key of this commune; undefined when it has none with this id (or it was already revoked). */
export async function revokeApiKey(db: Kysely<PlatformTables>, communeId: string, id: string, now = new Date()): Promise<ApiKey | undefined> {
  return open311Scoped(db, communeId).updateTable('open311_api_keys').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).returningAll().executeTakeFirst();
}

/** The live key of this commune matching what a client sent, noting its use; a key of another commune does not match. */
export async function verifyApiKey(db: Kysely<PlatformTables>, communeId: string, key: string, now = new Date()): Promise<ApiKey | undefined> {
  if (!key.startsWith(keyMarker) || key.length > 200) return undefined;
  return open311Scoped(db, communeId)
    .updateTable('open311_api_keys')
    .set({ last_used_at: now })
    .where('key_hash', '=', hashApiKey(key))
    .where('revoked_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}
