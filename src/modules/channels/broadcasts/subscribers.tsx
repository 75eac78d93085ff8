import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { formatDateTime, formatNumber } from '../../../platform/i18n/format.js';
import { isLocale, localeNames } from '../../../platform/i18n/locales.js';
import { maskPhone } from '../../../platform/queue/mask.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import { scopedChannels } from '../db/tables.js';

export interface SubscriberFigures {
  total: number;
  optedOut: number;
  byNeighbourhood: { key: string | null; count: number }[];
  byLocale: { key: string; count: number }[];
  byChannel: { key: string; count: number }[];
  /** The latest subscriptions, the number masked: staff see that people subscribe, not who. */
  latest: { phone: string; channel: string; locale: string; neighbourhood: string | null; createdAt: Date }[];
}

export async function subscriberFigures(db: Kysely<PlatformTables>, communeId: string): Promise<SubscriberFigures> {
  const scoped = scopedChannels(db, communeId);
  const countBy = async <C extends 'neighbourhood' | 'locale' | 'channel'>(column: C) =>
    (await scoped.selectFrom('channel_subscriptions').select([column, (eb) => eb.fn.countAll<string>().as('count')]).groupBy(column).orderBy(column).execute()).map((row) => ({
      key: (row as Record<string, unknown>)[column] as string | null,
      count: Number(row.count),
    }));
  const [byNeighbourhood, byLocale, byChannel, optedOut, latest] = await Promise.all([
    countBy('neighbourhood'),
    countBy('locale'),
    countBy('channel'),
    scoped.selectFrom('channel_opt_outs').select((eb) => eb.fn.countAll<string>().as('count')).executeTakeFirstOrThrow(),
    scoped.selectFrom('channel_subscriptions').select(['phone', 'channel', 'locale', 'neighbourhood', 'created_at']).orderBy('created_at', 'desc').limit(20).execute(),
  ]);
  return {
    total: byChannel.reduce((sum, row) => sum + row.count, 0),
    optedOut: Number(optedOut.count),
    byNeighbourhood,
    byLocale: byLocale.map((row) => ({ key: row.key ?? '', count: row.count })),
    byChannel: byChannel.map((row) => ({ key: row.key ?? '', count: row.count })),
    latest: latest.map((row) => ({ phone: maskPhone(row.phone), channel: row.channel, locale: row.locale, neighbourhood: row.neighbourhood, createdAt: row.created_at })),
  };
}

function CountTable({ ctx, id, caption, rows }: { ctx: ViewContext; id: string; caption: string; rows: { label: string; count: number }[] }) {
  return (
    <table class="data" id={id}>
      <caption safe>{caption}</caption>
      <tbody>
        {rows.map((row) => (
          <tr>
            <th scope="row" safe>{row.label}</th>
            <td safe>{formatNumber(row.count, ctx.locale)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const languageName = (code: string) => (isLocale(code) ? localeNames[code] : code);

export function SubscribersPage({ ctx, figures }: { ctx: ViewContext; figures: SubscriberFigures }) {
  const title = ctx.t('channels.subscribers.title');
  const wholeCommune = ctx.t('channels.subscribers.whole_commune');
  return (
    <Layout ctx={ctx} area="admin" title={title}>
      <p><a href={`/${ctx.commune!.slug}/admin/channels/broadcasts`} safe>{ctx.t('channels.broadcast.back')}</a></p>
      <h1 safe>{title}</h1>
      <p safe>{ctx.t('channels.subscribers.intro')}</p>
      <p id="subscriber-total" safe>{ctx.t('channels.subscribers.total', { count: formatNumber(figures.total, ctx.locale), stopped: formatNumber(figures.optedOut, ctx.locale) })}</p>
      <CountTable ctx={ctx} id="by-neighbourhood" caption={ctx.t('channels.subscribers.by_neighbourhood')} rows={figures.byNeighbourhood.map((row) => ({ label: row.key ?? wholeCommune, count: row.count }))} />
      <CountTable ctx={ctx} id="by-locale" caption={ctx.t('channels.subscribers.by_locale')} rows={figures.byLocale.map((row) => ({ label: languageName(row.key), count: row.count }))} />
      <CountTable ctx={ctx} id="by-channel" caption={ctx.t('channels.subscribers.by_channel')} rows={figures.byChannel.map((row) => ({ label: row.key === 'sms' ? ctx.t('channels.broadcast.channel_sms') : ctx.t('channels.broadcast.channel_whatsapp'), count: row.count }))} />
      <h2 safe>{ctx.t('channels.subscribers.recent')}</h2>
      <table class="data" id="latest-subscribers">
        <thead>
          <tr>
            <th scope="col" safe>{ctx.t('channels.subscribers.col_phone')}</th>
            <th scope="col" safe>{ctx.t('channels.broadcast.field_channel')}</th>
            <th scope="col" safe>{ctx.t('channels.broadcast.field_locale')}</th>
            <th scope="col" safe>{ctx.t('channels.broadcast.field_neighbourhood')}</th>
            <th scope="col" safe>{ctx.t('channels.broadcast.col_date')}</th>
          </tr>
        </thead>
        <tbody>
          {figures.latest.map((row) => (
            <tr>
              <td dir="ltr" safe>{row.phone}</td>
              <td safe>{row.channel}</td>
              <td safe>{languageName(row.locale)}</td>
              <td safe>{row.neighbourhood ?? wholeCommune}</td>
              <td safe>{formatDateTime(row.createdAt, ctx.locale, ctx.commune!.time_zone)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}
