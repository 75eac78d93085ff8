/** One bar: its label, the value that sets its length, and the text shown at its end (e.g. "12 (40 %)"). */
export interface Bar {
  label: string;
  value: number;
  display: string;
}

export interface HorizontalBarChartProps {
  /** The chart's accessible name; the data itself belongs in a table beside it. */
  title: string;
  bars: Bar[];
  /** The value of a full-width bar; by default the largest value. */
  max?: number;
  dir?: 'ltr' | 'rtl';
}

const width = 600;
const rowHeight = 46;
const labelHeight = 18;
const barHeight = 16;
const valueSpace = 130;
const maxLabelLength = 70;

const shorten = (text: string) => (text.length > maxLabelLength ? `${text.slice(0, maxLabelLength - 1)}…` : text);

/**
 * A horizontal bar chart drawn on the server as a small SVG: no script, no external font, system text.
 * In right-to-left pages bars grow from the right and text starts on the right. It is an image with an
 * accessible name (role="img"); give the real figures in a table next to it.
 */
export function HorizontalBarChart({ title, bars, max, dir = 'ltr' }: HorizontalBarChartProps) {
  const largest = max ?? Math.max(0, ...bars.map((b) => b.value));
  const track = width - valueSpace;
  const height = Math.max(rowHeight, bars.length * rowHeight);
  // x measured from the start side: mirrored in right-to-left pages.
  const x = (fromStart: number) => (dir === 'rtl' ? width - fromStart : fromStart);
  return (
    <svg xmlns="http://www.w3.org/2000/svg" viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={title} direction={dir} font-family="system-ui, sans-serif" font-size="14" class="bar-chart">
      <title safe>{title}</title>
      {bars.map((bar, index) => {
        const top = index * rowHeight;
        const length = largest > 0 ? Math.round((Math.max(0, bar.value) / largest) * track * 10) / 10 : 0;
        return (
          <g>
            <text x={x(0)} y={top + labelHeight - 4} text-anchor="start" fill="currentColor" safe>{shorten(bar.label)}</text>
            <rect x={dir === 'rtl' ? width - length : 0} y={top + labelHeight} width={length} height={barHeight} fill="#1f6f8b" rx="2" />
            <text x={x(length + 6)} y={top + labelHeight + barHeight - 3} text-anchor="start" fill="currentColor" safe>{bar.display}</text>
          </g>
        );
      })}
    </svg>
  );
}
