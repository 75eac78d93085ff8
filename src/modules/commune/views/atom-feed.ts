import { escapeXml } from '../../../platform/http/xml-text.js';
import { locales, pickLocalized, type Locale } from '../../../platform/i18n/locales.js';
import type { Commune } from '../../../platform/db/platform-tables.js';
import type { NewsPost } from '../db/tables.js';
import { safeMarkdownHtml } from '../../../platform/views/markdown.js';

const escape = escapeXml;

/** Atom 1.0 feed of a commune's published news, in the commune's default language. */
export function atomFeed(commune: Commune, posts: NewsPost[], baseUrl: string, title: string): string {
  const locale: Locale = commune.default_locale;
  const text = (value: NewsPost['title']) => pickLocalized(value, locale, locales)?.value ?? '';
  const feedUrl = `${baseUrl}/${commune.slug}/news/feed.atom`;
  const updated = (posts[0]?.publish_at ?? commune.created_at).toISOString();
  const entries = posts.map((post) => {
    const url = `${baseUrl}/${commune.slug}/news/${post.id}`;
    return `  <entry>
    <id>urn:uuid:${post.id}</id>
    <title>${escape(text(post.title))}</title>
    <link rel="alternate" type="text/html" href="${escape(url)}"/>
    <published>${post.publish_at!.toISOString()}</published>
    <updated>${post.updated_at.toISOString()}</updated>
    <content type="html">${escape(safeMarkdownHtml(text(post.body)))}</content>
  </entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${locale}">
  <id>${escape(feedUrl)}</id>
  <title>${escape(title)}</title>
  <link rel="self" type="application/atom+xml" href="${escape(feedUrl)}"/>
  <link rel="alternate" type="text/html" href="${escape(`${baseUrl}/${commune.slug}/news`)}"/>
  <updated>${updated}</updated>
  <author><name>${escape(title)}</name></author>
${entries.join('\n')}
</feed>
`;
}
