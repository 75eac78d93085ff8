import { formatDateTime, formatNumber, isoDate } from '../../../platform/i18n/format.js';
import { Localized } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import type { CommuneTables, KeyFigures, NewsPost } from '../db/tables.js';
import type { Selectable } from 'kysely';
import type { LocalizedText } from '../../../platform/i18n/locales.js';
import { NewsList } from './news.js';

export interface HomeProps {
  presentation: LocalizedText | null;
  keyFigures: KeyFigures;
  news: NewsPost[];
  meetings: Selectable<CommuneTables['council_meetings']>[];
}

function KeyFigureList({ ctx, figures }: { ctx: ViewContext; figures: KeyFigures }) {
  const entries: [string, number | undefined][] = [
    [ctx.t('commune.home.population'), figures.population],
    [ctx.t('commune.home.area_km2'), figures.areaKm2],
    [ctx.t('commune.home.neighbourhoods'), figures.neighbourhoods],
    [ctx.t('commune.home.councillors'), figures.councillors],
  ];
  return (
    <dl class="key-figures">
      {entries
        .filter(([, value]) => value !== undefined)
        .map(([label, value]) => (
          <div>
            <dt safe>{label}</dt>
            <dd safe>{formatNumber(value!, ctx.locale)}</dd>
          </div>
        ))}
    </dl>
  );
}

function ContactBlock({ ctx }: { ctx: ViewContext }) {
  const contact = ctx.commune!.contact;
  return (
    <section class="card" aria-labelledby="contact-title">
      <h2 id="contact-title" safe>{ctx.t('commune.home.contact')}</h2>
      <address>
        <Localized ctx={ctx} text={contact.address} as="p" />
        {contact.phone ? <p><a href={`tel:${contact.phone}`} dir="ltr" safe>{contact.phone}</a></p> : ''}
        {contact.email ? <p><a href={`mailto:${contact.email}`} safe>{contact.email}</a></p> : ''}
      </address>
      {contact.openingHours ? (
        <p>
          <strong safe>{ctx.t('commune.home.opening_hours')}</strong> <Localized ctx={ctx} text={contact.openingHours} />
        </p>
      ) : ''}
    </section>
  );
}

export function HomePage({ ctx, props }: { ctx: ViewContext; props: HomeProps }) {
  const commune = ctx.commune!;
  const tz = commune.time_zone;
  return (
    <Layout ctx={ctx} title={ctx.t('commune.home.title')} head={<link rel="alternate" type="application/atom+xml" href={`/${commune.slug}/news/feed.atom`} title={ctx.t('commune.news.feed')} />}>
      <h1 safe>{ctx.communeName}</h1>
      <Localized ctx={ctx} text={props.presentation} as="p" />
      <KeyFigureList ctx={ctx} figures={props.keyFigures} />
      <nav aria-labelledby="services-title">
        <h2 id="services-title" safe>{ctx.t('commune.home.sections')}</h2>
        <ul class="grid">
          {ctx.navigation.map((entry) => (
            <li class="card"><a href={`/${commune.slug}/${entry.path}`} safe>{ctx.t(entry.labelKey)}</a></li>
          ))}
        </ul>
      </nav>
      <section aria-labelledby="news-title">
        <h2 id="news-title" safe>{ctx.t('commune.home.latest_news')}</h2>
        <NewsList ctx={ctx} items={props.news} />
        <p><a href={`/${commune.slug}/news`} safe>{ctx.t('commune.home.all_news')}</a></p>
      </section>
      <section aria-labelledby="meetings-title">
        <h2 id="meetings-title" safe>{ctx.t('commune.home.upcoming_meetings')}</h2>
        {props.meetings.length === 0 ? <p class="muted" safe>{ctx.t('commune.home.no_meeting')}</p> : ''}
        <ul>
          {props.meetings.map((meeting) => (
            <li>
              <time datetime={isoDate(meeting.starts_at, tz)} safe>{formatDateTime(meeting.starts_at, ctx.locale, tz)}</time>
              {' — '}<Localized ctx={ctx} text={meeting.title} />
              {' · '}<Localized ctx={ctx} text={meeting.location} />
            </li>
          ))}
        </ul>
      </section>
      <ContactBlock ctx={ctx} />
    </Layout>
  );
}
