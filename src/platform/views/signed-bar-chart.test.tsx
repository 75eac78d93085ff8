import { describe, expect, it } from 'vitest';
import { SignedBarChart } from './signed-bar-chart.js';

const render = (props: Parameters<typeof SignedBarChart>[0]) => String(SignedBarChart(props));
const rects = (svg: string) => [...svg.matchAll(/<rect x="(-?[\d.]+)" y="[\d.]+" width="(-?[\d.]+)"[^>]*fill="([^"]+)"/g)].map((m) => ({ x: Number(m[1]), width: Number(m[2]), fill: m[3] }));

describe('SignedBarChart', () => {
  it('draws positive values from the start, scaled to the largest, with no zero line', () => {
    const svg = render({ title: 'Dépenses', bars: [{ label: 'Écoles', value: 300, display: '300 F' }, { label: 'Eau', value: 150, display: '150 F' }] });
    expect(svg).toMatch(/^<svg[^>]*role="img"[^>]*aria-label="Dépenses"/);
    expect(rects(svg)).toEqual([{ x: 0, width: 450, fill: '#1f6f8b' }, { x: 0, width: 225, fill: '#1f6f8b' }]);
    expect(svg).not.toContain('zero-line');
    expect(svg).toContain('>150 F</text>');
  });

  it('draws a zero value as an empty bar and all-zero charts without dividing by zero', () => {
    const svg = render({ title: 'Rien', bars: [{ label: 'a', value: 0, display: '0 F' }, { label: 'b', value: 0, display: '—' }] });
    expect(rects(svg)).toEqual([{ x: 0, width: 0, fill: '#1f6f8b' }, { x: 0, width: 0, fill: '#1f6f8b' }]);
    expect(svg).not.toMatch(/NaN|Infinity/);
    expect(render({ title: 'vide', bars: [] })).not.toMatch(/NaN|Infinity/);
  });

  it('puts negative values on the other side of a zero line, in another colour', () => {
    const svg = render({ title: 'Corrections', bars: [{ label: 'Salaires', value: 300, display: '300' }, { label: 'Annulation', value: -150, display: '-150' }, { label: 'Forage', value: 0, display: '0' }] });
    // Span 450 over a 450-wide track: zero sits at 150.
    expect(rects(svg)).toEqual([{ x: 150, width: 300, fill: '#1f6f8b' }, { x: 0, width: 150, fill: '#a4343a' }, { x: 150, width: 0, fill: '#1f6f8b' }]);
    expect(svg).toContain('<line x1="150" x2="150"');
    expect(svg).toContain('>-150</text>');
    expect(svg).not.toMatch(/width="-/);
  });

  it('draws a chart of negative values only', () => {
    expect(rects(render({ title: 'n', bars: [{ label: 'a', value: -10, display: '-10' }, { label: 'b', value: -5, display: '-5' }] }))).toEqual([
      { x: 0, width: 450, fill: '#a4343a' },
      { x: 225, width: 225, fill: '#a4343a' },
    ]);
  });

  it('mirrors bars, zero line and text in right-to-left pages', () => {
    const svg = render({ title: 'تصحيحات', bars: [{ label: 'الأجور', value: 300, display: '300' }, { label: 'إلغاء', value: -150, display: '-150' }], dir: 'rtl' });
    expect(svg).toContain('direction="rtl"');
    // Zero at 600 - 150 = 450; the positive bar grows leftwards from it, the negative one rightwards.
    expect(rects(svg)).toEqual([{ x: 150, width: 300, fill: '#1f6f8b' }, { x: 450, width: 150, fill: '#a4343a' }]);
    expect(svg).toContain('<line x1="450" x2="450"');
    expect(svg).toMatch(/<text x="600"[^>]*>الأجور<\/text>/);
  });

  it('escapes labels, values and the title', () => {
    const svg = render({ title: '"><script>alert(1)</script>', bars: [{ label: '<img src=x onerror=alert(1)>', value: -1, display: '</text><script>' }] });
    expect(svg).not.toContain('<img');
    expect(svg.match(/<script/g)).toHaveLength(1);
  });

  it('treats a non-finite value as zero rather than drawing NaN', () => {
    expect(render({ title: 'x', bars: [{ label: 'a', value: Number.NaN, display: '—' }, { label: 'b', value: Infinity, display: '—' }] })).not.toMatch(/NaN|Infinity/);
  });
});
