import type { Kysely } from 'kysely';
import { communeScope } from '../../../platform/db/commune-scope.js';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { FinanceTables } from './tables.js';

export type FinancesDb = Kysely<PlatformTables & FinanceTables>;

export const financesDb = (db: Kysely<PlatformTables>): FinancesDb => db.withTables<FinanceTables>();
export const scoped = (db: Kysely<PlatformTables>, communeId: string) => communeScope(financesDb(db), communeId);
