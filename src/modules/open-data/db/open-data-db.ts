import type { Kysely } from 'kysely';
import { communeScope } from '../../../platform/db/commune-scope.js';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { OpenDataTables } from './tables.js';

export type OpenDataDb = Kysely<PlatformTables & OpenDataTables>;

export const openDataDb = (db: Kysely<PlatformTables>): OpenDataDb => db.withTables<OpenDataTables>();
export const scoped = (db: Kysely<PlatformTables>, communeId: string) => communeScope(openDataDb(db), communeId);
