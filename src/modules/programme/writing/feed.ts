import { escapeXml } from '../../../platform/http/xml-text.js';
import { safeMarkdownHtml } from '../../../platform/views/markdown.js';
import { blogPath, blogPostPath, feedPath } from './paths.js';
import type { PostWithOrigin } from './posts.js';

/** Atom 1.0 feed of the published posts; every text escaped, the body as the same safe HTML the page shows. */
export function blogFeed(posts: PostWithOrigin[], baseUrl: string, title: string): string {
  const updated = (posts[0]?.published_at ?? new Date(0)).toISOString();
  const entries = posts.map(
    (post) => `  <entry xml:lang="${post.language}">
    <id>urn:uuid:${post.id}</id>
    <title>${escapeXml(post.title)}</title>
    <link rel="alternate" type="text/html" href="${escapeXml(`${baseUrl}${blogPostPath(post.slug!)}`)}"/>
    <author><name>${escapeXml(post.author_name ?? title)}</name></author>
    <published>${post.published_at!.toISOString()}</published>
    <updated>${post.published_at!.toISOString()}</updated>
    <summary>${escapeXml(post.summary)}</summary>
    <content type="html">${escapeXml(safeMarkdownHtml(post.body))}</content>
  </entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${escapeXml(`${baseUrl}${feedPath}`)}</id>
  <title>${escapeXml(title)}</title>
  <link rel="self" type="application/atom+xml" href="${escapeXml(`${baseUrl}${feedPath}`)}"/>
  <link rel="alternate" type="text/html" href="${escapeXml(`${baseUrl}${blogPath}`)}"/>
  <updated>${updated}</updated>
${entries.join('\n')}
</feed>
`;
}
