import { formatDate, formatMoney } from '../../../platform/i18n/format.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import { categoryKeys, flagKeys, methodKeys, statusKeys, statusOf } from './labels.js';
import { minTenderPeriodDays, type RedFlag, currentContractAmount, redFlags } from './red-flags.js';
import type { ContractProcess, ContractSettings, PlanningStage } from './tables.js';

/** Shared pieces of the public and back-office contract pages. */

export const money = (ctx: ViewContext, amount: string | null | undefined) => (amount ? formatMoney(Number(amount), ctx.commune!.currency, ctx.locale) : '—');
export const day = (ctx: ViewContext, date: string | null | undefined) => (date ? formatDate(`${date}T12:00:00Z`, ctx.locale) : '—');

/** The figure the public cares about: what the contract is worth now, else what was awarded, else the estimate. */
export function headlineAmount(process: ContractProcess): string | null {
  if (process.contract) return currentContractAmount(process.contract);
  return process.award?.amount ?? process.tender?.value ?? process.planning?.budgetAmount ?? null;
}

export function FlagList({ ctx, flags }: { ctx: ViewContext; flags: RedFlag[] }) {
  if (flags.length === 0) return <p class="field-hint" safe>{ctx.t('finances.contracts.flag.none')}</p>;
  return (
    <ul class="red-flags">
      {flags.map((flag) => (
        <li>
          <strong class="badge badge-warning" safe>{ctx.t(flagKeys[flag].name)}</strong>{' '}
          <span safe>{ctx.t(flagKeys[flag].explanation, { days: minTenderPeriodDays })}</span>
        </li>
      ))}
    </ul>
  );
}

export function FlagBadges({ ctx, flags }: { ctx: ViewContext; flags: RedFlag[] }) {
  return <>{flags.map((flag) => <span class="badge badge-warning" title={ctx.t(flagKeys[flag].explanation, { days: minTenderPeriodDays })} safe>{ctx.t(flagKeys[flag].name)}</span>)}</>;
}

/** Until the commune registers its prefix with the Open Contracting Partnership, its ocids are provisional. */
export function PrefixNotice({ ctx, settings }: { ctx: ViewContext; settings: ContractSettings }) {
  if (settings.prefix_registered) return <></>;
  return (
    <div class="notice" role="status">
      <p safe>{ctx.t('finances.contracts.unregistered_notice', { prefix: settings.ocid_prefix })}</p>
    </div>
  );
}

const budgetLineText = (planning: PlanningStage): string => (planning.budgetLineKey ? `${planning.budgetYear} · ${planning.budgetLineLabel ?? planning.budgetLineKey}` : '—');

