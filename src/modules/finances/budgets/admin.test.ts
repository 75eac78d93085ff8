import { createHash } from 'node:crypto';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postMultipart } from '../../../test-support/multipart.js';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { financesDb } from '../db/finances-db.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const base = '/ndar-toute/admin/finances/budgets';
const fdb = () => financesDb(t.services.db);

/** A budget as a commune's accountant saves it from Excel: Windows-1252, semicolons, their own headers. */
const messyBudget = iconv.encode([
  'Type;Sect.;N° compte;Objet;Fonction;Crédits votés',
  'Dépense;Fonctionnement;60;Achats de fournitures scolaires;2;1 250 000,50',
  'Dépense;Investissement;23;Réfection du marché;9;12 000 000',
  'Recette;Fonctionnement;72;Impôts locaux;;15 000 000',
  'Dépense;Fonctionnement;61;Électricité;8;beaucoup',
  '',
].join('\r\n'), 'windows-1252');

const upload = (content: Buffer, fields: Record<string, string> = { year: '2027', phase: 'adopted' }, filename = 'budget 2027.csv') =>
  postMultipart(t, 'ndar-toute:staff', `${base}/imports`, fields, { file: { content, filename, type: 'text/csv' } });

const lines2027 = () => fdb().selectFrom('finance_budget_lines').selectAll().where('year', '=', 2027).orderBy('line_key').execute();

