import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { communeScope } from '../../../platform/db/commune-scope.js';
import type { RequestsTables } from '../db/tables.js';

export type RequestsDb = Kysely<PlatformTables & RequestsTables>;

export const requestsDb = (db: Kysely<PlatformTables>): RequestsDb => db.withTables<RequestsTables>();
export const scoped = (db: Kysely<PlatformTables>, communeId: string) => communeScope(requestsDb(db), communeId);
