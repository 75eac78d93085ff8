import { describe, expect, it } from 'vitest';
import { HorizontalBarChart } from './charts.js';

const render = (props: Parameters<typeof HorizontalBarChart>[0]) => String(HorizontalBarChart(props));
const bars = [
  { label: 'Eau potable', value: 30, display: '30 (60 %)' },
  { label: 'Éclairage', value: 15, display: '15 (30 %)' },
  { label: 'Routes', value: 0, display: '0 (0 %)' },
];

describe('HorizontalBarChart', () => {
  it('is an image with an accessible name and one bar per value, scaled to the largest', () => {
    const svg = render({ title: 'Priorités', bars });
    expect(svg).toMatch(/^<svg[^>]*role="img"[^>]*aria-label="Priorités"/);
    expect(svg).toContain('<title>Priorités</title>');
    const widths = [...svg.matchAll(/<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/g)].map((m) => Number(m[2]));
    expect(widths).toEqual([470, 235, 0]);
    expect(svg).toContain('>15 (30 %)</text>');
    expect(svg).not.toMatch(/<script|@import|url\(/);
  });

  it('scales to a given maximum (e.g. the number of respondents)', () => {
    const widths = [...render({ title: 'x', bars, max: 60 }).matchAll(/width="([\d.]+)" height/g)].map((m) => Number(m[1]));
    expect(widths).toEqual([235, 117.5, 0]);
    expect(render({ title: 'vide', bars: [{ label: 'a', value: 0, display: '0' }] })).toContain('width="0"');
  });

  it('escapes labels, values and the title', () => {
    const svg = render({ title: '"><script>alert(1)</script>', bars: [{ label: '<img src=x onerror=alert(1)>', value: 1, display: '</text><script>' }] });
    // Text content is escaped; in the quoted attribute only the quote could break out, and it is escaped.
    expect(svg).not.toContain('<img');
    expect(svg).toContain('>&lt;img src=x onerror=alert(1)></text>');
    expect(svg).toContain('>&lt;/text>&lt;script></text>');
    expect(svg).toContain('<title>&#34;>&lt;script>alert(1)&lt;/script></title>');
    expect(svg).toContain('aria-label="&#34;><script>alert(1)</script>"');
    expect(svg.match(/<script/g)).toHaveLength(1);
  });

  it('mirrors bars and text for right-to-left pages', () => {
    const svg = render({ title: 'الأولويات', bars: [{ label: 'الماء', value: 10, display: '10' }, { label: 'الطرق', value: 5, display: '5' }], dir: 'rtl' });
    expect(svg).toContain('direction="rtl"');
    const rects = [...svg.matchAll(/<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
    // Bars end at the right edge (600) and grow leftwards.
    expect(rects.map(([x, w]) => x! + w!)).toEqual([600, 600]);
    expect(svg).toMatch(/<text x="600"[^>]*>الماء<\/text>/);
  });

  it('shortens very long labels inside the picture (the table beside it keeps them whole)', () => {
    const svg = render({ title: 't', bars: [{ label: 'a'.repeat(200), value: 1, display: '1' }] });
    expect(svg).toContain(`${'a'.repeat(69)}…`);
    expect(svg).not.toContain('a'.repeat(71));
  });
});
