import type { ColumnType, Kysely } from 'kysely';
import { communeScope } from '../../../platform/db/commune-scope.js';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { Locale } from '../../../platform/i18n/locales.js';

type Stamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type ChannelTables = {
  channel_phone_preferences: { commune_id: string; phone: string; locale: Locale; updated_at: Stamp };
  channel_ussd_actions: { commune_id: string; idempotency_key: string; reference: string | null; created_at: Stamp };
  channel_inbound_messages: {
    commune_id: string;
    provider: string;
    external_id: string;
    channel: 'sms' | 'whatsapp';
    phone: string;
    body: string;
    received_at: Date;
    matched: string | null;
    created_at: Stamp;
  };
};

export const channelsDb = (db: Kysely<PlatformTables>) => db.withTables<ChannelTables>();
export const scopedChannels = (db: Kysely<PlatformTables>, communeId: string) => communeScope(channelsDb(db), communeId);
