import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../../../platform/i18n/format.js';
import { hostileStrings } from '../../../test-support/hostile-strings.js';
import { inertnessProblems, visibleText } from '../../../test-support/inert-html.js';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { financesDb } from '../db/finances-db.js';
import { insertBudgetFixture } from '../pages/test-fixture.js';

const year = 2020;
const admin = `/ndar-toute/admin/finances/citizen/${year}`;
const publicPage = `/ndar-toute/finances/${year}/citizen`;
let t: TestApp;
let ndar: string;

beforeAll(async () => {
  t = await createTestApp();
  ndar = await t.communeId('ndar-toute');
  await insertBudgetFixture(t.services.db, ndar, { year });
});
afterAll(() => t.close());

const staff = 'ndar-toute:staff';
const stored = (communeId: string, y = year) => financesDb(t.services.db).selectFrom('finance_citizen_budgets').selectAll().where('commune_id', '=', communeId).where('year', '=', y).executeTakeFirst();
const auditActions = async (id: string) => (await t.services.db.selectFrom('audit_log').select('action').where('resource_id', '=', id).orderBy('created_at').execute()).map((a) => a.action);

const citizenForm = (extra: Record<string, string> = {}) => ({
  title_fr: 'Où va l’argent de Ndar Toute en 2020 ?',
  intro_fr: 'Le budget voté par le conseil municipal, expliqué simplement.',
  s0_heading_fr: 'Ce que la commune reçoit',
  s0_body_fr: 'Les **taxes des marchés** et la dotation de l’État financent le fonctionnement.',
  s0_chart: 'overview',
  s1_heading_fr: 'À quoi servent les dépenses',
  s1_body_fr: 'L’école et l’eau d’abord.',
  s1_chart: 'functions',
  s2_heading_fr: 'Ce qui a été réalisé',
  s2_body_fr: 'Les travaux de l’école ont avancé de moitié.',
  s2_chart: 'execution',
  ...extra,
});

