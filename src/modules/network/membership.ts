import { type Kysely, sql } from 'kysely';
import type { PlatformTables } from '../../platform/db/platform-tables.js';
import type { LocalizedText } from '../../platform/i18n/locales.js';
import { type Actor, hasRole } from '../../platform/permissions/actor.js';

export interface MemberCommune {
  id: string;
  slug: string;
  name: LocalizedText;
  country: string;
}

/** Member communes are those that switched the network module on. */
export async function memberCommunes(db: Kysely<PlatformTables>): Promise<MemberCommune[]> {
  return db
    .selectFrom('communes')
    .select(['id', 'slug', 'name', 'country'])
    .where(sql<boolean>`enabled_modules ? 'network'`)
    .orderBy('slug')
    .execute();
}

/** The member communes where the actor works as staff or administrator (the ones they speak for in the network). */
export function staffCommunes(actor: Actor, members: readonly MemberCommune[]): MemberCommune[] {
  return members.filter((commune) => hasRole(actor, commune.id, 'staff', 'admin'));
}