/** Every stage recorded so far, as a description list per stage. */
export function StagesSummary({ ctx, process }: { ctx: ViewContext; process: ContractProcess }) {
  const { planning, tender, award, contract, implementation } = process;
  return (
    <>
      <p>
        <span safe>{ctx.t('finances.contracts.field.status')}</span>: <strong safe>{ctx.t(statusKeys[statusOf(process)])}</strong>
      </p>
      <h2 safe>{ctx.t('finances.contracts.flag.title')}</h2>
      <FlagList ctx={ctx} flags={redFlags(process)} />
      {planning ? (
        <section id="stage-planning">
          <h2 safe>{ctx.t('finances.contracts.stage.planning')}</h2>
          <dl>
            <dt safe>{ctx.t('finances.contracts.field.budget_line')}</dt>
            <dd dir="auto" safe>{budgetLineText(planning)}</dd>
            <dt safe>{ctx.t('finances.contracts.field.budget_amount')}</dt>
            <dd safe>{money(ctx, planning.budgetAmount)}</dd>
            {planning.rationale ? <><dt safe>{ctx.t('finances.contracts.field.rationale')}</dt><dd dir="auto" safe>{planning.rationale}</dd></> : ''}
          </dl>
        </section>
      ) : ''}
      {tender ? (
        <section id="stage-tender">
          <h2 safe>{ctx.t('finances.contracts.stage.tender')}</h2>
          {tender.description ? <p dir="auto" safe>{tender.description}</p> : ''}
          <dl>
            <dt safe>{ctx.t('finances.contracts.field.method')}</dt>
            <dd safe>{ctx.t(methodKeys[tender.method])}</dd>
            <dt safe>{ctx.t('finances.contracts.field.category')}</dt>
            <dd safe>{ctx.t(categoryKeys[tender.category])}</dd>
            <dt safe>{ctx.t('finances.contracts.field.value')}</dt>
            <dd safe>{money(ctx, tender.value)}</dd>
            <dt safe>{ctx.t('finances.contracts.field.tender_period')}</dt>
            <dd safe>{`${day(ctx, tender.periodStart)} – ${day(ctx, tender.periodEnd)}`}</dd>
            <dt safe>{ctx.t('finances.contracts.field.tenderers')}</dt>
            <dd safe>{tender.numberOfTenderers === null ? '—' : String(tender.numberOfTenderers)}</dd>
          </dl>
          {tender.documents.length ? (
            <ul>
              {tender.documents.map((d) => <li><a href={d.url} rel="nofollow noopener" dir="auto" safe>{d.title}</a></li>)}
            </ul>
          ) : ''}
        </section>
      ) : ''}
      {award ? (
        <section id="stage-award">
          <h2 safe>{ctx.t('finances.contracts.stage.award')}</h2>
          <dl>
            <dt safe>{ctx.t('finances.contracts.field.supplier')}</dt>
            <dd><span dir="auto" safe>{award.supplierName}</span> <small dir="auto" safe>{`(${award.supplierScheme} ${award.supplierId})`}</small></dd>
            <dt safe>{ctx.t('finances.contracts.field.amount')}</dt>
            <dd safe>{money(ctx, award.amount)}</dd>
            <dt safe>{ctx.t('finances.contracts.field.date')}</dt>
            <dd safe>{day(ctx, award.date)}</dd>
          </dl>
        </section>
      ) : ''}
      {contract ? (
        <section id="stage-contract">
          <h2 safe>{ctx.t('finances.contracts.stage.contract')}</h2>
          <dl>
            <dt safe>{ctx.t('finances.contracts.field.signed_date')}</dt>
            <dd safe>{day(ctx, contract.signedDate)}</dd>
            <dt safe>{ctx.t('finances.contracts.field.contract_period')}</dt>
            <dd safe>{`${day(ctx, contract.periodStart)} – ${day(ctx, contract.periodEnd)}`}</dd>
            <dt safe>{ctx.t('finances.contracts.field.signed_amount')}</dt>
            <dd safe>{money(ctx, contract.amount)}</dd>
            <dt safe>{ctx.t('finances.contracts.field.current_amount')}</dt>
            <dd safe>{money(ctx, currentContractAmount(contract))}</dd>
          </dl>
          {contract.amendments.length ? (
            <>
              <h3 safe>{ctx.t('finances.contracts.stage.amendments')}</h3>
              <ul id="amendments">
                {contract.amendments.map((a) => <li><span safe>{`${day(ctx, a.date)} — ${money(ctx, a.newAmount)} — `}</span><span dir="auto" safe>{a.description}</span></li>)}
              </ul>
            </>
          ) : ''}
        </section>
      ) : ''}
      {implementation?.payments.length ? (
        <section id="stage-implementation">
          <h2 safe>{ctx.t('finances.contracts.stage.implementation')}</h2>
          <table class="data">
            <thead><tr><th scope="col" safe>{ctx.t('finances.contracts.field.date')}</th><th scope="col" safe>{ctx.t('finances.contracts.field.amount')}</th></tr></thead>
            <tbody>{implementation.payments.map((p) => <tr><td safe>{day(ctx, p.date)}</td><td safe>{money(ctx, p.amount)}</td></tr>)}</tbody>
          </table>
        </section>
      ) : ''}
    </>
  );
}
