import { zonedLocalToDate } from '../../../platform/i18n/format.js';
import type { JsonObject } from './merge.js';
import { currentContractAmount } from './red-flags.js';
import type { AwardStage, ContractProcess, ContractStage, ImplementationStage, PlanningStage, TenderStage } from './tables.js';

export const ocdsVersion = '1.1';
/** Same licence as the rest of the commune's open data. */
export const ocdsLicense = 'https://opendatacommons.org/licenses/odbl/1-0/';
/** What staff see until they enter the prefix the Open Contracting Partnership gave the commune. */
export const placeholderOcidPrefix = 'ocds-xxxxxx';

const ocidPrefixPattern = /^ocds-[a-z0-9]{6}$/;
export const isOcidPrefix = (prefix: string) => ocidPrefixPattern.test(prefix);

/** An ocid is the commune's prefix then an identifier unique within it; Palabre uses the process's id. */
export function ocidFor(prefix: string, processId: string): string {
  if (!isOcidPrefix(prefix)) throw new Error(`not an ocid prefix: ${prefix}`);
  return `${prefix}-${processId}`;
}

export type Stage = 'planning' | 'tender' | 'award' | 'contract' | 'implementation';

/** The releaseTag codelist: a stage's first release, then its updates; amendments are their own tag. */
export function releaseTag(stage: Stage, firstTime: boolean, amendment = false): string {
  if (amendment) return 'contractAmendment';
  return firstTime ? stage : `${stage}Update`;
}

export interface CommuneInfo {
  slug: string;
  name: string;
  currency: string;
  timeZone: string;
  locale: string;
}

type Stages = Pick<ContractProcess, 'ocid' | 'planning' | 'tender' | 'award' | 'contract' | 'implementation'>;

/** A commune date (YYYY-MM-DD) as an OCDS date-time: midnight there, or the last minute of the day for an end. */
function ocdsDate(date: string, timeZone: string, endOfDay = false): string {
  return (zonedLocalToDate(`${date}T${endOfDay ? '23:59' : '00:00'}`, timeZone) ?? new Date(`${date}T00:00:00Z`)).toISOString();
}

const money = (amount: string, currency: string) => ({ amount: Number(amount), currency });
const buyerId = (commune: CommuneInfo) => `palabre-${commune.slug}`;
const supplierId = (award: AwardStage) => `${award.supplierScheme}-${award.supplierId}`;

function parties(commune: CommuneInfo, award: AwardStage | null): JsonObject[] {
  const buyer = { id: buyerId(commune), name: commune.name, roles: ['buyer', 'procuringEntity'] };
  if (!award) return [buyer];
  // The same roles in every release: OCDS replaces a list of strings whole when it merges.
  const supplier = {
    id: supplierId(award),
    name: award.supplierName,
    identifier: { scheme: award.supplierScheme, id: award.supplierId, legalName: award.supplierName },
    roles: ['tenderer', 'supplier', 'payee'],
  };
  return [buyer, supplier];
}

function planningSection(planning: PlanningStage, commune: CommuneInfo): JsonObject {
  const budget: JsonObject = {};
  if (planning.budgetLineKey && planning.budgetYear) {
    // The budget line as the finances pages know it: year and line key (direction|section|nature|function).
    budget.id = `${planning.budgetYear}|${planning.budgetLineKey}`;
    budget.description = planning.budgetLineLabel ?? planning.budgetLineKey;
  }
  if (planning.budgetAmount) budget.amount = money(planning.budgetAmount, commune.currency);
  return { ...(Object.keys(budget).length ? { budget } : {}), ...(planning.rationale ? { rationale: planning.rationale } : {}) };
}

function tenderSection(tender: TenderStage, commune: CommuneInfo): JsonObject {
  // No tender.status: later stages do not resend the tender, so a status given here would outlive the award.
  const section: JsonObject = {
    id: 'tender-1',
    title: tender.title,
    procurementMethod: tender.method,
    mainProcurementCategory: tender.category,
    documents: tender.documents.map((d) => ({ id: d.id, documentType: d.type, title: d.title, url: d.url })),
  };
  if (tender.description) section.description = tender.description;
  if (tender.value) section.value = money(tender.value, commune.currency);
  if (tender.periodStart || tender.periodEnd) {
    section.tenderPeriod = {
      ...(tender.periodStart ? { startDate: ocdsDate(tender.periodStart, commune.timeZone) } : {}),
      ...(tender.periodEnd ? { endDate: ocdsDate(tender.periodEnd, commune.timeZone, true) } : {}),
    };
  }
  if (tender.numberOfTenderers !== null) section.numberOfTenderers = tender.numberOfTenderers;
  return section;
}

