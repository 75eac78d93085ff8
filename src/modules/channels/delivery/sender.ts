import { randomUUID } from 'node:crypto';
import type { Kysely, Updateable } from 'kysely';
import { publicBaseUrl } from '../../../platform/config/config.js';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { PlatformServices } from '../../../platform/http/context.js';
import type { MessageSender, OutgoingMessage } from '../../../platform/messaging/message-sender.js';
import type { MessageDelivery } from '../../../platform/queue/queued-message-sender.js';
import { isOptedOut } from '../audience/opt-outs.js';
import { type ChannelDeliveryStatus, type ChannelTables, channelsDb } from '../db/tables.js';
import { type CommuneProviders, providersOf, type SmsProviderConfig, type WhatsAppProviderConfig } from '../provider-config.js';
import { AfricasTalkingSmsClient } from '../providers/africas-talking.js';
import { type FetchLike, type ProviderClient, ProviderError, type SendResult } from '../providers/client.js';
import { OrangeSmsClient } from '../providers/orange.js';
import { TwilioSmsClient } from '../providers/twilio.js';
import { WhatsAppCloudClient, whatsAppMessageKind } from '../providers/whatsapp.js';
import { smsCost } from '../sms/segments.js';
import { monthlySegmentCap, segmentsUsedThisMonth } from './log.js';

type Delivery = ChannelTables['channel_deliveries'];
type Channel = Delivery['channel'];

export const twilioStatusPath = (slug: string) => `/${slug}/channels/receipts/twilio`;

/** A one-time code the person asked for, or the answer to what the phone just sent: sent even after STOP or over the cap. */
export const isExempt = (message: OutgoingMessage): boolean => !!message.awaited || message.purpose.startsWith('channels.reply.');

/** What sending costs in the log: SMS segments in their encoding; WhatsApp is billed per conversation, so 0. */
function costOf(channel: Channel, body: string): { segments: number; encoding: Delivery['encoding'] } {
  if (channel === 'whatsapp') return { segments: 0, encoding: 'whatsapp' };
  const cost = smsCost(body);
  return { segments: cost.segments, encoding: cost.encoding === 'GSM-7' ? 'gsm7' : 'ucs2' };
}

/** Segments the commune may still send this month; null when it set no cap. Broadcasts check it before queuing. */
export async function remainingSegments(db: Kysely<PlatformTables>, commune: { id: string; time_zone: string }, now = new Date()): Promise<number | null> {
  const cap = await monthlySegmentCap(db, commune.id);
  return cap === null ? null : Math.max(0, cap - (await segmentsUsedThisMonth(db, commune, now)));
}

/** How one message will go: which channel and provider it is logged under, and the call that sends it. */
interface Route {
  channel: Channel;
  provider: string;
  send(): Promise<Partial<SendResult>>;
}

/** A route that sends nothing: the message is logged as failed with this code (no WhatsApp window, no fallback). */
class Undeliverable extends Error {
  constructor(
    readonly channel: Channel,
    readonly provider: string,
    readonly code: string,
  ) {
    super(code);
  }
}

interface CommuneInfo {
  id: string;
  slug: string;
  time_zone: string;
}

export interface ChannelDeliveryOptions {
  /** Replaces the providers' HTTP calls (tests). */
  fetch?: FetchLike;
  now?: () => Date;
}

/**
 * Delivers queued SMS and WhatsApp messages through each commune's configured provider (CHANNEL_PROVIDERS), the
 * outbox when it has none; e-mail always goes to the outbox. One `channel_deliveries` row per message, written
 * before the provider is called and updated after; a retryable provider error is thrown back to the queue.
 */
export class ChannelDelivery {
  private readonly communes = new Map<string, CommuneInfo>();
  // Clients keep state worth keeping (Orange's OAuth token): one per commune and configuration per process.
  private readonly clients = new Map<string, ProviderClient>();

  constructor(
    private readonly outbox: MessageSender,
    private readonly options: ChannelDeliveryOptions = {},
  ) {}

  private now(): Date {
    return (this.options.now ?? (() => new Date()))();
  }

