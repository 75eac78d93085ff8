import type { Bar } from './charts.js';

export interface SignedBarChartProps {
  /** The chart's accessible name; the figures themselves belong in a table beside it. */
  title: string;
  bars: Bar[];
  dir?: 'ltr' | 'rtl';
}

const width = 600;
const rowHeight = 46;
const labelHeight = 18;
const barHeight = 16;
const valueSpace = 150;
const maxLabelLength = 70;
const positiveFill = '#1f6f8b';
// Negative amounts (corrections, refunds) are drawn in another colour and on the other side of the zero line.
const negativeFill = '#a4343a';

const shorten = (text: string) => (text.length > maxLabelLength ? `${text.slice(0, maxLabelLength - 1)}…` : text);
const tenth = (value: number) => Math.round(value * 10) / 10;
const finite = (value: number) => (Number.isFinite(value) ? value : 0);

/**
 * A horizontal bar chart whose values may be negative (budget corrections) or zero: bars grow from a zero
 * line, positive ones towards the end side, negative ones towards the start side. Drawn on the server as a
 * small SVG, mirrored in right-to-left pages, like HorizontalBarChart; give the real figures in a table.
 */
export function SignedBarChart({ title, bars, dir = 'ltr' }: SignedBarChartProps) {
  const values = bars.map((b) => finite(b.value));
  const largest = Math.max(0, ...values);
  const smallest = Math.min(0, ...values);
  const span = largest - smallest;
  const track = width - valueSpace;
  // Where zero sits, measured from the start side: at the start unless some value is negative.
  const zero = span > 0 ? tenth((-smallest / span) * track) : 0;
  const height = Math.max(rowHeight, bars.length * rowHeight);
  const x = (fromStart: number) => (dir === 'rtl' ? width - fromStart : fromStart);
  return (
    <svg xmlns="http://www.w3.org/2000/svg" viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={title} direction={dir} font-family="system-ui, sans-serif" font-size="14" class="bar-chart signed-bar-chart">
      <title safe>{title}</title>
      {bars.map((bar, index) => {
        const top = index * rowHeight;
        const value = values[index]!;
        const length = span > 0 ? tenth((Math.abs(value) / span) * track) : 0;
        const start = value < 0 ? zero - length : zero;
        const rectX = dir === 'rtl' ? width - start - length : start;
        return (
          <g>
            <text x={x(0)} y={top + labelHeight - 4} text-anchor="start" fill="currentColor" safe>{shorten(bar.label)}</text>
            <rect x={tenth(rectX)} y={top + labelHeight} width={length} height={barHeight} fill={value < 0 ? negativeFill : positiveFill} rx="2" />
            <text x={x(tenth(Math.max(zero, start + length) + 6))} y={top + labelHeight + barHeight - 3} text-anchor="start" fill="currentColor" safe>{bar.display}</text>
          </g>
        );
      })}
      {smallest < 0 ? <line x1={x(zero)} x2={x(zero)} y1="0" y2={height} stroke="currentColor" stroke-width="1" class="zero-line" /> : ''}
    </svg>
  );
}