function awardSection(award: AwardStage, commune: CommuneInfo): JsonObject[] {
  return [{
    id: 'award-1',
    status: 'active',
    date: ocdsDate(award.date, commune.timeZone),
    value: money(award.amount, commune.currency),
    suppliers: [{ id: supplierId(award), name: award.supplierName }],
  }];
}

function contractSection(stages: Stages, contract: ContractStage, commune: CommuneInfo): JsonObject[] {
  const implementation = stages.implementation;
  const section: JsonObject = {
    id: 'contract-1',
    awardID: 'award-1',
    status: 'active',
    dateSigned: ocdsDate(contract.signedDate, commune.timeZone),
    value: money(currentContractAmount(contract), commune.currency),
    amendments: contract.amendments.map((a) => ({ id: a.id, date: ocdsDate(a.date, commune.timeZone), description: a.description })),
  };
  if (contract.periodStart || contract.periodEnd) {
    section.period = {
      ...(contract.periodStart ? { startDate: ocdsDate(contract.periodStart, commune.timeZone) } : {}),
      ...(contract.periodEnd ? { endDate: ocdsDate(contract.periodEnd, commune.timeZone, true) } : {}),
    };
  }
  if (implementation) section.implementation = implementationSection(stages, implementation, commune);
  return [section];
}

function implementationSection(stages: Stages, implementation: ImplementationStage, commune: CommuneInfo): JsonObject {
  const payee = stages.award ? { id: supplierId(stages.award), name: stages.award.supplierName } : undefined;
  return {
    transactions: implementation.payments.map((p) => ({
      id: p.id,
      date: ocdsDate(p.date, commune.timeZone),
      value: money(p.amount, commune.currency),
      payer: { id: buyerId(commune), name: commune.name },
      ...(payee ? { payee } : {}),
    })),
  };
}

/** The section a stage's release carries: the stage's whole current state, so merging releases gives it back. */
function stageSection(stage: Stage, stages: Stages, commune: CommuneInfo): JsonObject {
  switch (stage) {
    case 'planning':
      return stages.planning ? { planning: planningSection(stages.planning, commune) } : {};
    case 'tender':
      return stages.tender ? { tender: tenderSection(stages.tender, commune) } : {};
    case 'award':
      return stages.award ? { awards: awardSection(stages.award, commune) } : {};
    case 'contract':
    case 'implementation':
      return stages.contract ? { contracts: contractSection(stages, stages.contract, commune) } : {};
  }
}

/** One OCDS release for a stage just saved. */
export function buildRelease(input: { stages: Stages; stage: Stage; releaseId: string; tag: string; date: Date; commune: CommuneInfo }): JsonObject {
  const { stages, commune } = input;
  return {
    ocid: stages.ocid,
    id: input.releaseId,
    date: input.date.toISOString(),
    tag: [input.tag],
    initiationType: 'tender',
    language: commune.locale,
    parties: parties(commune, stages.award),
    buyer: { id: buyerId(commune), name: commune.name },
    ...stageSection(input.stage, stages, commune),
  };
}

export interface PackageMeta {
  /** This package's own address. */
  uri: string;
  publisherName: string;
  /** Where the page explains the publication, including whether the ocid prefix is registered. */
  publicationPolicy: string;
  publishedDate: string;
}

const packageHead = (meta: PackageMeta) => ({
  uri: meta.uri,
  version: ocdsVersion,
  publisher: { name: meta.publisherName },
  license: ocdsLicense,
  publicationPolicy: meta.publicationPolicy,
  publishedDate: meta.publishedDate,
});

export function releasePackage(meta: PackageMeta, releases: JsonObject[]): JsonObject {
  return { ...packageHead(meta), releases };
}

export interface RecordInput {
  ocid: string;
  releases: JsonObject[];
  compiledRelease: JsonObject;
}

/** Records link to their releases in the commune's release package (by URL and fragment). */
export function recordPackage(meta: PackageMeta, releasePackageUrl: string, records: RecordInput[]): JsonObject {
  return {
    ...packageHead(meta),
    packages: [releasePackageUrl],
    records: records.map((record) => ({
      ocid: record.ocid,
      releases: record.releases.map((r) => ({ url: `${releasePackageUrl}#${String(r.id)}`, date: r.date ?? null, tag: r.tag ?? null })),
      compiledRelease: record.compiledRelease,
    })),
  };
}
