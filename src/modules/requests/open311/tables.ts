import type { Generated, Kysely, Selectable } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { communeScope } from '../../../platform/db/commune-scope.js';
import type { RequestsTables } from '../db/tables.js';
import type { MaybeStamp, Stamp } from '../../../platform/db/column-types.js';


export type Open311Tables = {
  open311_api_keys: {
    id: Generated<string>;
    commune_id: string;
    name: string;
    key_hash: string;
    key_prefix: string;
    created_by: string | null;
    created_at: Stamp;
    last_used_at: MaybeStamp;
    revoked_at: MaybeStamp;
  };
};

export type ApiKey = Selectable<Open311Tables['open311_api_keys']>;

export const open311Db = (db: Kysely<PlatformTables>) => db.withTables<RequestsTables & Open311Tables>();
export const open311Scoped = (db: Kysely<PlatformTables>, communeId: string) => communeScope(open311Db(db), communeId);
