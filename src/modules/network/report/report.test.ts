import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { clampPeriod, defaultPeriod, monthsOf, periodWindow } from './report.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('report periods', () => {
  it('lists the months of a period, both included, and turns it into the scorecard’s window', () => {
    expect(monthsOf({ from: '2025-11', to: '2026-02' })).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsOf({ from: '2026-02', to: '2025-11' })).toEqual([]);
    expect(monthsOf({ from: '2020-01', to: '2026-12' })).toHaveLength(36);
    expect(periodWindow({ from: '2025-11', to: '2026-02' })).toEqual({ from: new Date('2025-11-01T00:00:00Z'), to: new Date('2026-03-01T00:00:00Z') });
    expect(defaultPeriod(new Date('2026-11-23T10:00:00Z'))).toEqual({ from: '2025-12', to: '2026-11' });
    expect(clampPeriod({ from: '2020-01', to: '2026-11' })).toEqual({ from: '2023-12', to: '2026-11' });
    expect(clampPeriod({ from: '2026-02', to: '2025-11' })).toBeNull();
  });
});

describe('the programme report', () => {
  it('counts each commune’s contributions by kind and channel over the period, and sums them for the network', async () => {
    const to = new Date().toISOString().slice(0, 7);
    const query = `from=2024-01&to=${to}`;
    const json = (await t.request(null, 'GET', `/network/report.json?${query}`)).json();
    const complaints = async (slug: string) => Number((await t.services.db.selectFrom('requests' as never).select((eb: any) => eb.fn.countAll().as('n')).where('kind' as never, '=', 'complaint' as never).where('commune_id' as never, '=', (await t.communeId(slug)) as never).where('created_at' as never, '>=', new Date('2024-01-01') as never).executeTakeFirstOrThrow() as { n: string }).n);
    const ndar = json.communes.find((c: { commune: string }) => c.commune === 'ndar-toute');
    expect(ndar.contributions.byKind.complaints).toBe(await complaints('ndar-toute'));
    expect(json.network.byKind.complaints).toBe((await complaints('ndar-toute')) + (await complaints('tiznit-el-jadida')));
    expect(json.network.total).toBe(json.communes.reduce((sum: number, c: { contributions: { total: number } }) => sum + c.contributions.total, 0));
    expect(Object.keys(ndar.principles)).toEqual(['transparency', 'participation', 'accountability', 'innovation']);
  });

  it('is a printable page for one commune or all, with CSV and JSON, and shrugs off bad periods', async () => {
    const page = await t.request(null, 'GET', '/network/report?from=2026-01&to=2026-06&commune=tiznit-el-jadida');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('id="report-tiznit-el-jadida"');
    expect(page.body).not.toContain('id="report-ndar-toute"');
    expect(page.body).toContain('href="/network/report.csv?from=2026-01&to=2026-06&commune=tiznit-el-jadida"');
    const csv = await t.request(null, 'GET', '/network/report.csv?from=2026-01&to=2026-06');
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe('commune,country,period_from,period_to,section,key,value,numerator,denominator');
    expect(lines.filter((l) => l.startsWith('ndar-toute,SN,2026-01,2026-06,contributions_by_channel,'))).toHaveLength(6);
    expect((await t.request(null, 'GET', '/network/report?from=2026-13&to=<x>&commune=nowhere')).statusCode).toBe(200);
  });
});