  async deliver(services: PlatformServices, message: OutgoingMessage): Promise<void> {
    if (message.channel === 'email') return this.outbox.send(message);
    const { db } = services;
    const id = message.id ?? randomUUID();
    const existing = await channelsDb(db).selectFrom('channel_deliveries').select('status').where('id', '=', id).executeTakeFirst();
    // Already settled by an earlier attempt (a worker that died after sending): never send twice.
    if (existing && existing.status !== 'pending') return;
    const commune = message.communeId ? await this.communeInfo(db, message.communeId) : null;
    const exempt = isExempt(message);
    if (!exempt && (await isOptedOut(db, commune?.id ?? null, message.recipient))) return this.settle(db, id, message, message.channel, 'none', 'suppressed');

    let route: Route;
    try {
      route = await this.routeFor(services, commune, message);
    } catch (error) {
      if (!(error instanceof Undeliverable)) throw error;
      return this.settle(db, id, message, error.channel, error.provider, 'failed', error.code);
    }
    const { segments, encoding } = costOf(route.channel, message.body);
    // The cap is checked once, on the first attempt: a retried message was already admitted (and counted).
    if (!existing && !exempt && commune && segments > 0) {
      // Without a cap (most communes) the month's sum is not read at all: a broadcast would read it per message.
      const cap = await monthlySegmentCap(db, commune.id);
      if (cap !== null && (await segmentsUsedThisMonth(db, commune, this.now())) + segments > cap) return this.settle(db, id, message, route.channel, route.provider, 'capped');
    }
    if (!existing) await this.insertRow(db, id, message, { channel: route.channel, provider: route.provider, segments, encoding, status: 'pending' });
    await this.sendAndRecord(db, id, route);
  }

  private async sendAndRecord(db: Kysely<PlatformTables>, id: string, route: Route): Promise<void> {
    const update = (values: Updateable<Delivery>) => channelsDb(db).updateTable('channel_deliveries').set({ ...values, updated_at: new Date() }).where('id', '=', id).execute();
    let result: Partial<SendResult>;
    try {
      result = await route.send();
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
      const code = error.details.code ?? (error.details.httpStatus ? `http_${error.details.httpStatus}` : 'provider');
      if (error.retryable) {
        // The row stays pending; the queue tries again later and this row is reused.
        await update({ error_code: code });
        throw error;
      }
      await update({ status: 'failed', error_code: code });
      return;
    }
    await update({
      status: result.status ?? 'sent',
      external_id: result.externalId ?? null,
      error_code: null,
      ...(result.segments && route.channel === 'sms' ? { segments: result.segments } : {}),
    });
  }

  /** Logs a message that is not sent (opted out, over the cap, no way to reach the phone). */
  private async settle(db: Kysely<PlatformTables>, id: string, message: OutgoingMessage, channel: Channel, provider: string, status: ChannelDeliveryStatus, errorCode?: string): Promise<void> {
    const values = { channel, provider, segments: 0, encoding: costOf(channel, message.body).encoding, status, error_code: errorCode ?? null };
    await this.insertRow(db, id, message, values);
  }

  private async insertRow(db: Kysely<PlatformTables>, id: string, message: OutgoingMessage, values: Pick<Delivery, 'channel' | 'provider' | 'segments' | 'encoding' | 'status'> & { error_code?: string | null }): Promise<void> {
    await channelsDb(db)
      .insertInto('channel_deliveries')
      .values({ id, commune_id: message.communeId ?? null, recipient: message.recipient, purpose: message.purpose, ...values })
      .onConflict((oc) => oc.column('id').doUpdateSet({ status: values.status, error_code: values.error_code ?? null, updated_at: new Date() }))
      .execute();
  }

  private async communeInfo(db: Kysely<PlatformTables>, communeId: string): Promise<CommuneInfo | null> {
    const cached = this.communes.get(communeId);
    if (cached) return cached;
    const row = await db.selectFrom('communes').select(['id', 'slug', 'time_zone']).where('id', '=', communeId).executeTakeFirst();
    if (row) this.communes.set(communeId, row);
    return row ?? null;
  }

