import type { Children } from '@kitajs/html';
import type { FormState } from '../../../platform/http/forms.js';
import { formatDateTime } from '../../../platform/i18n/format.js';
import { CsrfField, ErrorSummary, Field, SelectField } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import { amountInput, documentSlots } from './forms.js';
import { categoryKeys, documentTypeKeys, methodKeys, statusKeys, statusOf } from './labels.js';
import { redFlags } from './red-flags.js';
import type { BudgetLineChoice } from './store.js';
import { type ContractProcess, type ContractSettings, documentTypes, procurementCategories, procurementMethods } from './tables.js';
import { FlagBadges, headlineAmount, money, PrefixNotice, StagesSummary } from './views.js';

export const adminBase = (ctx: ViewContext) => `/${ctx.commune!.slug}/admin/finances/contracts`;

export function AdminContractListPage({ ctx, processes, settings }: { ctx: ViewContext; processes: ContractProcess[]; settings: ContractSettings }) {
  return (
    <Layout ctx={ctx} title={ctx.t('finances.contracts.admin.title')} area="admin">
      <h1 safe>{ctx.t('finances.contracts.admin.title')}</h1>
      <PrefixNotice ctx={ctx} settings={settings} />
      <p class="admin-actions">
        <a class="btn" href={`${adminBase(ctx)}/new`} safe>{ctx.t('finances.contracts.admin.new')}</a>{' '}
        <a href={`${adminBase(ctx)}/settings`} safe>{ctx.t('finances.contracts.settings.title')}</a>{' '}
        <a href={`/${ctx.commune!.slug}/finances/contracts`} safe>{ctx.t('finances.contracts.admin.public_page')}</a>
      </p>
      {processes.length === 0 ? <p safe>{ctx.t('finances.contracts.empty')}</p> : (
        <table class="data" id="contracts">
          <thead>
            <tr>
              <th scope="col" safe>{ctx.t('finances.contracts.field.title')}</th>
              <th scope="col" safe>{ctx.t('finances.contracts.field.amount')}</th>
              <th scope="col" safe>{ctx.t('finances.contracts.field.status')}</th>
              <th scope="col" safe>{ctx.t('finances.contracts.flag.title')}</th>
            </tr>
          </thead>
          <tbody>
            {processes.map((p) => (
              <tr>
                <td><a href={`${adminBase(ctx)}/${p.id}`} dir="auto" safe>{p.title}</a></td>
                <td safe>{money(ctx, headlineAmount(p))}</td>
                <td safe>{ctx.t(statusKeys[statusOf(p)])}</td>
                <td><FlagBadges ctx={ctx} flags={redFlags(p)} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

function StageForm({ ctx, action, form, labels, submit, children }: { ctx: ViewContext; action: string; form: FormState; labels: Record<string, string>; submit: string; children?: Children }) {
  return (
    <form method="post" action={action}>
      <CsrfField ctx={ctx} />
      <ErrorSummary ctx={ctx} form={form} labels={labels} />
      {children}
      <div class="form-actions"><button type="submit" class="btn" safe>{submit}</button></div>
    </form>
  );
}

export function NewContractPage({ ctx, form }: { ctx: ViewContext; form: FormState }) {
  const labels = { title: ctx.t('finances.contracts.field.title') };
  return (
    <Layout ctx={ctx} title={ctx.t('finances.contracts.admin.new')} area="admin">
      <p><a href={adminBase(ctx)} safe>{ctx.t('finances.contracts.admin.title')}</a></p>
      <h1 safe>{ctx.t('finances.contracts.admin.new')}</h1>
      <StageForm ctx={ctx} action={`${adminBase(ctx)}/new`} form={form} labels={labels} submit={ctx.t('finances.contracts.admin.create')}>
        <Field ctx={ctx} form={form} name="title" label={labels.title} required />
      </StageForm>
    </Layout>
  );
}

export type StageFormName = 'planning' | 'tender' | 'award' | 'contract' | 'amendments' | 'payments';

/** What each stage form shows when nothing was just submitted: the values recorded. */
export function recordedValues(process: ContractProcess): Record<StageFormName, Record<string, string>> {
  const { planning, tender, award, contract } = process;
  const documents = Object.fromEntries((tender?.documents ?? []).flatMap((d, i) => [[`doc_type_${i + 1}`, d.type], [`doc_title_${i + 1}`, d.title], [`doc_url_${i + 1}`, d.url]]));
  return {
    planning: { budget_line: planning?.budgetLineKey ? `${planning.budgetYear}|${planning.budgetLineKey}` : '', budget_amount: amountInput(planning?.budgetAmount), rationale: planning?.rationale ?? '' },
    tender: { title: tender?.title ?? process.title, description: tender?.description ?? '', method: tender?.method ?? 'open', category: tender?.category ?? 'works', value: amountInput(tender?.value), period_start: tender?.periodStart ?? '', period_end: tender?.periodEnd ?? '', tenderers: tender?.numberOfTenderers == null ? '' : String(tender.numberOfTenderers), ...documents },
    award: { supplier_name: award?.supplierName ?? '', supplier_scheme: award?.supplierScheme ?? '', supplier_id: award?.supplierId ?? '', award_amount: amountInput(award?.amount), award_date: award?.date ?? '' },
    contract: { signed_date: contract?.signedDate ?? '', contract_start: contract?.periodStart ?? '', contract_end: contract?.periodEnd ?? '', contract_amount: amountInput(contract?.amount) },
    amendments: {},
    payments: {},
  };
}

export interface ReleaseSummary {
  id: string;
  tag: string;
  date: string;
}

export interface ContractAdminProps {
  process: ContractProcess;
  settings: ContractSettings;
  budgetLines: BudgetLineChoice[];
  releases: ReleaseSummary[];
  forms: Record<StageFormName, FormState>;
}

function PlanningForm({ ctx, props }: { ctx: ViewContext; props: ContractAdminProps }) {
  const form = props.forms.planning;
  const labels = { budget_line: ctx.t('finances.contracts.field.budget_line'), budget_amount: `${ctx.t('finances.contracts.field.budget_amount')} (${ctx.commune!.currency})`, rationale: ctx.t('finances.contracts.field.rationale') };
  const options = props.budgetLines.map((l): [string, string] => [`${l.year}|${l.lineKey}`, `${l.year} · ${l.label || l.lineKey}`]);
  return (
    <StageForm ctx={ctx} action={`${adminBase(ctx)}/${props.process.id}/planning`} form={form} labels={labels} submit={ctx.t('finances.contracts.admin.save_stage')}>
      <SelectField ctx={ctx} form={form} name="budget_line" label={labels.budget_line} options={options} empty={ctx.t('finances.contracts.admin.no_budget_line')} />
      <Field ctx={ctx} form={form} name="budget_amount" label={labels.budget_amount} inputmode="numeric" />
      <Field ctx={ctx} form={form} name="rationale" label={labels.rationale} multiline />
    </StageForm>
  );
}

function TenderForm({ ctx, props }: { ctx: ViewContext; props: ContractAdminProps }) {
  const form = props.forms.tender;
  const labels = {
    title: ctx.t('finances.contracts.field.title'),
    description: ctx.t('finances.contracts.field.description'),
    method: ctx.t('finances.contracts.field.method'),
    category: ctx.t('finances.contracts.field.category'),
    value: `${ctx.t('finances.contracts.field.value')} (${ctx.commune!.currency})`,
    period_start: ctx.t('finances.contracts.field.tender_start'),
    period_end: ctx.t('finances.contracts.field.tender_end'),
    tenderers: ctx.t('finances.contracts.field.tenderers'),
  };
  const docLabel = (slot: number) => `${ctx.t('finances.contracts.field.document')} ${slot}`;
  const summaryLabels = { ...labels, ...Object.fromEntries(documentSlots.map((slot) => [`doc_url_${slot}`, docLabel(slot)])) };
  return (
    <StageForm ctx={ctx} action={`${adminBase(ctx)}/${props.process.id}/tender`} form={form} labels={summaryLabels} submit={ctx.t('finances.contracts.admin.save_stage')}>
      <Field ctx={ctx} form={form} name="title" label={labels.title} required />
      <Field ctx={ctx} form={form} name="description" label={labels.description} multiline />
      <SelectField ctx={ctx} form={form} name="method" label={labels.method} options={procurementMethods.map((m) => [m, ctx.t(methodKeys[m])])} />
      <SelectField ctx={ctx} form={form} name="category" label={labels.category} options={procurementCategories.map((c) => [c, ctx.t(categoryKeys[c])])} />
      <Field ctx={ctx} form={form} name="value" label={labels.value} inputmode="numeric" />
      <Field ctx={ctx} form={form} name="period_start" label={labels.period_start} type="date" />
      <Field ctx={ctx} form={form} name="period_end" label={labels.period_end} type="date" />
      <Field ctx={ctx} form={form} name="tenderers" label={labels.tenderers} type="number" />
      {documentSlots.map((slot) => (
        <fieldset>
          <legend safe>{docLabel(slot)}</legend>
          <SelectField ctx={ctx} form={form} name={`doc_type_${slot}`} label={ctx.t('finances.contracts.field.document_type')} options={documentTypes.map((d) => [d, ctx.t(documentTypeKeys[d])])} />
          <Field ctx={ctx} form={form} name={`doc_title_${slot}`} label={ctx.t('finances.contracts.field.document_title')} />
          <Field ctx={ctx} form={form} name={`doc_url_${slot}`} label={ctx.t('finances.contracts.field.document_url')} type="url" />
        </fieldset>
      ))}
    </StageForm>
  );
}

function AwardForm({ ctx, props }: { ctx: ViewContext; props: ContractAdminProps }) {
  const form = props.forms.award;
  const labels = {
    supplier_name: ctx.t('finances.contracts.field.supplier'),
    supplier_scheme: ctx.t('finances.contracts.field.supplier_scheme'),
    supplier_id: ctx.t('finances.contracts.field.supplier_id'),
    award_amount: `${ctx.t('finances.contracts.field.amount')} (${ctx.commune!.currency})`,
    award_date: ctx.t('finances.contracts.field.date'),
  };
  return (
    <StageForm ctx={ctx} action={`${adminBase(ctx)}/${props.process.id}/award`} form={form} labels={labels} submit={ctx.t('finances.contracts.admin.save_stage')}>
      <Field ctx={ctx} form={form} name="supplier_name" label={labels.supplier_name} required />
      <Field ctx={ctx} form={form} name="supplier_scheme" label={labels.supplier_scheme} hint={ctx.t('finances.contracts.field.supplier_scheme_hint')} required />
      <Field ctx={ctx} form={form} name="supplier_id" label={labels.supplier_id} required />
      <Field ctx={ctx} form={form} name="award_amount" label={labels.award_amount} inputmode="numeric" required />
      <Field ctx={ctx} form={form} name="award_date" label={labels.award_date} type="date" required />
    </StageForm>
  );
}

function ContractForm({ ctx, props }: { ctx: ViewContext; props: ContractAdminProps }) {
  const form = props.forms.contract;
  const labels = {
    signed_date: ctx.t('finances.contracts.field.signed_date'),
    contract_start: ctx.t('finances.contracts.field.contract_start'),
    contract_end: ctx.t('finances.contracts.field.contract_end'),
    contract_amount: `${ctx.t('finances.contracts.field.signed_amount')} (${ctx.commune!.currency})`,
  };
  return (
    <StageForm ctx={ctx} action={`${adminBase(ctx)}/${props.process.id}/contract`} form={form} labels={labels} submit={ctx.t('finances.contracts.admin.save_stage')}>
      <Field ctx={ctx} form={form} name="signed_date" label={labels.signed_date} type="date" required />
      <Field ctx={ctx} form={form} name="contract_start" label={labels.contract_start} type="date" />
      <Field ctx={ctx} form={form} name="contract_end" label={labels.contract_end} type="date" />
      <Field ctx={ctx} form={form} name="contract_amount" label={labels.contract_amount} inputmode="numeric" required />
    </StageForm>
  );
}

function AmendmentForm({ ctx, props }: { ctx: ViewContext; props: ContractAdminProps }) {
  const form = props.forms.amendments;
  const labels = {
    amendment_date: ctx.t('finances.contracts.field.date'),
    amendment_description: ctx.t('finances.contracts.field.description'),
    new_amount: `${ctx.t('finances.contracts.field.new_amount')} (${ctx.commune!.currency})`,
  };
  return (
    <StageForm ctx={ctx} action={`${adminBase(ctx)}/${props.process.id}/amendments`} form={form} labels={labels} submit={ctx.t('finances.contracts.admin.add_amendment')}>
      <Field ctx={ctx} form={form} name="amendment_date" label={labels.amendment_date} type="date" required />
      <Field ctx={ctx} form={form} name="amendment_description" label={labels.amendment_description} multiline required />
      <Field ctx={ctx} form={form} name="new_amount" label={labels.new_amount} inputmode="numeric" required />
    </StageForm>
  );
}

function PaymentForm({ ctx, props }: { ctx: ViewContext; props: ContractAdminProps }) {
  const form = props.forms.payments;
  const labels = { payment_date: ctx.t('finances.contracts.field.date'), payment_amount: `${ctx.t('finances.contracts.field.amount')} (${ctx.commune!.currency})` };
  return (
    <StageForm ctx={ctx} action={`${adminBase(ctx)}/${props.process.id}/payments`} form={form} labels={labels} submit={ctx.t('finances.contracts.admin.add_payment')}>
      <Field ctx={ctx} form={form} name="payment_date" label={labels.payment_date} type="date" required />
      <Field ctx={ctx} form={form} name="payment_amount" label={labels.payment_amount} inputmode="numeric" required />
    </StageForm>
  );
}

/** A stage's form folded away, unless it has just been refused: then it is open on its errors. */
function Stage({ ctx, id, titleKey, form, children }: { ctx: ViewContext; id: string; titleKey: string; form: FormState; children?: Children }) {
  return (
    <details id={id} class="stage-form" open={Object.keys(form.errors).length > 0}>
      <summary safe>{ctx.t(titleKey)}</summary>
      {children}
    </details>
  );
}

export function ContractAdminPage({ ctx, props }: { ctx: ViewContext; props: ContractAdminProps }) {
  const { process } = props;
  return (
    <Layout ctx={ctx} title={process.title} area="admin">
      <p><a href={adminBase(ctx)} safe>{ctx.t('finances.contracts.admin.title')}</a></p>
      <h1 dir="auto" safe>{process.title}</h1>
      <PrefixNotice ctx={ctx} settings={props.settings} />
      <p>
        <span safe>{`ocid: ${process.ocid}`}</span> · <a href={`/${ctx.commune!.slug}/finances/contracts/${process.id}`} safe>{ctx.t('finances.contracts.admin.public_page')}</a>
      </p>
      <StagesSummary ctx={ctx} process={process} />
      <h2 safe>{ctx.t('finances.contracts.admin.record')}</h2>
      <p class="field-hint" safe>{ctx.t('finances.contracts.admin.record_hint')}</p>
      <Stage ctx={ctx} form={props.forms.planning} id="form-planning" titleKey="finances.contracts.stage.planning"><PlanningForm ctx={ctx} props={props} /></Stage>
      <Stage ctx={ctx} form={props.forms.tender} id="form-tender" titleKey="finances.contracts.stage.tender"><TenderForm ctx={ctx} props={props} /></Stage>
      <Stage ctx={ctx} form={props.forms.award} id="form-award" titleKey="finances.contracts.stage.award"><AwardForm ctx={ctx} props={props} /></Stage>
      <Stage ctx={ctx} form={props.forms.contract} id="form-contract" titleKey="finances.contracts.stage.contract"><ContractForm ctx={ctx} props={props} /></Stage>
      {process.contract || Object.keys(props.forms.amendments.errors).length || Object.keys(props.forms.payments.errors).length ? (
        <>
          <Stage ctx={ctx} form={props.forms.amendments} id="form-amendments" titleKey="finances.contracts.stage.amendments"><AmendmentForm ctx={ctx} props={props} /></Stage>
          <Stage ctx={ctx} form={props.forms.payments} id="form-payments" titleKey="finances.contracts.stage.implementation"><PaymentForm ctx={ctx} props={props} /></Stage>
        </>
      ) : ''}
      <h2 safe>{ctx.t('finances.contracts.admin.releases')}</h2>
      <ol id="releases">
        {props.releases.map((r) => <li><code safe>{r.tag}</code> <span safe>{`${formatDateTime(r.date, ctx.locale, ctx.commune!.time_zone)} · ${r.id}`}</span></li>)}
      </ol>
    </Layout>
  );
}

export function SettingsPage({ ctx, form }: { ctx: ViewContext; form: FormState }) {
  const labels = { ocid_prefix: ctx.t('finances.contracts.settings.prefix'), registered: ctx.t('finances.contracts.settings.registered') };
  return (
    <Layout ctx={ctx} title={ctx.t('finances.contracts.settings.title')} area="admin">
      <p><a href={adminBase(ctx)} safe>{ctx.t('finances.contracts.admin.title')}</a></p>
      <h1 safe>{ctx.t('finances.contracts.settings.title')}</h1>
      <StageForm ctx={ctx} action={`${adminBase(ctx)}/settings`} form={form} labels={labels} submit={ctx.t('finances.contracts.admin.save_stage')}>
        <Field ctx={ctx} form={form} name="ocid_prefix" label={labels.ocid_prefix} hint={ctx.t('finances.contracts.settings.prefix_hint')} required />
        <div class="field">
          <input type="checkbox" id="registered" name="registered" value="on" checked={form.values.registered === 'on'} />{' '}
          <label for="registered" safe>{labels.registered}</label>
        </div>
      </StageForm>
    </Layout>
  );
}
