import type { ColumnType, Generated, Kysely } from 'kysely';
import { communeScope } from '../../../platform/db/commune-scope.js';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { Locale } from '../../../platform/i18n/locales.js';
import type { Stamp } from '../../../platform/db/column-types.js';


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
    id: Generated<string>;
    handled_at: Date | null;
    handled_by: string | null;
    handled_as: InboxOutcome | null;
    handled_ref: string | null;
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
  channel_deliveries: {
    id: Generated<string>;
    commune_id: string | null;
    channel: 'sms' | 'whatsapp';
    provider: string;
    recipient: string;
    purpose: string;
    segments: number;
    encoding: 'gsm7' | 'ucs2' | 'whatsapp';
    status: ChannelDeliveryStatus;
    external_id: string | null;
    error_code: string | null;
    created_at: Stamp;
    updated_at: Stamp;
  };
  channel_settings: { commune_id: string; monthly_segment_cap: number | null; updated_at: Stamp };
  channel_broadcasts: {
    id: Generated<string>;
    commune_id: string;
    kind: BroadcastKind;
    body: string;
    channel: BroadcastChannel;
    locale_filter: Locale | null;
    neighbourhood_filter: string | null;
    status: 'sending' | 'sent';
    recipients: number;
    created_by: string | null;
    created_at: Stamp;
    sent_at: Date | null;
  };
  channel_broadcast_recipients: { broadcast_id: string; commune_id: string; phone: string; channel: 'sms' | 'whatsapp'; status: ColumnType<BroadcastRecipientStatus, BroadcastRecipientStatus | undefined, BroadcastRecipientStatus>; updated_at: Stamp };
};

export type BroadcastRecipientStatus = 'pending' | 'sent' | 'suppressed';
export const broadcastKinds = ['news', 'meeting', 'consultation'] as const;
export type BroadcastKind = (typeof broadcastKinds)[number];
export const broadcastChannels = ['sms', 'whatsapp', 'both'] as const;
export type BroadcastChannel = (typeof broadcastChannels)[number];

export const deliveryStatuses = ['pending', 'queued', 'sent', 'delivered', 'read', 'failed', 'unknown', 'suppressed', 'capped'] as const;
export type ChannelDeliveryStatus = (typeof deliveryStatuses)[number];

export type InboxOutcome = 'complaint' | 'contribution' | 'answer' | 'dismissed';

export const subscriptionTopics = ['news', 'meetings', 'consultations'] as const;
export type SubscriptionTopic = (typeof subscriptionTopics)[number];

export const channelsDb = (db: Kysely<PlatformTables>) => db.withTables<ChannelTables>();
export const scopedChannels = (db: Kysely<PlatformTables>, communeId: string) => communeScope(channelsDb(db), communeId);
