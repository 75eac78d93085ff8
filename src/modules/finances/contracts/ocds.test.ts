import { describe, expect, it } from 'vitest';
import { compileReleases } from './merge.js';
import { buildRelease, type CommuneInfo, isOcidPrefix, ocidFor, recordPackage, releasePackage, releaseTag } from './ocds.js';
import { schemaErrors, validateRecordPackage, validateReleasePackage } from './ocds-test-helpers.js';
import type { ContractProcess } from './tables.js';

const tiznit: CommuneInfo = { slug: 'tiznit-el-jadida', name: 'Tiznit El Jadida', currency: 'MAD', timeZone: 'Africa/Casablanca', locale: 'fr' };
const meta = { uri: 'https://palabre.example/tiznit-el-jadida/finances/contracts/ocds/releases.json', publisherName: 'Tiznit El Jadida', publicationPolicy: 'https://palabre.example/tiznit-el-jadida/finances/contracts#publication-policy', publishedDate: '2026-05-01T00:00:00.000Z' };

const stages: Pick<ContractProcess, 'ocid' | 'planning' | 'tender' | 'award' | 'contract' | 'implementation'> = {
  ocid: 'ocds-t1zn1t-7d0c',
  planning: { budgetYear: 2026, budgetLineKey: 'expenditure|investment|2313|620', budgetLineLabel: 'Voirie', budgetAmount: '800000.00', rationale: null },
  tender: { title: 'Réfection de la place', description: null, method: 'open', category: 'works', value: '750000.50', periodStart: '2026-04-06', periodEnd: '2026-05-08', numberOfTenderers: 2, documents: [] },
  award: { supplierName: 'Souss Travaux SARL', supplierScheme: 'MA-ICE', supplierId: '001525874000088', amount: '740000', date: '2026-04-20' },
  contract: { signedDate: '2026-05-01', periodStart: null, periodEnd: '2026-10-31', amount: '740000', amendments: [] },
  implementation: { payments: [{ id: 'payment-1', date: '2026-06-30', amount: '200000.25' }] },
};

describe('ocid', () => {
  it('a registered-looking prefix then the process id; anything else is refused', () => {
    expect(isOcidPrefix('ocds-abc123')).toBe(true);
    expect(isOcidPrefix('ocds-xxxxxx')).toBe(true);
    for (const bad of ['ocds-ABC123', 'ocds-abc12', 'ocds-abc1234', 'abcd-abc123', 'ocds-abc12/', '']) expect(isOcidPrefix(bad), bad).toBe(false);
    expect(ocidFor('ocds-abc123', '5b2c')).toBe('ocds-abc123-5b2c');
    expect(() => ocidFor('ocds-../', '5b2c')).toThrow();
  });

  it('release tags follow the codelist: a stage first, then its updates; amendments their own', () => {
    expect(releaseTag('tender', true)).toBe('tender');
    expect(releaseTag('tender', false)).toBe('tenderUpdate');
    expect(releaseTag('implementation', false)).toBe('implementationUpdate');
    expect(releaseTag('contract', false, true)).toBe('contractAmendment');
  });
});

describe('releases built from the stages', () => {
  const at = (stage: 'planning' | 'tender' | 'award' | 'contract' | 'implementation', n: number) =>
    buildRelease({ stages, stage, releaseId: `${stages.ocid}-00${n}-${stage}`, tag: stage, date: new Date(Date.UTC(2026, 0, n)), commune: tiznit });

  it('carry only their stage, in the commune’s currency, with dates at midnight in the commune’s time zone', () => {
    const tender = at('tender', 2);
    expect(Object.keys(tender)).toEqual(['ocid', 'id', 'date', 'tag', 'initiationType', 'language', 'parties', 'buyer', 'tender']);
    // Casablanca is UTC+1 outside Ramadan: midnight there is 23:00 UTC the day before.
    expect(tender.tender).toMatchObject({ value: { amount: 750000.5, currency: 'MAD' }, tenderPeriod: { startDate: '2026-04-05T23:00:00.000Z', endDate: '2026-05-08T22:59:00.000Z' } });
    expect(at('planning', 1).planning).toEqual({ budget: { id: '2026|expenditure|investment|2313|620', description: 'Voirie', amount: { amount: 800000, currency: 'MAD' } } });
    expect(at('implementation', 5).contracts).toMatchObject([{ implementation: { transactions: [{ id: 'payment-1', value: { amount: 200000.25, currency: 'MAD' }, payee: { id: 'MA-ICE-001525874000088' } }] } }]);
  });

  it('make packages valid against the official OCDS 1.1.5 schemas, and the compiled release holds every stage', () => {
    const releases = [at('planning', 1), at('tender', 2), at('award', 3), at('contract', 4), at('implementation', 5)];
    const releasesPkg = releasePackage(meta, releases);
    expect(validateReleasePackage(releasesPkg), schemaErrors(validateReleasePackage).join('\n')).toBe(true);
    const compiled = compileReleases(releases);
    expect(Object.keys(compiled).sort()).toEqual(['awards', 'buyer', 'contracts', 'date', 'id', 'initiationType', 'language', 'ocid', 'parties', 'planning', 'tag', 'tender']);
    const records = recordPackage(meta, meta.uri, [{ ocid: stages.ocid, releases, compiledRelease: compiled }]);
    expect(validateRecordPackage(records), schemaErrors(validateRecordPackage).join('\n')).toBe(true);
  });

  it('the validators do catch an invalid package', () => {
    const broken = releasePackage(meta, [{ ...at('tender', 2), tag: 'tender', initiationType: null }]);
    expect(validateReleasePackage(broken)).toBe(false);
    expect(schemaErrors(validateReleasePackage).join('\n')).toMatch(/tag|initiationType/);
    expect(validateRecordPackage(recordPackage(meta, meta.uri, []))).toBe(false);
  });
});