  private async routeFor(services: PlatformServices, commune: CommuneInfo | null, message: OutgoingMessage): Promise<Route> {
    const providers: CommuneProviders = commune ? providersOf(services.config, commune.slug) : {};
    const channel = message.channel as Channel;
    const toOutbox: Route = {
      channel,
      provider: 'outbox',
      send: async () => {
        await this.outbox.send(message);
        return { status: 'sent' };
      },
    };
    if (channel === 'sms') return providers.sms ? this.smsRoute(services, commune!, providers.sms, message) : toOutbox;
    if (!providers.whatsapp) return toOutbox;
    return this.whatsAppRoute(services, commune!, providers, message);
  }

  private smsRoute(services: PlatformServices, commune: CommuneInfo, config: SmsProviderConfig, message: OutgoingMessage): Route {
    const client = this.smsClient(services, commune, config);
    return { channel: 'sms', provider: config.provider, send: () => client.send({ to: message.recipient, body: message.body }) };
  }

  /** Free text inside the 24-hour window; outside it the approved template, else SMS, else nothing (error 'window'). */
  private async whatsAppRoute(services: PlatformServices, commune: CommuneInfo, providers: CommuneProviders, message: OutgoingMessage): Promise<Route> {
    const config = providers.whatsapp!;
    const client = this.whatsAppClient(commune, config);
    const to = message.recipient;
    const lastInbound = await channelsDb(services.db)
      .selectFrom('channel_inbound_messages')
      .select((eb) => eb.fn.max('received_at').as('last'))
      .where('commune_id', '=', commune.id)
      .where('channel', '=', 'whatsapp')
      .where('phone', '=', to)
      .executeTakeFirst();
    const last = lastInbound?.last ? new Date(lastInbound.last) : null;
    if (whatsAppMessageKind(last, this.now()) === 'session') return { channel: 'whatsapp', provider: 'whatsapp', send: () => client.send({ to, body: message.body }) };
    if (config.template) {
      const { name, language } = config.template;
      return { channel: 'whatsapp', provider: 'whatsapp', send: () => client.sendTemplate({ to, template: name, language, bodyParameters: [message.body] }) };
    }
    if (providers.sms) return this.smsRoute(services, commune, providers.sms, message);
    throw new Undeliverable('whatsapp', 'whatsapp', 'window');
  }

  private cachedClient<Client extends ProviderClient>(key: string, make: () => Client): Client {
    let client = this.clients.get(key);
    if (!client) {
      client = make();
      this.clients.set(key, client);
    }
    return client as Client;
  }

  private smsClient(services: PlatformServices, commune: CommuneInfo, config: SmsProviderConfig): ProviderClient {
    const fetch = this.options.fetch ? { fetch: this.options.fetch } : {};
    return this.cachedClient(`${commune.slug}:sms:${JSON.stringify(config)}`, () => {
      switch (config.provider) {
        case 'africastalking':
          return new AfricasTalkingSmsClient({ ...config, ...fetch });
        case 'orange':
          return new OrangeSmsClient({ ...config, ...fetch });
        case 'twilio':
          return new TwilioSmsClient({ ...config, statusCallbackUrl: `${publicBaseUrl(services.config)}${twilioStatusPath(commune.slug)}`, ...fetch });
      }
    });
  }

  private whatsAppClient(commune: CommuneInfo, config: WhatsAppProviderConfig): WhatsAppCloudClient {
    const fetch = this.options.fetch ? { fetch: this.options.fetch } : {};
    return this.cachedClient(`${commune.slug}:whatsapp:${JSON.stringify(config)}`, () => new WhatsAppCloudClient({ ...config, ...fetch }));
  }
}

/** The channels module's `messageDelivery`: one ChannelDelivery per application, falling back on its outbox. */
export const channelMessageDelivery =
  (options: ChannelDeliveryOptions = {}) =>
  (outbox: MessageSender): MessageDelivery<PlatformServices> => {
    const delivery = new ChannelDelivery(outbox, options);
    return (services, message) => delivery.deliver(services, message);
  };
