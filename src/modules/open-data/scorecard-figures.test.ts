import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PalabreModule } from '../../platform/module.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { openDataDb } from './db/open-data-db.js';
import type { UpdateFrequency } from './db/tables.js';
import { catalogueFigures, staffDatasetUpToDate } from './scorecard-figures.js';

let t: TestApp;
let ndar: string;
let tiznit: string;
let datasets = 0;

const to = new Date('2020-01-01T00:00:00Z');

async function dataset(communeId: string, f: { frequency: UpdateFrequency; createdAt: string; revisions?: string[]; state?: 'draft' | 'published' }) {
  datasets += 1;
  const db = openDataDb(t.services.db);
  const row = await db
    .insertInto('open_data_datasets')
    .values({ commune_id: communeId, name: `scorecard-${datasets}`, title: JSON.stringify({ fr: `Jeu ${datasets}` }), licence_id: 'etalab-2.0', frequency: f.frequency, state: f.state ?? 'published', created_at: f.createdAt, modified_at: f.createdAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [i, at] of (f.revisions ?? []).entries()) {
    await db.insertInto('open_data_revisions').values({ commune_id: communeId, dataset_id: row.id, revision: i + 2, at, changes: '[]', snapshot: '{}' }).execute();
  }
}

/** Modules declaring exports: one with rows and one empty (switched on), one switched off, one always on. */
const exportOf = (id: string, rows: number) => ({ id, titleKey: 'network.module_name', rows: async () => Array.from({ length: rows }, (_, i) => ({ i })) });
const fakeModules = [
  { id: 'kept', i18n: {}, openDataExports: [exportOf('with-rows', 2), exportOf('empty', 0)] },
  { id: 'off', i18n: {}, openDataExports: [exportOf('not-switched-on', 1)] },
  { id: 'always', i18n: {}, alwaysOn: true, openDataExports: [exportOf('always', 1)] },
] as unknown as PalabreModule[];

beforeAll(async () => {
  t = await createTestApp();
  [ndar, tiznit] = await Promise.all([t.communeId('ndar-toute'), t.communeId('tiznit-el-jadida')]);
});
afterAll(async () => t?.close());

describe('catalogue figures', () => {
  it('counts module exports with rows of switched-on modules, and staff datasets up to date by their frequency', async () => {
    await dataset(ndar, { frequency: 'MONTHLY', createdAt: '2019-01-01T00:00:00Z', revisions: ['2019-12-15T00:00:00Z'] });
    await dataset(ndar, { frequency: 'ANNUAL', createdAt: '2018-01-01T00:00:00Z', revisions: ['2018-06-01T00:00:00Z'] });
    await dataset(ndar, { frequency: 'IRREG', createdAt: '2019-03-01T00:00:00Z' });
    await dataset(ndar, { frequency: 'UNKNOWN', createdAt: '2018-06-01T00:00:00Z' });
    await dataset(ndar, { frequency: 'NEVER', createdAt: '2010-01-01T00:00:00Z' });
    // Updated only after the end of the window: as of then, last touched when created, a year before.
    await dataset(ndar, { frequency: 'MONTHLY', createdAt: '2019-01-01T00:00:00Z', revisions: ['2020-01-05T00:00:00Z'] });
    // A draft, one created when the window ended, another commune's: none counts.
    await dataset(ndar, { frequency: 'MONTHLY', createdAt: '2019-06-01T00:00:00Z', state: 'draft' });
    await dataset(ndar, { frequency: 'MONTHLY', createdAt: '2020-01-01T00:00:00Z' });
    await dataset(tiznit, { frequency: 'MONTHLY', createdAt: '2019-06-01T00:00:00Z' });
    expect(await catalogueFigures(t.services.db, { id: ndar, enabled_modules: ['kept'] }, fakeModules, to)).toEqual({ moduleDatasets: 2, staffDatasets: 6, staffUpToDate: 3 });
    expect(await catalogueFigures(t.services.db, { id: tiznit, enabled_modules: [] }, fakeModules, to)).toEqual({ moduleDatasets: 1, staffDatasets: 1, staffUpToDate: 0 });
    expect(await catalogueFigures(t.services.db, { id: ndar, enabled_modules: [] }, [], new Date('2009-01-01T00:00:00Z'))).toEqual({ moduleDatasets: 0, staffDatasets: 0, staffUpToDate: 0 });
  });

  it('gives a frequency its period plus a quarter, and twelve months to datasets declaring none', () => {
    const at = new Date('2020-01-01T00:00:00Z');
    const daysBefore = (days: number) => new Date(at.getTime() - days * 86_400_000);
    expect(staffDatasetUpToDate('WEEKLY', daysBefore(8), at)).toBe(true);
    expect(staffDatasetUpToDate('WEEKLY', daysBefore(9), at)).toBe(false);
    expect(staffDatasetUpToDate('UNKNOWN', daysBefore(365), at)).toBe(true);
    expect(staffDatasetUpToDate('IRREG', daysBefore(366), at)).toBe(false);
    expect(staffDatasetUpToDate('NEVER', daysBefore(5000), at)).toBe(true);
  });

  it('reads the seeded demo catalogue', async () => {
    const commune = await t.services.db.selectFrom('communes').select(['id', 'enabled_modules']).where('id', '=', ndar).executeTakeFirstOrThrow();
    const seeded = await catalogueFigures(t.services.db, commune, t.services.modules, new Date(Date.now() + 60_000));
    expect(seeded.moduleDatasets).toBeGreaterThan(0);
    expect(seeded.staffDatasets).toBeGreaterThan(0);
    expect(seeded.staffUpToDate).toBeLessThanOrEqual(seeded.staffDatasets);
  });
});