describe('citizen budget back-office', () => {
  it('is for the commune’s staff and administrators only', async () => {
    expect((await t.request(staff, 'GET', '/ndar-toute/admin/finances/citizen')).statusCode).toBe(200);
    expect((await t.request('ndar-toute:admin', 'GET', admin)).statusCode).toBe(200);
    expect((await t.request('ndar-toute:citizen', 'GET', admin)).statusCode).toBe(403);
    expect((await t.request('ndar-toute:moderator', 'GET', admin)).statusCode).toBe(403);
    expect((await t.request('tiznit-el-jadida:staff', 'GET', admin)).statusCode).toBe(403);
    expect((await t.request('tiznit-el-jadida:staff', 'POST', admin, citizenForm())).statusCode).toBe(403);
    expect((await t.request(null, 'GET', admin)).statusCode).toBe(303);
    expect(await stored(ndar)).toBeUndefined();
  });

  it('refuses bad input with messages beside the fields, keeps what was typed and stores nothing', async () => {
    const refused = await t.request(staff, 'POST', admin, citizenForm({ title_fr: '  ', title_en: 'Kept English title', s1_body_fr: '', s1_body_ar: 'نص محفوظ', s2_chart: 'pie' }));
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('class="error-summary"');
    expect(refused.body).toContain('href="#title_fr"');
    expect(refused.body).toContain('href="#s1_body_fr"');
    expect(refused.body).toContain('href="#s2_chart"');
    expect(refused.body).toContain('value="Kept English title"');
    expect(refused.body).toContain('نص محفوظ</textarea>');
    expect(refused.body).toContain('À quoi servent les dépenses');
    expect(await stored(ndar)).toBeUndefined();
  });

  it('saves a draft, audited, that only staff can preview; publishing makes it public, unpublishing withdraws it', async () => {
    const saved = await t.request(staff, 'POST', admin, citizenForm({ title_en: 'Where Ndar Toute’s money goes in 2020' }));
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(admin);
    const row = (await stored(ndar))!;
    expect(row).toMatchObject({ published: false, title: { fr: 'Où va l’argent de Ndar Toute en 2020 ?', en: 'Where Ndar Toute’s money goes in 2020' } });
    expect(row.sections.map((s) => s.chart)).toEqual(['overview', 'functions', 'execution']);
    expect(await auditActions(row.id)).toEqual(['finances.citizen.saved']);

    expect((await t.request(null, 'GET', publicPage)).statusCode).toBe(404);
    expect((await t.request('ndar-toute:citizen', 'GET', publicPage)).statusCode).toBe(404);
    const preview = await t.request(staff, 'GET', publicPage);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('class="draft-banner no-print"');

    expect((await t.request(staff, 'POST', `${admin}/publication`, { published: 'true' })).statusCode).toBe(303);
    expect((await stored(ndar))!.published).toBe(true);
    const page = await t.request(null, 'GET', publicPage);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('draft-banner');
    expect(page.body).toContain('<strong>taxes des marchés</strong>');
    expect(page.body.match(/<svg /g)).toHaveLength(3);
    expect(page.body).toContain(`${formatMoney(8_050_000, 'XOF', 'fr')}</td>`);
    expect(page.body).toContain('id="citizen-figures-3"');
    expect(page.body).toContain('58,1 %');
    // The year's pages now link to it.
    expect((await t.request(null, 'GET', `/ndar-toute/finances/${year}`)).body).toContain(`href="${publicPage}"`);

    expect((await t.request(staff, 'POST', `${admin}/publication`, { published: 'false' })).statusCode).toBe(303);
    expect((await t.request(null, 'GET', publicPage)).statusCode).toBe(404);
    expect(await auditActions(row.id)).toEqual(['finances.citizen.saved', 'finances.citizen.published', 'finances.citizen.unpublished']);
    expect((await t.request(staff, 'POST', `${admin}/publication`, { published: 'maybe' })).statusCode).toBe(400);
  });

  it('shows each reader their language, or French with a note when a translation is missing', async () => {
    await t.request(staff, 'POST', `${admin}/publication`, { published: 'true' });
    const english = await t.request(null, 'GET', publicPage, undefined, { headers: { 'accept-language': 'en' } });
    expect(english.body).toContain('Where Ndar Toute’s money goes in 2020');
    const arabic = await t.request(null, 'GET', publicPage, undefined, { headers: { 'accept-language': 'ar' } });
    expect(arabic.body).toContain('dir="rtl"');
    expect(arabic.body).toContain('Où va l’argent de Ndar Toute en 2020 ?');
    expect(arabic.body).toContain('class="fallback-note"');
  });

  it('keeps one commune’s citizen budget to itself', async () => {
    expect((await t.request(null, 'GET', `/tiznit-el-jadida/finances/${year}/citizen`)).statusCode).toBe(404);
    expect((await t.request('tiznit-el-jadida:staff', 'POST', `${admin}/publication`, { published: 'false' })).statusCode).toBe(403);
    const tiznitList = await t.request('tiznit-el-jadida:staff', 'GET', '/tiznit-el-jadida/admin/finances/citizen');
    expect(tiznitList.body).not.toContain('Où va l’argent');
    // Publishing a year Tiznit never wrote is "not found", not a row created.
    expect((await t.request('tiznit-el-jadida:staff', 'POST', `/tiznit-el-jadida/admin/finances/citizen/${year}/publication`, { published: 'true' })).statusCode).toBe(404);
  });
});

describe('hostile strings in the citizen budget render inert', () => {
  for (const [index, hostile] of hostileStrings.entries()) {
    it(hostile.name, async () => {
      const y = 2000 + index;
      const form = { title_fr: hostile.value.slice(0, 200), intro_fr: hostile.value.slice(0, 3000), s0_heading_fr: hostile.value.slice(0, 200), s0_body_fr: hostile.value.slice(0, 3000) };
      expect((await t.request(staff, 'POST', `/ndar-toute/admin/finances/citizen/${y}`, form)).statusCode).toBe(303);
      await t.request(staff, 'POST', `/ndar-toute/admin/finances/citizen/${y}/publication`, { published: 'true' });
      const probe = hostile.probe.slice(0, 80);
      for (const url of [`/ndar-toute/finances/${y}/citizen`, `/ndar-toute/admin/finances/citizen/${y}`, '/ndar-toute/admin/finances/citizen']) {
        const page = await t.request(staff, 'GET', url);
        expect(page.statusCode, url).toBe(200);
        expect(inertnessProblems(page.body), url).toEqual([]);
        expect(visibleText(page.body), url).toContain(probe);
      }
    });
  }
});
