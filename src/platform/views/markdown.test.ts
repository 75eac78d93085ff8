import { describe, expect, it } from 'vitest';
import { excerpt, safeMarkdownHtml } from './markdown.js';

describe('safeMarkdownHtml', () => {
  it('keeps the safe subset', () => {
    const html = safeMarkdownHtml('# Marché\n\n**Ouvert** le *lundi*\n\n- eau\n- savon\n\n[Mairie](https://mairie.example.sn)');
    expect(html).toContain('<h3>Marché</h3>');
    expect(html).toContain('<strong>Ouvert</strong>');
    expect(html).toContain('<li>eau</li>');
    expect(html).toContain('<a href="https://mairie.example.sn" rel="nofollow ugc noopener">Mairie</a>');
  });

  it.each([
    ['<script>alert(1)</script>', '<script'],
    ['<img src=x onerror=alert(1)>', '<img'],
    ['[clic](javascript:alert(1))', 'href="javascript'],
    ['[clic](JaVaScRiPt:alert(1))', 'href='],
    ['![x](data:image/svg+xml;base64,PHN2Zz4=)', '<img'],
    ['<a href="https://x" onclick="alert(1)">x</a>', '<a href'],
    ['[x](https://x" onmouseover="alert(1))', 'onmouseover="'],
    ['[a](javascript&#58;alert(1))', 'href='],
    ['[a](&#106;avascript:alert(1))', 'href='],
    ['[a][r]\n\n[r]: javascript:alert(1)', 'href='],
    ['[a](vbscript:msgbox(1))', 'href='],
    ['[a](data:text/html;base64,PHNjcmlwdD4=)', 'href='],
    ['<details open ontoggle=alert(1)>', '<details'],
    ['<svg><script>alert(1)</script></svg>', '<svg'],
    ['![<img src=x onerror=alert(1)>](https://x.example/p.png)', '<img'],
  ])('renders %s inert', (input, forbidden) => {
    expect(safeMarkdownHtml(input)).not.toContain(forbidden);
  });
});

describe('safeMarkdownHtml headings and links', () => {
  it('never renders a heading above h3, so the page keeps its own h1 and h2', () => {
    const html = safeMarkdownHtml('# un\n\n## deux\n\n### trois');
    expect(html).not.toMatch(/<h[12]>/);
    expect(html).toContain('<h3>un</h3>');
  });

  it('keeps mailto links and autolinks, each with rel="nofollow ugc noopener"', () => {
    expect(safeMarkdownHtml('[écrire](mailto:mairie@example.sn)')).toContain('<a href="mailto:mairie@example.sn" rel="nofollow ugc noopener">');
    expect(safeMarkdownHtml('<https://ok.example>')).toContain('rel="nofollow ugc noopener"');
  });

  it('shows raw HTML as text', () => {
    expect(safeMarkdownHtml('<b>gras</b>')).toContain('&lt;b>gras&lt;/b>');
  });
});

describe('excerpt', () => {
  it('strips Markdown and cuts on a word', () => {
    expect(excerpt('**Grand** nettoyage du marché central ce samedi', 30)).toBe('Grand nettoyage du marché…');
  });
});
