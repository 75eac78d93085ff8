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
  ])('renders %s inert', (input, forbidden) => {
    expect(safeMarkdownHtml(input)).not.toContain(forbidden);
  });
});

describe('excerpt', () => {
  it('strips Markdown and cuts on a word', () => {
    expect(excerpt('**Grand** nettoyage du marché central ce samedi', 30)).toBe('Grand nettoyage du marché…');
  });
});
