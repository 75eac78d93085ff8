import { formatMoney } from '../../../platform/i18n/format.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import type { LinkedBudgetLine } from '../../finances/index.js';

const phaseKeys: Record<LinkedBudgetLine['phase'], string> = {
  proposed: 'accountability.plans.phase_proposed',
  adopted: 'accountability.plans.phase_adopted',
  amended: 'accountability.plans.phase_amended',
  executed: 'accountability.plans.phase_executed',
};

/** What the commitment should cost, and the commune budget lines that actually fund it (from the finances module). */
export function CommitmentBudget({ ctx, amount, lines }: { ctx: ViewContext; amount: string | null; lines: LinkedBudgetLine[] }) {
  if (amount === null && lines.length === 0) return <></>;
  const money = (value: string) => formatMoney(Number(value), ctx.commune!.currency, ctx.locale);
  return (
    <section id="commitment-budget" aria-labelledby="commitment-budget-title">
      <h2 id="commitment-budget-title" safe>{ctx.t('accountability.plans.budget')}</h2>
      {amount !== null ? <p safe>{ctx.t('accountability.plans.budget_planned', { amount: money(amount) })}</p> : ''}
      {lines.length > 0 ? (
        <>
          <p safe>{ctx.t('accountability.plans.budget_lines')}</p>
          <ul>
            {lines.map((line) => (
              <li>
                <a href={line.path} safe>{ctx.t('accountability.plans.budget_line', { year: String(line.year), label: [line.functionLabel, line.natureLabel].filter(Boolean).join(' — '), amount: money(line.amount), phase: ctx.t(phaseKeys[line.phase]) })}</a>
                {line.paidAmount !== null ? <span class="muted" safe>{`, ${ctx.t('accountability.plans.budget_paid', { amount: money(line.paidAmount) })}`}</span> : ''}
              </li>
            ))}
          </ul>
        </>
      ) : ''}
    </section>
  );
}
