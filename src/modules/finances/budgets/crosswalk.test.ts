import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { financesDb } from '../db/finances-db.js';
import { cofogChoices, cofogDivisionOf, isCofogCode } from './cofog.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const page = '/ndar-toute/admin/finances/budgets/cofog';
const crosswalk = async (slug: string) => {
  const communeId = await t.communeId(slug);
  const rows = await financesDb(t.services.db).selectFrom('finance_cofog_crosswalk').select(['function_code', 'cofog_code']).where('commune_id', '=', communeId).orderBy('function_code').execute();
  return Object.fromEntries(rows.map((row) => [row.function_code, row.cofog_code]));
};

describe('COFOG', () => {
  it('lists the ten divisions, each followed by its groups', () => {
    const codes = cofogChoices().map((entry) => entry.code);
    expect(codes.filter((code) => !code.includes('.'))).toEqual(['01', '02', '03', '04', '05', '06', '07', '08', '09', '10']);
    expect(codes.indexOf('06.4')).toBeGreaterThan(codes.indexOf('06'));
    expect(codes.indexOf('06.4')).toBeLessThan(codes.indexOf('07'));
    expect([isCofogCode('09.1'), isCofogCode('11'), isCofogCode('09.99'), cofogDivisionOf('06.3')]).toEqual([true, false, false, '06']);
  });
});

describe('the crosswalk staff edit', () => {
  it('shows each function code of the budget with its COFOG code, and saves only changes (audited)', async () => {
    const shown = await t.request('ndar-toute:staff', 'GET', page);
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('Voirie et éclairage public');
    expect(shown.body).toMatch(/<option value="04.5" selected>/);
    const form = Object.fromEntries([['0', '01'], ['2', '09.1'], ['3', '08'], ['4', '07'], ['5', '10'], ['6', '05.1'], ['8', ''], ['9', '04']].flatMap(([code, cofog], i) => [[`code_${i}`, code!], [`cofog_${i}`, cofog!]]));
    const saved = await t.request('ndar-toute:staff', 'POST', page, form);
    expect(saved.statusCode).toBe(303);
    expect(await crosswalk('ndar-toute')).toEqual({ '0': '01', '2': '09.1', '3': '08', '4': '07', '5': '10', '6': '05.1', '9': '04' });
    const audit = await t.services.db.selectFrom('audit_log').select('details').where('action', '=', 'finances.cofog.updated').executeTakeFirstOrThrow();
    expect(audit.details).toEqual({ changes: { '2': { before: '09', after: '09.1' }, '8': { before: '04.5', after: null } } });
    const csv = await t.request(null, 'GET', '/ndar-toute/finances/data/budget-2026-adopted.csv');
    expect(csv.body).toContain(',Enseignement,09,09.1,');
  });

  it('refuses a code COFOG does not have and changes nothing; other communes keep their own crosswalk', async () => {
    const before = await crosswalk('ndar-toute');
    const refused = await t.request('ndar-toute:staff', 'POST', page, { code_0: '0', cofog_0: '99.9' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Un code choisi n’existe pas dans la COFOG.');
    expect(await crosswalk('ndar-toute')).toEqual(before);
    expect(await crosswalk('tiznit-el-jadida')).toMatchObject({ '2': '09', '8': '04.5' });
    expect((await t.request('ndar-toute:citizen', 'POST', page, { code_0: '0', cofog_0: '02' })).statusCode).toBe(403);
    expect((await t.request('ndar-toute:staff', 'POST', page, { code_0: 'unknown', cofog_0: '02' })).statusCode).toBe(303);
    expect(await crosswalk('ndar-toute')).toEqual(before);
  });
});
