import type { ColumnType, Generated, Kysely, Selectable } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { type Principle, principles } from '../principles.js';
import type { Stamp } from '../../../platform/db/column-types.js';


export { type Principle, principles };

export const threadStatuses = ['open', 'resolved'] as const;
export type ThreadStatus = (typeof threadStatuses)[number];

export type ExchangeTables = {
  network_exchange_threads: {
    id: Generated<string>;
    /** The asker's commune; null for the programme team (platform administrators). */
    commune_id: string | null;
    author_id: string;
    title: string;
    body: string;
    principle: Principle;
    module_tag: string | null;
    status: ColumnType<ThreadStatus, ThreadStatus | undefined, ThreadStatus>;
    accepted_reply_id: string | null;
    created_at: Stamp;
    last_activity_at: Stamp;
  };
  network_exchange_replies: {
    id: Generated<string>;
    thread_id: string;
    commune_id: string | null;
    author_id: string;
    body: string;
    created_at: Stamp;
  };
  network_exchange_follows: {
    thread_id: string;
    user_id: string;
    following: ColumnType<boolean, boolean | undefined, boolean>;
  };
  network_exchange_notifications: {
    id: Generated<string>;
    user_id: string;
    thread_id: string;
    reply_id: string;
    created_at: Stamp;
    read_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  };
};

export type ThreadRow = Selectable<ExchangeTables['network_exchange_threads']>;
export type ReplyRow = Selectable<ExchangeTables['network_exchange_replies']>;

export const exchangeDb = (db: Kysely<PlatformTables>): Kysely<PlatformTables & ExchangeTables> => db.withTables<ExchangeTables>();
