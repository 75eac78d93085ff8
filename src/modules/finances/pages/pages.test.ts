import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../../../platform/i18n/format.js';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { financesDb } from '../db/finances-db.js';
import { cofogTotals, executionBy, functionTotals, sectionTotals, yearOverYear } from './queries.js';
import { insertBudgetFixture } from './test-fixture.js';

// Years the demo seed does not use: the fixture's figures are the only ones there.
const year = 2020;
let t: TestApp;
let ndar: string;
let tiznit: string;

beforeAll(async () => {
  t = await createTestApp();
  ndar = await t.communeId('ndar-toute');
  tiznit = await t.communeId('tiznit-el-jadida');
  await insertBudgetFixture(t.services.db, ndar, { year });
  await insertBudgetFixture(t.services.db, tiznit, { year, prefix: 'TIZNIT-ONLY ' });
  // A Tiznit line with a function Ndar does not have, to see it never leaks.
  await financesDb(t.services.db).insertInto('finance_budget_lines').values({ commune_id: tiznit, year, phase: 'amended', direction: 'expenditure', section: 'investment', nature_code: '2300', nature_label: 'Souk hebdomadaire', function_code: '47', function_label: 'Marchés de Tiznit', line_key: 'expenditure|investment|2300|47', amount: '777777.77' }).execute();
});
afterAll(() => t.close());

const xof = (amount: number) => formatMoney(amount, 'XOF', 'fr');
const get = (url: string, key: string | null = null) => t.request(key, 'GET', url);
const getIn = (locale: string, url: string) => t.request(null, 'GET', url, undefined, { headers: { 'accept-language': locale } });
const pick = <T extends { code: string }>(rows: T[], code: string) => rows.find((r) => r.code === code)!;

describe('budget queries', () => {
  it('sums each section of a phase exactly, keeping the negative correction', async () => {
    const totals = await sectionTotals(t.services.db, ndar, year, 'amended');
    expect(totals.map((r) => [r.direction, r.section, Number(r.amount)])).toEqual([
      ['revenue', 'investment', 2_450_000],
      ['revenue', 'operating', 5_600_000],
      ['expenditure', 'investment', 2_500_000],
      ['expenditure', 'operating', 4_050_000],
    ]);
    expect(totals.every((r) => typeof r.amount === 'string')).toBe(true);
  });

  it('groups spending by function and rolls COFOG groups up to their division; an unmapped function stays apart', async () => {
    const functions = await functionTotals(t.services.db, ndar, year, 'amended', 'expenditure');
    expect(Object.fromEntries(functions.map((f) => [f.code, Number(f.amount)]))).toEqual({ '21': 3_700_000, '020': 1_950_000, '81': 500_000, '73': 400_000 });
    const cofog = await cofogTotals(t.services.db, ndar, year, 'amended', 'expenditure');
    expect(Object.fromEntries(cofog.map((c) => [c.division ?? 'none', Number(c.amount)]))).toEqual({ '01': 1_950_000, '06': 500_000, '09': 3_700_000, none: 400_000 });
  });

  it('computes execution against the amended budget per section, function and line (zero voted: no rate)', async () => {
    const sections = await executionBy(t.services.db, ndar, year, 'amended', 'section');
    const rate = (direction: string, section: string) => sections.find((r) => r.direction === direction && r.section === section)!;
    expect(rate('expenditure', 'operating')).toMatchObject({ rate: 81.5, paid: '3150000.00' });
    expect(Number(rate('expenditure', 'operating').executed)).toBe(3_300_000);
    expect(rate('expenditure', 'investment').rate).toBe(56);
    expect(rate('revenue', 'investment').rate).toBe(40.8);
    const functions = await executionBy(t.services.db, ndar, year, 'amended', 'function');
    expect(pick(functions, '81').rate).toBe(130);
    expect(pick(functions, '73').rate).toBe(0);
    expect(pick(functions, '21').rate).toBe(58.1);
    const lines = await executionBy(t.services.db, ndar, year, 'amended', 'line');
    expect(pick(lines, '2315')).toMatchObject({ rate: null, label: 'Forage d’urgence' });
    expect(Number(pick(lines, '2315').voted)).toBe(0);
    expect(pick(lines, '6720').rate).toBe(100);
  });

  it('falls back to the adopted budget when a year has no amendments, and lists adopted and executed totals year by year', async () => {
    const sections = await executionBy(t.services.db, ndar, year - 1, 'adopted', 'section');
    expect(sections.find((r) => r.direction === 'expenditure' && r.section === 'operating')!.rate).toBe(85.7);
    const history = (await yearOverYear(t.services.db, ndar)).filter((h) => h.year === year || h.year === year - 1);
    const spending = history.filter((h) => h.direction === 'expenditure').map((h) => [h.year, Number(h.adopted), Number(h.executed)]);
    expect(spending).toEqual([[year - 1, 6_165_000, 4_230_000], [year, 6_850_000, 4_700_000]]);
  });
});

