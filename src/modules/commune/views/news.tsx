import { formatDate, isoDate } from '../../../platform/i18n/format.js';
import { locales, pickLocalized } from '../../../platform/i18n/locales.js';
import { Localized } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import type { NewsPost } from '../db/tables.js';
import { excerpt, safeMarkdownHtml } from '../../../platform/views/markdown.js';

const feedLink = (ctx: ViewContext) => (
  <link rel="alternate" type="application/atom+xml" href={`/${ctx.commune!.slug}/news/feed.atom`} title={ctx.t('commune.news.feed')} />
);

function localizedBody(ctx: ViewContext, post: NewsPost) {
  return pickLocalized(post.body, ctx.locale, [ctx.commune!.default_locale, ...locales]);
}

export function NewsList({ ctx, items }: { ctx: ViewContext; items: NewsPost[] }) {
  if (items.length === 0) return <p class="muted" safe>{ctx.t('commune.news.none')}</p>;
  const tz = ctx.commune!.time_zone;
  return (
    <ul class="news-list">
      {items.map((post) => (
        <li>
          <article>
            <h3><a href={`/${ctx.commune!.slug}/news/${post.id}`}><Localized ctx={ctx} text={post.title} /></a></h3>
            <p class="muted"><time datetime={isoDate(post.publish_at!, tz)} safe>{formatDate(post.publish_at!, ctx.locale, tz)}</time></p>
            <p safe>{excerpt(localizedBody(ctx, post)?.value ?? '')}</p>
          </article>
        </li>
      ))}
    </ul>
  );
}

export function NewsIndexPage({ ctx, items, page, hasMore }: { ctx: ViewContext; items: NewsPost[]; page: number; hasMore: boolean }) {
  const base = `/${ctx.commune!.slug}/news`;
  return (
    <Layout ctx={ctx} title={ctx.t('commune.news.title')} head={feedLink(ctx)}>
      <h1 safe>{ctx.t('commune.news.title')}</h1>
      <p><a href={`${base}/feed.atom`} safe>{ctx.t('commune.news.feed')}</a></p>
      <NewsList ctx={ctx} items={items} />
      <nav class="pagination" aria-label={ctx.t('commune.news.pages')}>
        {page > 1 ? <a href={`${base}?page=${page - 1}`} safe>{ctx.t('commune.news.newer')}</a> : ''}
        {hasMore ? <a href={`${base}?page=${page + 1}`} safe>{ctx.t('commune.news.older')}</a> : ''}
      </nav>
    </Layout>
  );
}

export function NewsPage({ ctx, post }: { ctx: ViewContext; post: NewsPost }) {
  const tz = ctx.commune!.time_zone;
  const title = pickLocalized(post.title, ctx.locale, [ctx.commune!.default_locale, ...locales])?.value ?? '';
  const body = localizedBody(ctx, post);
  return (
    <Layout ctx={ctx} title={title} head={feedLink(ctx)}>
      <article>
        <h1><Localized ctx={ctx} text={post.title} /></h1>
        <p class="muted"><time datetime={isoDate(post.publish_at!, tz)} safe>{formatDate(post.publish_at!, ctx.locale, tz)}</time></p>
        {post.photo_file_id ? <img src={`/files/${post.photo_file_id}`} alt="" loading="lazy" /> : ''}
        {body ? <div lang={body.locale}>{safeMarkdownHtml(body.value)}</div> : ''}
      </article>
      <p><a href={`/${ctx.commune!.slug}/news`} safe>{ctx.t('commune.news.back')}</a></p>
    </Layout>
  );
}
