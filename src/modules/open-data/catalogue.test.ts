import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { communeDatasets, datasetRows, networkDatasets } from './catalogue.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('module datasets', () => {
  it('every module export of a commune is a dataset with a unique CKAN-safe name, a multilingual title and CSV and JSON resources', async () => {
    const commune = await t.services.db.selectFrom('communes').selectAll().where('slug', '=', 'ndar-toute').executeTakeFirstOrThrow();
    const datasets = (await communeDatasets(t.services, commune)).filter((d) => d.source.kind === 'module');
    const declared = t.services.modules.flatMap((m) => m.openDataExports ?? []).length;
    expect(datasets).toHaveLength(declared);
    expect(new Set(datasets.map((d) => d.name)).size).toBe(datasets.length);
    for (const dataset of datasets) {
      expect(dataset.name).toMatch(/^[a-z0-9_-]{2,100}$/);
      expect(dataset.title.fr).toBeTruthy();
      expect(dataset.resources.map((r) => r.format)).toEqual(['CSV', 'JSON']);
    }
    expect(datasets.map((d) => d.name)).toContain('ndar-toute-requests-complaints');
  });

  it('a module the commune switched off publishes nothing; the network lists every commune', async () => {
    const commune = await t.services.db.selectFrom('communes').selectAll().where('slug', '=', 'ndar-toute').executeTakeFirstOrThrow();
    const without = await communeDatasets(t.services, { ...commune, enabled_modules: commune.enabled_modules.filter((id) => id !== 'requests') });
    expect(without.some((d) => d.source.kind === 'module' && d.source.moduleId === 'requests')).toBe(false);
    const network = await networkDatasets(t.services);
    expect(new Set(network.map((d) => d.commune.slug))).toEqual(new Set(['ndar-toute', 'tiznit-el-jadida']));
  });

  it('reads the rows of a dataset from its module, for its own commune only', async () => {
    const network = await networkDatasets(t.services);
    const ndar = network.find((d) => d.name === 'ndar-toute-requests-complaints')!;
    const tiznit = network.find((d) => d.name === 'tiznit-el-jadida-requests-complaints')!;
    const [ndarRows, tiznitRows] = await Promise.all([datasetRows(t.services, ndar), datasetRows(t.services, tiznit)]);
    expect(ndarRows.length).toBeGreaterThan(0);
    // The demo seeds five complaints in Ndar Toute (one private, left out) and two in Tiznit.
    expect(ndarRows.length).not.toBe(tiznitRows.length);
    expect(tiznitRows.every((r) => !String(r.neighbourhood ?? '').match(/Pikine|Sor|Guet Ndar|Corniche/))).toBe(true);
  });
});
