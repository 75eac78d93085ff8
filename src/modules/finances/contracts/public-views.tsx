import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import { methodKeys, type ProcessStatus, processStatuses, statusKeys, statusOf } from './labels.js';
import { redFlags } from './red-flags.js';
import { type ContractProcess, type ContractSettings, type ProcurementMethod, procurementMethods } from './tables.js';
import { FlagBadges, headlineAmount, money, PrefixNotice, StagesSummary } from './views.js';

export const publicBase = (ctx: ViewContext) => `/${ctx.commune!.slug}/finances/contracts`;

export interface ContractFilters {
  status?: ProcessStatus;
  method?: ProcurementMethod;
}

const methodText = (ctx: ViewContext, p: ContractProcess): string => (p.tender ? ctx.t(methodKeys[p.tender.method]) : '—');

function Filters({ ctx, filters }: { ctx: ViewContext; filters: ContractFilters }) {
  return (
    <form method="get" action={publicBase(ctx)} class="filters">
      <div class="field">
        <label for="status" safe>{ctx.t('finances.contracts.field.status')}</label>
        <select id="status" name="status">
          <option value="" safe>{ctx.t('finances.contracts.filter.all')}</option>
          {processStatuses.map((s) => <option value={s} selected={filters.status === s} safe>{ctx.t(statusKeys[s])}</option>)}
        </select>
      </div>
      <div class="field">
        <label for="method" safe>{ctx.t('finances.contracts.field.method')}</label>
        <select id="method" name="method">
          <option value="" safe>{ctx.t('finances.contracts.filter.all')}</option>
          {procurementMethods.map((m) => <option value={m} selected={filters.method === m} safe>{ctx.t(methodKeys[m])}</option>)}
        </select>
      </div>
      <button type="submit" class="btn" safe>{ctx.t('finances.contracts.filter.apply')}</button>
    </form>
  );
}

/** What the OCDS files are, where they are, and what the ocid prefix's status means. */
function PublicationPolicy({ ctx, settings }: { ctx: ViewContext; settings: ContractSettings }) {
  const base = `${publicBase(ctx)}/ocds`;
  return (
    <section id="publication-policy">
      <h2 safe>{ctx.t('finances.contracts.ocds.title')}</h2>
      <p safe>{ctx.t('finances.contracts.ocds.intro')}</p>
      <ul>
        <li><a href={`${base}/releases.json`} type="application/json" safe>{ctx.t('finances.contracts.ocds.releases')}</a></li>
        <li><a href={`${base}/records.json`} type="application/json" safe>{ctx.t('finances.contracts.ocds.records')}</a></li>
      </ul>
      <p safe>{settings.prefix_registered ? ctx.t('finances.contracts.ocds.prefix_registered', { prefix: settings.ocid_prefix }) : ctx.t('finances.contracts.unregistered_notice', { prefix: settings.ocid_prefix })}</p>
    </section>
  );
}

export function ContractListPage({ ctx, processes, filters, settings }: { ctx: ViewContext; processes: ContractProcess[]; filters: ContractFilters; settings: ContractSettings }) {
  return (
    <Layout ctx={ctx} title={ctx.t('finances.contracts.title')}>
      <h1 safe>{ctx.t('finances.contracts.title')}</h1>
      <p safe>{ctx.t('finances.contracts.intro')}</p>
      <PrefixNotice ctx={ctx} settings={settings} />
      <Filters ctx={ctx} filters={filters} />
      {processes.length === 0 ? (
        <p safe>{ctx.t('finances.contracts.empty')}</p>
      ) : (
        <table class="data" id="contracts">
          <thead>
            <tr>
              <th scope="col" safe>{ctx.t('finances.contracts.field.title')}</th>
              <th scope="col" safe>{ctx.t('finances.contracts.field.supplier')}</th>
              <th scope="col" safe>{ctx.t('finances.contracts.field.amount')}</th>
              <th scope="col" safe>{ctx.t('finances.contracts.field.method')}</th>
              <th scope="col" safe>{ctx.t('finances.contracts.field.status')}</th>
              <th scope="col" safe>{ctx.t('finances.contracts.flag.title')}</th>
            </tr>
          </thead>
          <tbody>
            {processes.map((p) => (
              <tr>
                <td><a href={`${publicBase(ctx)}/${p.id}`} dir="auto" safe>{p.title}</a></td>
                <td dir="auto" safe>{p.award?.supplierName ?? '—'}</td>
                <td safe>{money(ctx, headlineAmount(p))}</td>
                <td safe>{methodText(ctx, p)}</td>
                <td safe>{ctx.t(statusKeys[statusOf(p)])}</td>
                <td><FlagBadges ctx={ctx} flags={redFlags(p)} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <PublicationPolicy ctx={ctx} settings={settings} />
    </Layout>
  );
}

export function ContractPage({ ctx, process, settings }: { ctx: ViewContext; process: ContractProcess; settings: ContractSettings }) {
  return (
    <Layout ctx={ctx} title={process.title}>
      <p><a href={publicBase(ctx)} safe>{ctx.t('finances.contracts.title')}</a></p>
      <h1 dir="auto" safe>{process.title}</h1>
      <PrefixNotice ctx={ctx} settings={settings} />
      <p>
        <span safe>{`ocid: ${process.ocid}`}</span> ·{' '}
        <a href={`${publicBase(ctx)}/ocds/${process.ocid}.json`} type="application/json" safe>{ctx.t('finances.contracts.ocds.record')}</a>
      </p>
      <StagesSummary ctx={ctx} process={process} />
    </Layout>
  );
}
