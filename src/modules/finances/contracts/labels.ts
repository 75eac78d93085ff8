import type { RedFlag } from './red-flags.js';
import type { ContractProcess, DocumentType, ProcurementCategory, ProcurementMethod } from './tables.js';

/** How far a process has gone, from the latest stage recorded. */
export const processStatuses = ['planning', 'tender', 'award', 'contract', 'implementation'] as const;
export type ProcessStatus = (typeof processStatuses)[number];

export function statusOf(process: Pick<ContractProcess, 'tender' | 'award' | 'contract' | 'implementation'>): ProcessStatus {
  if (process.implementation && process.implementation.payments.length > 0) return 'implementation';
  if (process.contract) return 'contract';
  if (process.award) return 'award';
  if (process.tender) return 'tender';
  return 'planning';
}

export const statusKeys: Record<ProcessStatus, string> = {
  planning: 'finances.contracts.status.planning',
  tender: 'finances.contracts.status.tender',
  award: 'finances.contracts.status.award',
  contract: 'finances.contracts.status.contract',
  implementation: 'finances.contracts.status.implementation',
};

export const methodKeys: Record<ProcurementMethod, string> = {
  open: 'finances.contracts.method.open',
  selective: 'finances.contracts.method.selective',
  limited: 'finances.contracts.method.limited',
  direct: 'finances.contracts.method.direct',
};

export const categoryKeys: Record<ProcurementCategory, string> = {
  goods: 'finances.contracts.category.goods',
  works: 'finances.contracts.category.works',
  services: 'finances.contracts.category.services',
};

export const documentTypeKeys: Record<DocumentType, string> = {
  tenderNotice: 'finances.contracts.document.tenderNotice',
  biddingDocuments: 'finances.contracts.document.biddingDocuments',
  technicalSpecifications: 'finances.contracts.document.technicalSpecifications',
  evaluationCriteria: 'finances.contracts.document.evaluationCriteria',
  contractDraft: 'finances.contracts.document.contractDraft',
};

/** Each flag's short name and its one-line explanation. */
export const flagKeys: Record<RedFlag, { name: string; explanation: string }> = {
  single_bidder: { name: 'finances.contracts.flag.single_bidder', explanation: 'finances.contracts.flag.single_bidder_why' },
  short_tender_period: { name: 'finances.contracts.flag.short_tender_period', explanation: 'finances.contracts.flag.short_tender_period_why' },
  large_amendment: { name: 'finances.contracts.flag.large_amendment', explanation: 'finances.contracts.flag.large_amendment_why' },
};
