import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { fields } from '../../../platform/http/forms.js';
import { isOcidPrefix } from './ocds.js';
import { type AwardStage, type ContractStage, documentTypes, type PlanningStage, procurementCategories, procurementMethods, type TenderDocument, type TenderStage } from './tables.js';

/**
 * An amount typed by staff: "1 500 000", "1500000", "12 500,50" or "12500.50" (spaces of any kind group
 * digits; a comma or a dot before 1–2 last digits is the decimal mark). Exact decimal text, or null.
 */
export function parseAmountText(input: string | undefined): string | null {
  const compact = (input ?? '').replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  const match = /^(\d{1,15})(?:\.(\d{1,2}))?$/.exec(compact);
  if (!match) return null;
  const whole = match[1]!.replace(/^0+(?=\d)/, '');
  return match[2] ? `${whole}.${match[2].padEnd(2, '0')}` : whole;
}

/** An amount back in a form field, digits grouped by spaces so parseAmountText reads it again. */
export const amountInput = (amount: string | null | undefined) => {
  if (!amount) return '';
  const [whole, decimals] = amount.split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return decimals && decimals !== '00' ? `${grouped},${decimals}` : grouped;
};

const amountInvalid = 'finances.contracts.form.amount_invalid';
const amount = () => z.string({ error: 'core.form.required' }).transform((v, ctx) => parseAmountText(v) ?? (ctx.addIssue({ code: 'custom', message: v.trim() ? amountInvalid : 'core.form.required' }), z.NEVER));
const optionalAmount = () => z.string().optional().transform((v, ctx) => (v?.trim() ? (parseAmountText(v) ?? (ctx.addIssue({ code: 'custom', message: amountInvalid }), z.NEVER)) : null));
const optionalDate = () => z.string().optional().transform((v, ctx) => (v?.trim() ? (/^\d{4}-\d{2}-\d{2}$/.test(v.trim()) ? v.trim() : (ctx.addIssue({ code: 'custom', message: 'core.form.invalid_date' }), z.NEVER)) : null));
const optionalText = (max: number) => fields.optionalText(max).transform((v) => v ?? null);
const ordered = (start: unknown, end: unknown) => typeof start !== 'string' || typeof end !== 'string' || !start || !end || start <= end;
/** Checked even when another field is invalid, so staff see every error at once. */
const periodOrder = (end: string) => ({
  path: [end],
  message: 'finances.contracts.form.period_order',
  when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null,
});

export const newProcessSchema = z.object({ title: fields.requiredText(300) });

export const planningSchema = z.object({
  budget_line: z.string().optional().transform((v) => v?.trim() || null),
  budget_amount: optionalAmount(),
  rationale: optionalText(2000),
});

/** The planning stage from the form; the budget line choice is "<year>|<line key>", checked against the commune's lines. */
export function planningStage(data: z.output<typeof planningSchema>, lineLabel: (year: number, key: string) => string | null): PlanningStage | null {
  const [year, ...key] = (data.budget_line ?? '').split('|');
  const lineKey = key.join('|');
  const label = data.budget_line ? lineLabel(Number(year), lineKey) : null;
  if (data.budget_line && label === null) return null;
  return { budgetYear: data.budget_line ? Number(year) : null, budgetLineKey: data.budget_line ? lineKey : null, budgetLineLabel: label, budgetAmount: data.budget_amount, rationale: data.rationale };
}

export const documentSlots = [1, 2, 3] as const;

export const tenderSchema = z
  .object({
    title: fields.requiredText(300),
    description: optionalText(4000),
    method: z.enum(procurementMethods, { error: 'core.form.required' }),
    category: z.enum(procurementCategories, { error: 'core.form.required' }),
    value: optionalAmount(),
    period_start: optionalDate(),
    period_end: optionalDate(),
    tenderers: z.string().optional().transform((v, ctx) => (v?.trim() ? (/^\d{1,4}$/.test(v.trim()) ? Number(v) : (ctx.addIssue({ code: 'custom', message: 'finances.contracts.form.count_invalid' }), z.NEVER)) : null)),
    ...Object.fromEntries(documentSlots.flatMap((slot) => [
      [`doc_type_${slot}`, z.enum(documentTypes).optional().or(z.literal('').transform(() => undefined))],
      [`doc_title_${slot}`, optionalText(300)],
      [`doc_url_${slot}`, z.string().optional().transform((v, ctx) => (v?.trim() ? (isWebUrl(v.trim()) ? v.trim() : (ctx.addIssue({ code: 'custom', message: 'finances.contracts.form.url_invalid' }), z.NEVER)) : null))],
    ])) as Record<`doc_${'type' | 'title' | 'url'}_${1 | 2 | 3}`, z.ZodType<string | null | undefined>>,
  })
  .refine((d) => ordered(d.period_start, d.period_end), periodOrder('period_end'));

/** Only web links: a document URL is shown as a link to the public. */
export function isWebUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

export function tenderStage(data: z.output<typeof tenderSchema>, previous: TenderDocument[]): TenderStage {
  const values = data as Record<string, unknown>;
  const documents = documentSlots.flatMap((slot): TenderDocument[] => {
    const url = values[`doc_url_${slot}`] as string | null;
    if (!url) return [];
    // Keeps a document's id when its link stays, so OCDS merges it instead of adding a copy.
    const id = previous.find((d) => d.url === url)?.id ?? `doc-${randomUUID().slice(0, 8)}`;
    return [{ id, url, type: (values[`doc_type_${slot}`] as TenderDocument['type'] | undefined) ?? 'tenderNotice', title: (values[`doc_title_${slot}`] as string | null) ?? url }];
  });
  return { title: data.title, description: data.description, method: data.method, category: data.category, value: data.value, periodStart: data.period_start, periodEnd: data.period_end, numberOfTenderers: data.tenderers, documents };
}

export const awardSchema = z.object({
  supplier_name: fields.requiredText(300),
  supplier_scheme: fields.requiredText(40),
  supplier_id: fields.requiredText(100),
  award_amount: amount(),
  award_date: fields.isoDate(),
});

export const awardStage = (d: z.output<typeof awardSchema>): AwardStage => ({ supplierName: d.supplier_name, supplierScheme: d.supplier_scheme, supplierId: d.supplier_id, amount: d.award_amount, date: d.award_date });

export const contractSchema = z
  .object({ signed_date: fields.isoDate(), contract_start: optionalDate(), contract_end: optionalDate(), contract_amount: amount() })
  .refine((d) => ordered(d.contract_start, d.contract_end), periodOrder('contract_end'));

export const contractStage = (d: z.output<typeof contractSchema>, previous: ContractStage | null): ContractStage => ({ signedDate: d.signed_date, periodStart: d.contract_start, periodEnd: d.contract_end, amount: d.contract_amount, amendments: previous?.amendments ?? [] });

export const amendmentSchema = z.object({ amendment_date: fields.isoDate(), amendment_description: fields.requiredText(2000), new_amount: amount() });

export const paymentSchema = z.object({ payment_date: fields.isoDate(), payment_amount: amount() });

export const settingsSchema = z.object({
  ocid_prefix: z.string({ error: 'core.form.required' }).trim().toLowerCase().refine(isOcidPrefix, 'finances.contracts.form.prefix_invalid'),
  registered: fields.checkbox(),
});
