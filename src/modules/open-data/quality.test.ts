import { describe, expect, it } from 'vitest';
import type { CatalogueDataset, CatalogueResource } from './catalogue.js';
import { datasetQuality, opennessStars } from './quality.js';

const now = new Date('2026-11-23T12:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

function resource(format: string, tableSchema: CatalogueResource['tableSchema'] = null): CatalogueResource {
  return { id: format, name: format, description: {}, format, mediaType: 'x', path: '/x', external: false, byteSize: null, sha256: null, datastoreActive: false, previewPath: null, tableSchema, modified: null };
}

function dataset(overrides: Partial<CatalogueDataset>): CatalogueDataset {
  return {
    name: 'd', commune: { id: 'c', slug: 'c', name: { fr: 'C' }, country: 'SN', contact: {}, default_locale: 'fr' },
    title: { fr: 'T' }, description: { fr: 'Une description assez longue pour compter.' }, source: { kind: 'staff', datasetId: 'x' },
    themes: ['GOVE'], licenceId: 'cc-by', keywords: [], created: daysAgo(400), modified: daysAgo(10), frequency: 'MONTHLY',
    temporal: null, spatial: null, version: null, contact: null, resources: [resource('CSV', { fields: [{ name: 'a', type: 'string' }], missingValues: [''] })],
    ...overrides,
  };
}

const failed = (d: CatalogueDataset) => datasetQuality(d, now).checks.filter((c) => !c.passed).map((c) => c.id);

describe('openness stars', () => {
  it('follow the 5-star scale by format, and are zero without an open licence', () => {
    const open = { licenceId: 'cc-by' };
    expect([opennessStars(open, resource('PDF')), opennessStars(open, resource('XLSX')), opennessStars(open, resource('csv')), opennessStars(open, resource('TTL'))]).toEqual([1, 2, 3, 4]);
    expect(opennessStars(open, resource('UNKNOWN-THING'))).toBe(1);
    expect(opennessStars({ licenceId: 'all-rights-reserved' }, resource('CSV'))).toBe(0);
  });
});

describe('dataset quality checklist', () => {
  it('passes every check for a described, open, fresh, machine-readable dataset with a documented table', () => {
    expect(datasetQuality(dataset({}), now).score).toBe(5);
  });

  it('names each failing check', () => {
    expect(failed(dataset({ licenceId: 'unknown' }))).toEqual(['licence', 'machine_readable']);
    expect(failed(dataset({ description: { fr: 'Trop court' } }))).toEqual(['description']);
    expect(failed(dataset({ resources: [resource('PDF')] }))).toEqual(['machine_readable', 'schema']);
    expect(failed(dataset({ resources: [resource('CSV')] }))).toEqual(['schema']);
  });

  it('is up to date within the declared period plus a quarter, never late for continuous or irregular data, unknown when undeclared', () => {
    expect(failed(dataset({ modified: daysAgo(38) }))).toEqual([]);
    expect(failed(dataset({ modified: daysAgo(40) }))).toEqual(['up_to_date']);
    expect(failed(dataset({ frequency: 'ANNUAL', modified: daysAgo(400) }))).toEqual([]);
    expect(failed(dataset({ frequency: 'IRREG', modified: daysAgo(4000) }))).toEqual([]);
    expect(failed(dataset({ frequency: 'UNKNOWN' }))).toEqual(['up_to_date']);
    expect(failed(dataset({ frequency: 'CONT', modified: null, source: { kind: 'module', moduleId: 'm', exportId: 'e' } }))).toEqual([]);
  });
});