describe('budget import in the back-office', () => {
  it('shows what is loaded, the template and an example, to staff only', async () => {
    const page = await t.request('ndar-toute:staff', 'GET', base);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Lignes chargées par année et par phase');
    expect(page.body).toContain('20 lignes');
    const template = await t.request('ndar-toute:staff', 'GET', `${base}/template.csv`);
    expect(template.body.split('\r\n')[0]).toBe('\uFEFFSens;Section;Code nature;Libellé nature;Code fonction;Libellé fonction;Montant;Montant payé;Phase');
    expect((await t.request('ndar-toute:staff', 'GET', `${base}/example.csv`)).rawPayload.includes(Buffer.from('Fonctionnement;72'))).toBe(true);
    expect((await t.request('ndar-toute:citizen', 'GET', base)).statusCode).toBe(403);
    expect((await t.request('ndar-toute:moderator', 'GET', `${base}/template.csv`)).statusCode).toBe(403);
  });

  it('maps differing headers with staff, reports every refused row, and loads nothing before staff confirm', async () => {
    const uploaded = await upload(messyBudget);
    expect(uploaded.statusCode, uploaded.body).toBe(303);
    const page = await t.request('ndar-toute:staff', 'GET', String(uploaded.headers.location));
    expect(page.body).toContain('<option value="Type" selected>Type</option>');
    expect(page.body).not.toContain('<option value="Sect." selected>');
    expect(await lines2027()).toEqual([]);

    const mapping = { map_direction: 'Type', map_section: 'Sect.', map_nature_code: 'N° compte', map_nature_label: 'Objet', map_function_code: 'Fonction', map_amount: 'Crédits votés' };
    const checked = await t.request('ndar-toute:staff', 'POST', String(uploaded.headers.location), { ...mapping, action: 'check' });
    expect(checked.statusCode).toBe(200);
    expect(checked.body).toContain('Avec ces colonnes : 3 lignes prêtes, 1 lignes refusées.');
    expect(checked.body).toMatch(/<td>5<\/td><td dir="auto">Crédits votés<\/td><td>Ce n’est pas un montant lisible.<\/td>/);

    const unconfirmed = await t.request('ndar-toute:staff', 'POST', String(uploaded.headers.location), { ...mapping, action: 'apply' });
    expect(unconfirmed.statusCode).toBe(422);
    expect(await lines2027()).toEqual([]);

    const applied = await t.request('ndar-toute:staff', 'POST', String(uploaded.headers.location), { ...mapping, action: 'apply', confirm: '1' });
    expect(applied.statusCode).toBe(303);
    const lines = await lines2027();
    expect(lines.map((line) => [line.line_key, line.amount, line.nature_label])).toEqual([
      ['expenditure|investment|23|9', '12000000.00', 'Réfection du marché'],
      ['expenditure|operating|60|2', '1250000.50', 'Achats de fournitures scolaires'],
      ['revenue|operating|72|', '15000000.00', 'Impôts locaux'],
    ]);
    const result = await t.request('ndar-toute:staff', 'GET', String(uploaded.headers.location));
    expect(result.body).toContain('3 lignes chargées, 1 lignes refusées.');
    const report = await t.request('ndar-toute:staff', 'GET', `${uploaded.headers.location}/errors.csv`);
    expect(report.body).toContain('5,Crédits votés,Ce n’est pas un montant lisible.');
    // The loaded phase is in the commune's tamper-evident record, hashed as citizens download it.
    const published = await t.request(null, 'GET', '/ndar-toute/finances/data/budget-2027-adopted.csv');
    const check = await postMultipart(t, 'ndar-toute:citizen', '/ndar-toute/ledger/check', { text: createHash('sha256').update(published.body).digest('hex') });
    expect(check.body).toContain('Budget 2027 — budget voté');
    const audit = await t.services.db.selectFrom('audit_log').select(['action', 'details']).where('action', '=', 'finances.budget.imported').execute();
    expect(audit.at(-1)!.details).toMatchObject({ year: 2027, phase: 'adopted', state: 'applied', added_or_changed: 3, rejected: 1 });
  });

  it('changes nothing when the same file is imported again, and replaces the phase when the file changes', async () => {
    const before = await lines2027();
    const again = await upload(messyBudget);
    const mapping = { map_direction: 'Type', map_section: 'Sect.', map_nature_code: 'N° compte', map_nature_label: 'Objet', map_function_code: 'Fonction', map_amount: 'Crédits votés', action: 'apply', confirm: '1' };
    await t.request('ndar-toute:staff', 'POST', String(again.headers.location), mapping);
    expect(await lines2027()).toEqual(before);
    const state = await fdb().selectFrom('finance_budget_imports').select('state').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    expect(state.state).toBe('unchanged');
    const replay = await t.request('ndar-toute:staff', 'POST', String(again.headers.location), mapping);
    expect(replay.statusCode).toBe(303);

    const changed = iconv.encode('Type;Sect.;N° compte;Objet;Fonction;Crédits votés\r\nDépense;Investissement;23;Réfection du marché;9;13 000 000\r\n', 'windows-1252');
    const next = await upload(changed);
    await t.request('ndar-toute:staff', 'POST', String(next.headers.location), { ...mapping, confirm: '' });
    const after = await lines2027();
    expect(after.map((line) => [line.line_key, line.amount])).toEqual([['expenditure|investment|23|9', '13000000.00']]);
    expect(after[0]!.id).toBe(before[0]!.id);
  });

  it('refuses a file that is not a table, with a clear message, and keeps the other phases whole', async () => {
    const count = await fdb().selectFrom('finance_budget_lines').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const refused = await upload(Buffer.from('%PDF-1.4 not a budget'), { year: '2027', phase: 'adopted' }, 'budget.pdf');
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Ce n’est ni un CSV ni un XLSX.');
    const bad = await upload(messyBudget, { year: 'deux mille', phase: 'adopted' });
    expect(bad.statusCode).toBe(422);
    const after = await fdb().selectFrom('finance_budget_lines').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(count.n);
  });

  it('keeps imports of another commune out of reach', async () => {
    const theirs = await postMultipart(t, 'tiznit-el-jadida:staff', '/tiznit-el-jadida/admin/finances/budgets/imports', { year: '2027', phase: 'adopted' }, { file: { content: messyBudget, filename: 'b.csv', type: 'text/csv' } });
    const path = String(theirs.headers.location).replace('/tiznit-el-jadida/', '/ndar-toute/');
    expect((await t.request('ndar-toute:staff', 'GET', path)).statusCode).toBe(404);
    expect((await t.request('ndar-toute:staff', 'POST', path, { action: 'apply' })).statusCode).toBe(404);
    expect((await t.request('ndar-toute:staff', 'GET', `${base}/imports/not-a-uuid`)).statusCode).toBe(404);
  });
});