describe('public budget pages', () => {
  it('shows a year by section in the voted budget, with a phase selector of plain links', async () => {
    const page = await get(`/ndar-toute/finances/${year}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Budget 2020');
    expect(page.body).toContain('<svg');
    expect(page.body).toContain(`${xof(4_050_000)}</td>`);
    expect(page.body).toMatch(new RegExp(`data-total="expenditure">${xof(6_550_000)}<`));
    expect(page.body).toMatch(/href="\/ndar-toute\/finances\/2020\?phase=amended" aria-current="page">Modifié/);
    expect(page.body).toContain('href="/ndar-toute/finances/2020?phase=proposed"');
    expect(page.body).toMatch(/<link rel="stylesheet" href="\/ndar-toute\/finances\/assets\/finances\.[0-9a-f]{12}\.css"/);
    const proposed = await get(`/ndar-toute/finances/${year}?phase=proposed`);
    expect(proposed.body).toContain(`${xof(7_350_000)}</td>`);
    // An unknown phase falls back to the voted budget rather than failing.
    expect((await get(`/ndar-toute/finances/${year}?phase=bogus`)).body).toMatch(/aria-current="page">Modifié/);
  });

  it('lists spending by function with drill-down links, and by COFOG division in the reader’s language', async () => {
    const page = await get(`/ndar-toute/finances/${year}/functions?phase=adopted`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('href="/ndar-toute/finances/2020/functions/21?phase=adopted"');
    expect(page.body).toContain('09 · Enseignement');
    expect(page.body).toContain('06 · Logements et équipements collectifs');
    expect(page.body).toContain('Non classé');
    const english = await getIn('en', `/ndar-toute/finances/${year}/functions`);
    expect(english.body).toContain('09 · Education');
    const drill = await get(`/ndar-toute/finances/${year}/functions/21?phase=adopted`);
    expect(drill.statusCode).toBe(200);
    expect(drill.body).toContain('Construction d’une école');
    expect(drill.body).toContain(`${xof(3_000_000)}</td>`);
    expect(drill.body).not.toContain('Salaires');
  });

  it('lists revenue and spending by nature, negative corrections included and marked', async () => {
    const page = await get(`/ndar-toute/finances/${year}/natures`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('7010 · Taxes sur les marchés');
    expect(page.body).toContain(`<td class="amount negative">${xof(-50_000)}</td>`);
    expect(page.body).toContain('fill="#a4343a"');
  });

  it('shows execution per section, function and line: voted, mandated, paid, rate, and "—" without a vote', async () => {
    const page = await get(`/ndar-toute/finances/${year}/execution`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('(étape : Modifié)');
    expect(page.body).toContain('81,5 %');
    expect(page.body).toContain('130 %');
    expect(page.body).toMatch(/Forage d’urgence<\/th>(<td[^>]*>[^<]*<\/td>){3}<td class="rate">—<\/td>/);
    expect(page.body).not.toMatch(/NaN|Infinity/);
    const before = await get(`/ndar-toute/finances/${year - 1}/execution`);
    expect(before.body).toContain('(étape : Voté)');
    expect(before.body).toContain('85,7 %');
  });

  it('gives the overview with each year and the year-over-year table', async () => {
    const page = await get('/ndar-toute/finances');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('href="/ndar-toute/finances/2020"');
    expect(page.body).toContain(xof(6_165_000));
    expect(page.body).toContain('id="year-over-year"');
  });

  it('says plainly when a year has no lines, and refuses addresses that are not years', async () => {
    const empty = await get('/ndar-toute/finances/2099');
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('Aucune ligne budgétaire n’est publiée pour 2099.');
    expect((await get('/ndar-toute/finances/2099/execution')).body).toContain('id="empty-year"');
    expect((await get('/ndar-toute/finances/20x0')).statusCode).toBe(404);
    expect((await get('/ndar-toute/finances/1800/natures')).statusCode).toBe(404);
  });

  it('says so when the commune has published no budget at all', async () => {
    const budgets = financesDb(t.services.db);
    const saved = await budgets.selectFrom('finance_budget_lines').selectAll().where('commune_id', '=', tiznit).execute();
    await budgets.deleteFrom('finance_budget_lines').where('commune_id', '=', tiznit).execute();
    try {
      const page = await get('/tiznit-el-jadida/finances');
      expect(page.body).toContain('id="no-budget"');
    } finally {
      await budgets.insertInto('finance_budget_lines').values(saved).execute();
    }
  });

  it('never shows another commune’s lines, and uses each commune’s currency', async () => {
    for (const path of ['', `/${year}`, `/${year}/functions`, `/${year}/natures`, `/${year}/execution`, `/${year}/functions/21`, `/${year}/functions/47`]) {
      const page = await get(`/ndar-toute/finances${path}`);
      expect(page.body, path).not.toContain('TIZNIT-ONLY');
      expect(page.body, path).not.toContain('Souk hebdomadaire');
      expect(page.body, path).not.toContain('MAD');
    }
    const tiznitPage = await getIn('fr', `/tiznit-el-jadida/finances/${year}/functions/47`);
    expect(tiznitPage.body).toContain('Souk hebdomadaire');
    expect(tiznitPage.body).toContain(formatMoney(777_777.77, 'MAD', 'fr'));
  });

  it('is right-to-left in Arabic, with mirrored charts', async () => {
    const page = await getIn('ar', `/ndar-toute/finances/${year}/natures`);
    expect(page.body).toContain('dir="rtl"');
    expect(page.body).toContain('direction="rtl"');
    expect(page.body).toContain('المداخيل حسب الطبيعة');
  });

  it('serves its stylesheet with the one-page print rules', async () => {
    const page = await get(`/ndar-toute/finances/${year}`);
    const href = /href="(\/ndar-toute\/finances\/assets\/[^"]+\.css)"/.exec(page.body)![1]!;
    const css = await get(href);
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toContain('text/css');
    expect(css.body).toContain('@media print');
    expect(css.body).toContain('size: A4');
  });
});
