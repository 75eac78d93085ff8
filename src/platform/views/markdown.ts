import Html from '@kitajs/html';
import { Marked, type Tokens } from 'marked';

const allowedProtocols = /^(https?:|mailto:)/i;

/**
 * Commune staff write news and service pages in Markdown. Only a safe subset becomes markup:
 * raw HTML is shown as text, links are limited to http(s) and mailto, images are reduced to their
 * alt text (no tracking pixels, no heavy pages), and headings stay below the page's own h1–h2.
 */
const safeMarked = new Marked({
  gfm: true,
  breaks: true,
  renderer: {
    html(token: Tokens.HTML | Tokens.Tag) {
      return Html.escapeHtml(token.text);
    },
    link(token: Tokens.Link) {
      const text = this.parser.parseInline(token.tokens);
      if (!allowedProtocols.test(token.href.trim())) return text;
      return `<a href="${Html.escapeHtml(token.href.trim())}" rel="nofollow ugc noopener">${text}</a>`;
    },
    image(token: Tokens.Image) {
      return Html.escapeHtml(token.text);
    },
    heading(token: Tokens.Heading) {
      const level = Math.min(6, token.depth + 2);
      return `<h${level}>${this.parser.parseInline(token.tokens)}</h${level}>\n`;
    },
  },
});

export function safeMarkdownHtml(source: string): string {
  return safeMarked.parse(source, { async: false });
}

/** Plain-text excerpt for lists and feeds: Markdown punctuation removed, cut on a word. */
export function excerpt(source: string, maxLength = 180): string {
  const plain = source.replace(/[#*_>`[\]()!-]/g, ' ').replace(/\s+/g, ' ').trim();
  if (plain.length <= maxLength) return plain;
  return `${plain.slice(0, plain.lastIndexOf(' ', maxLength))}…`;
}
