import type { Locale } from '../../../platform/i18n/locales.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import { formatAmount } from '../money.js';

export interface SplitLine {
  label: string;
  amount: number;
}

const barHeight = 22;
const gap = 8;
const width = 320;

function percent(amount: number, total: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'ar' ? 'ar-u-nu-latn' : locale, { style: 'percent', maximumFractionDigits: 0 }).format(total > 0 ? amount / total : 0);
}

/**
 * One horizontal bar per line, drawn on the server (no script, a few hundred bytes), with the same figures
 * in a table beside it: the table is what screen readers and printouts use, the picture is decoration.
 */
export function SplitChart({ ctx, lines, currency, caption }: { ctx: ViewContext; lines: SplitLine[]; currency: string; caption: string }) {
  const total = lines.reduce((sum, l) => sum + l.amount, 0);
  const largest = Math.max(1, ...lines.map((l) => l.amount));
  const height = lines.length * (barHeight + gap);
  return (
    <div class="budget-split">
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" height={String(height)} aria-hidden="true" focusable="false">
        {lines.map((line, index) => (
          <rect x={ctx.dir === 'rtl' ? String(width - Math.max(2, (line.amount / largest) * width)) : '0'} y={String(index * (barHeight + gap))} width={String(Math.max(2, (line.amount / largest) * width))} height={String(barHeight)} fill="#1f6f4a" rx="3" />
        ))}
      </svg>
      <table class="data">
        <caption safe>{caption}</caption>
        <tbody>
          {lines.map((line) => (
            <tr>
              <th scope="row" safe>{line.label}</th>
              <td safe>{formatAmount(line.amount, currency, ctx.locale)}</td>
              <td safe>{percent(line.amount, total, ctx.locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
