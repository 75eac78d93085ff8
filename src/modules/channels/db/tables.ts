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
  channel_opt_outs: { commune_id: string; phone: string; source: string; created_at: Stamp };
  channel_subscriptions: {
    commune_id: string;
    phone: string;
    channel: 'sms' | 'whatsapp';
    locale: Locale;
    neighbourhood: string | null;
    topics: ColumnType<SubscriptionTopic[], SubscriptionTopic[] | undefined, SubscriptionTopic[]>;
    created_at: Stamp;
    updated_at: Stamp;
  };
};

export const subscriptionTopics = ['news', 'meetings', 'consultations'] as const;
export type SubscriptionTopic = (typeof subscriptionTopics)[number];

export const channelsDb = (db: Kysely<PlatformTables>) => db.withTables<ChannelTables>();
export const scopedChannels = (db: Kysely<PlatformTables>, communeId: string) => communeScope(channelsDb(db), communeId);
