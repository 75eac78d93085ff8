import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('budget open data', () => {
  it('describes every loaded year and phase as a Fiscal Data Package 1.0 with typed columns', async () => {
    const response = await t.request(null, 'GET', '/ndar-toute/finances/data/budget.datapackage.json');
    expect(response.statusCode).toBe(200);
    const descriptor = response.json();
    expect(descriptor).toMatchObject({ profile: 'fiscal-data-package', name: 'ndar-toute-budget', countryCode: 'SN' });
    expect(descriptor.resources.map((r: { name: string }) => r.name)).toEqual([
      'budget-2025-proposed', 'budget-2025-adopted', 'budget-2025-amended', 'budget-2025-executed',
      'budget-2026-proposed', 'budget-2026-adopted', 'budget-2026-amended', 'budget-2026-executed',
    ]);
    const fields = descriptor.resources[0].schema.fields as { name: string; columnType?: string }[];
    expect(Object.fromEntries(fields.map((f) => [f.name, f.columnType]))).toMatchObject({
      year: 'date:fiscal-year', phase: 'phase:id', amount: 'value', direction: 'direction', cofog_division: 'functional-classification:cofog:division:code', currency: 'value-currency:code',
    });
    expect(descriptor.resources[7].path).toMatch(/\/ndar-toute\/finances\/data\/budget-2026-executed\.csv$/);
  });

  it('serves each phase as CSV with exact amounts, FDP phase names and COFOG codes from the crosswalk', async () => {
    const csv = await t.request(null, 'GET', '/ndar-toute/finances/data/budget-2026-executed.csv');
    expect(csv.statusCode).toBe(200);
    const [header, ...rows] = csv.body.trim().split('\r\n');
    expect(header).toBe('year,phase,line_id,direction,section,nature_code,nature_label,function_code,function_label,cofog_division,cofog_group,amount,paid_amount,currency');
    expect(rows).toHaveLength(20);
    const classrooms = rows.find((row) => row.includes('Construction de salles de classe'))!;
    expect(classrooms).toMatch(/^2026,executed,expenditure\|investment\|23\|2,expenditure,investment,23,Construction de salles de classe,2,Enseignement,09,,\d+\.00,\d+\.00,XOF$/);
    expect(rows.find((row) => row.includes('Ramassage des ordures'))).toContain(',05,05.1,');
    expect((await t.request(null, 'GET', '/ndar-toute/finances/data/budget-2026-adopted.csv?bom=1')).body.startsWith('\uFEFF')).toBe(true);
    expect((await t.request(null, 'GET', '/ndar-toute/finances/data/budget-2019-adopted.csv')).statusCode).toBe(404);
    expect((await t.request(null, 'GET', '/ndar-toute/finances/data/secrets.csv')).statusCode).toBe(404);
  });

  it('keeps each commune’s figures in its own files and currency', async () => {
    const tiznit = await t.request(null, 'GET', '/tiznit-el-jadida/finances/data/budget-2026-adopted.csv');
    expect(tiznit.body).toContain(',MAD');
    expect(tiznit.body).not.toContain(',XOF');
    expect((await t.request(null, 'GET', '/tiznit-el-jadida/finances/data/budget-2025-adopted.csv')).statusCode).toBe(404);
  });

  it('publishes the budget lines in the open-data catalogue (CKAN API)', async () => {
    const ckan = await t.request(null, 'GET', '/ndar-toute/api/3/action/package_show?id=ndar-toute-budget-lines');
    expect(ckan.statusCode).toBe(200);
    expect(ckan.json().result.title).toBe('Lignes budgétaires de la commune (toutes années et phases)');
    const data = await t.request(null, 'GET', '/ndar-toute/data/ndar-toute-budget-lines.csv');
    expect(data.body.split('\n').length).toBeGreaterThan(160);
  });
});
