import { formatDate } from '../../../platform/i18n/format.js';
import { pickLocalized } from '../../../platform/i18n/locales.js';
import { Localized } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import { guideStylePath } from './assets.js';
import { audienceKeys } from './labels.js';
import type { GuideSnapshot } from './tables.js';

export interface GuideListItem {
  slug: string;
  version: number;
  published_at: Date;
  snapshot: GuideSnapshot;
}

export function GuideListPage({ ctx, guides }: { ctx: ViewContext; guides: GuideListItem[] }) {
  return (
    <Layout ctx={ctx} title={ctx.t('network.guides.list_title')}>
      <h1 safe>{ctx.t('network.guides.list_title')}</h1>
      <p class="lead" safe>{ctx.t('network.guides.list_intro')}</p>
      {guides.length === 0 ? <p class="muted" safe>{ctx.t('network.guides.none')}</p> : (
        <ul id="guides" class="grid">
          {guides.map((g) => (
            <li class="card">
              <h2><a href={`/network/guides/${g.slug}`}><Localized ctx={ctx} text={g.snapshot.title} /></a></h2>
              <p class="muted" safe>{`${ctx.t(audienceKeys[g.snapshot.audience])} · ${ctx.t('network.guides.chapter_count', { count: String(g.snapshot.chapters.length) })}`}</p>
            </li>
          ))}
        </ul>
      )}
      <p><a href="/network/practices" safe>{ctx.t('network.practices.library_title')}</a></p>
    </Layout>
  );
}

export interface GuideReading {
  slug: string;
  version: number;
  publishedAt: Date;
  snapshot: GuideSnapshot;
  latest: number;
  versions: { version: number; published_at: Date }[];
}

function VersionNote({ ctx, reading }: { ctx: ViewContext; reading: GuideReading }) {
  const date = formatDate(reading.publishedAt, ctx.locale);
  if (reading.version === reading.latest) return <p class="guide-meta" safe>{ctx.t('network.guides.version_note', { version: String(reading.version), date })}</p>;
  return (
    <div class="notice" role="note">
      <p safe>{ctx.t('network.guides.old_version_note', { version: String(reading.version), date })}</p>
      <p class="guide-screen-only"><a href={`/network/guides/${reading.slug}`} safe>{ctx.t('network.guides.read_latest')}</a></p>
    </div>
  );
}

function Versions({ ctx, reading }: { ctx: ViewContext; reading: GuideReading }) {
  if (reading.versions.length <= 1) return <></>;
  return (
    <section class="guide-screen-only" aria-labelledby="guide_versions">
      <h2 id="guide_versions" safe>{ctx.t('network.guides.versions')}</h2>
      <ul>
        {reading.versions.map((v) => (
          <li>
            <a href={`/network/guides/${reading.slug}/versions/${v.version}`} aria-current={v.version === reading.version ? 'page' : undefined} safe>
              {ctx.t('network.guides.version_item', { version: String(v.version), date: formatDate(v.published_at, ctx.locale) })}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * The whole guide on one page: contents, then every chapter anchored by its key (…/guides/<slug>#<key>). The page's
 * other ids hold an underscore, which keys cannot, so no chapter key can collide with them.
 */
export function GuidePage({ ctx, reading }: { ctx: ViewContext; reading: GuideReading }) {
  const { snapshot } = reading;
  const title = pickLocalized(snapshot.title, ctx.locale)?.value ?? reading.slug;
  return (
    <Layout ctx={ctx} title={title} head={<link rel="stylesheet" href={guideStylePath} />}>
      <p class="guide-screen-only"><a href="/network/guides" safe>{ctx.t('network.guides.back_to_list')}</a></p>
      <article class="guide">
        <h1><Localized ctx={ctx} text={snapshot.title} /></h1>
        <p class="guide-meta" safe>{ctx.t(audienceKeys[snapshot.audience])}</p>
        <VersionNote ctx={ctx} reading={reading} />
        <p class="guide-screen-only muted" safe>{ctx.t('network.guides.print_hint')}</p>
        <nav class="guide-toc" aria-labelledby="guide_contents">
          <h2 id="guide_contents" safe>{ctx.t('network.guides.contents')}</h2>
          <ol>
            {snapshot.chapters.map((c) => <li><a href={`#${c.key}`}><Localized ctx={ctx} text={c.title} /></a></li>)}
          </ol>
        </nav>
        {snapshot.chapters.map((c) => (
          <section class="guide-chapter" id={c.key} aria-labelledby={`${c.key}_title`}>
            <h2 id={`${c.key}_title`}><Localized ctx={ctx} text={c.title} /></h2>
            <Localized ctx={ctx} text={c.body} markdown />
          </section>
        ))}
      </article>
      <Versions ctx={ctx} reading={reading} />
    </Layout>
  );
}
