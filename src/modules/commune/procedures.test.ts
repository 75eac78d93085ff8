import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { communeScope } from '../../platform/db/commune-scope.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { communeDb } from './queries/public-queries.js';

let t: TestApp;
let ndar: string;
let tiznit: string;
const staff = 'ndar-toute:staff';

const servicesOf = (communeId: string) => communeScope(communeDb(t.services.db), communeId).selectFrom('commune_services').selectAll().orderBy('position').orderBy('id').execute();
const byFrenchTitle = async (communeId: string, title: string) => (await servicesOf(communeId)).find((row) => row.title.fr === title);

beforeAll(async () => {
  t = await createTestApp();
  ndar = await t.communeId('ndar-toute');
  tiznit = await t.communeId('tiznit-el-jadida');
});
afterAll(() => t.close());

describe('the procedures catalogue', () => {
  it('search finds by title and by description, and never another commune’s procedures', async () => {
    const byTitle = (await t.request(null, 'GET', '/ndar-toute/services?q=naissance')).body;
    expect(byTitle).toContain('Extrait d&#39;acte de naissance');
    expect(byTitle).not.toContain('Permis de construire');
    const byDescription = (await t.request(null, 'GET', '/ndar-toute/services?q=surélévation')).body;
    expect(byDescription).toContain('Permis de construire');
    expect(byDescription).not.toContain('Certificat de résidence');
    // "souk" only exists at Tiznit; a LIKE wildcard typed by a visitor matches nothing special.
    expect((await t.request(null, 'GET', '/ndar-toute/services?q=souk')).body).toMatch(/0\s*résultat/);
    expect((await t.request(null, 'GET', '/ndar-toute/services?q=%25')).body).toMatch(/0\s*résultat/);
    const arabic = (await t.request(null, 'GET', `/tiznit-el-jadida/services?q=${encodeURIComponent('رخصة')}`)).body;
    expect(arabic).toContain('رخصة البناء');
    expect(arabic).not.toContain('شهادة السكنى');
  });

  it('the list is grouped by category', async () => {
    const page = (await t.request(null, 'GET', '/ndar-toute/services')).body;
    expect(page).toContain('id="category-civil_status"');
    expect(page.indexOf('id="category-civil_status"')).toBeLessThan(page.indexOf('id="category-urbanism"'));
    expect(page).toContain('<form method="get" class="search-form" role="search" id="service-search">');
  });

  it('a procedure page shows its fields in the reader’s language with the commune’s currency, and prints', async () => {
    const building = await byFrenchTitle(tiznit, 'Permis de construire');
    const page = (await t.request(null, 'GET', `/tiznit-el-jadida/services/${building!.id}`)).body;
    expect(page).toContain('مالك العقار أو من ينوب عنه.');
    expect(page).toContain('<li>شهادة الملكية</li>');
    expect(page).toMatch(/1[.,\s\u066c\u00a0\u202f]?500.*(درهم|MAD|د\.م\.)/u);
    expect(page).toMatch(/الأجل القانوني: (30|٣٠) يوم/);
    expect(page).toContain('قسم التعمير، يومي الثلاثاء والخميس');
    const french = (await t.request(null, 'GET', `/tiznit-el-jadida/services/${building!.id}`, undefined, { headers: { 'accept-language': 'fr' } })).body;
    expect(french).toContain('<li>Certificat de propriété</li>');
    expect(french).toContain('délai légal : 30 jour(s) ouvré(s)');
    const link = /href="(\/tiznit-el-jadida\/services\/assets\/procedure\.[0-9a-f]{12}\.css)"/.exec(page);
    expect(page).toContain(`href="/tiznit-el-jadida/services/${building!.id}/print"`);
    const css = await t.request(null, 'GET', link![1]!);
    expect(css.headers['content-type']).toContain('text/css');
    expect(css.body).toMatch(/@media print[\s\S]*\.site-header[^{]*\{ display: none !important \}/);
    const print = await t.request(null, 'GET', `/tiznit-el-jadida/services/${building!.id}/print`);
    expect(print.statusCode).toBe(200);
    expect(print.body).toContain('Ctrl+P');
  });

  it('another commune’s procedure id is not found under this commune, on the site and in the back-office', async () => {
    const building = await byFrenchTitle(tiznit, 'Permis de construire');
    for (const path of [`/ndar-toute/services/${building!.id}`, `/ndar-toute/services/${building!.id}/print`]) {
      expect((await t.request(null, 'GET', path)).statusCode, path).toBe(404);
    }
    expect((await t.request(staff, 'GET', `/ndar-toute/admin/services/${building!.id}/edit`)).statusCode).toBe(404);
    const hijack = await t.request(staff, 'POST', `/ndar-toute/admin/services/${building!.id}`, { title_fr: 'Piraté', category: 'other', kind: 'service', description_fr: 'x' });
    expect(hijack.statusCode).toBe(404);
    expect((await byFrenchTitle(tiznit, 'Permis de construire'))!.delay_days).toBe(30);
  });

  it('the back-office edits the procedure fields, one document per line, audited', async () => {
    const form = {
      kind: 'procedure', category: 'civil_status', title_fr: 'Certificat de vie', description_fr: 'Atteste que vous êtes en vie.', eligibility_fr: 'Toute personne majeure.',
      documents_fr: "Pièce d'identité\r\n\r\nTémoin muni de sa pièce", documents_en: 'Identity document\nA witness with an ID', fee: '300', delay_days: '3', delay_basis: 'legal', collection_fr: 'Guichet 2, 10 h – 12 h',
    };
    expect((await t.request(staff, 'POST', '/ndar-toute/admin/services', form)).statusCode).toBe(303);
    const saved = await byFrenchTitle(ndar, 'Certificat de vie');
    expect(saved).toMatchObject({ kind: 'procedure', delay_days: 3, delay_basis: 'legal', eligibility: { fr: 'Toute personne majeure.' } });
    expect(saved!.documents).toEqual([{ fr: "Pièce d'identité", en: 'Identity document' }, { fr: 'Témoin muni de sa pièce', en: 'A witness with an ID' }]);
    const edit = (await t.request(staff, 'GET', `/ndar-toute/admin/services/${saved!.id}/edit`)).body;
    expect(edit).toContain('Pièce d&#39;identité\nTémoin muni de sa pièce</textarea>');
    const audit = await t.services.db.selectFrom('audit_log').select('action').where('resource_id', '=', saved!.id).execute();
    expect(audit.map((row) => row.action)).toContain('service.created');
  });

  it('refuses a delay outside 0..365, a negative fee and an unknown kind, keeping what was typed and escaping it', async () => {
    const hostile = '<script>alert(1)</script>';
    for (const [field, value] of [['delay_days', '366'], ['delay_days', '2.5'], ['delay_days', '-1'], ['fee', '-10'], ['kind', 'magic']] as const) {
      const form = { kind: 'procedure', category: 'other', title_fr: hostile, description_fr: 'x', documents_fr: `${hostile}\nDeuxième pièce`, delay_days: '10', fee: '0', [field]: value };
      const response = await t.request(staff, 'POST', '/ndar-toute/admin/services', form);
      expect(response.statusCode, `${field}=${value}`).toBe(422);
      expect(response.body).toContain('&lt;script>alert(1)&lt;/script>\nDeuxième pièce</textarea>');
      // Only ever inside a quoted attribute value or escaped as text, never as markup.
      expect(response.body).not.toMatch(/>\s*<script>alert/);
    }
    expect(await byFrenchTitle(ndar, hostile)).toBeUndefined();
  });
});
