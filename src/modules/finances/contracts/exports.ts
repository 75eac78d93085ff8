import type { OpenDataExport } from '../../../platform/module.js';
import { statusOf } from './labels.js';
import { amendmentIncrease, currentContractAmount, redFlags } from './red-flags.js';
import { listProcesses } from './store.js';

/** One row per contracting process: what the public list shows, with exact amounts and the red flags. */
export const contractsExport: OpenDataExport = {
  id: 'finances-contracts',
  titleKey: 'finances.contracts.export.title',
  descriptionKey: 'finances.contracts.export.description',
  rows: async (db, communeId) => {
    const commune = await db.selectFrom('communes').select('currency').where('id', '=', communeId).executeTakeFirstOrThrow();
    return (await listProcesses(db, communeId)).map((p) => ({
      ocid: p.ocid,
      title: p.title,
      status: statusOf(p),
      procurement_method: p.tender?.method ?? null,
      main_category: p.tender?.category ?? null,
      budget_year: p.planning?.budgetYear ?? null,
      budget_line_key: p.planning?.budgetLineKey ?? null,
      tender_value: p.tender?.value ?? null,
      tender_start: p.tender?.periodStart ?? null,
      tender_end: p.tender?.periodEnd ?? null,
      number_of_tenderers: p.tender?.numberOfTenderers ?? null,
      supplier_name: p.award?.supplierName ?? null,
      supplier_scheme: p.award?.supplierScheme ?? null,
      supplier_id: p.award?.supplierId ?? null,
      award_amount: p.award?.amount ?? null,
      contract_signed: p.contract?.signedDate ?? null,
      contract_amount_signed: p.contract?.amount ?? null,
      contract_amount_current: p.contract ? currentContractAmount(p.contract) : null,
      amendment_increase_percent: p.contract ? Math.round(amendmentIncrease(p.contract) * 1000) / 10 : null,
      paid_amount: p.implementation ? p.implementation.payments.reduce((sum, pay) => sum + Number(pay.amount), 0).toFixed(2) : null,
      currency: commune.currency,
      red_flags: redFlags(p).join(' '),
    }));
  },
};
