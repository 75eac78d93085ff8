import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { plansDb } from './tables.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const staff = 'ndar-toute:staff';
const classrooms = 'expenditure|investment|23|2';

describe('a commitment’s budget', () => {
  it('takes a planned amount as staff type it and shows the commune budget lines linked to it, in their latest phase', async () => {
    const c = await plansDb(t.services.db).selectFrom('accountability_commitments').selectAll().where('number', '=', 1).executeTakeFirstOrThrow();
    const edit = `/ndar-toute/admin/plans/${c.plan_id}/commitments/${c.id}/edit`;
    const base = { title_fr: 'Publier le budget et les marchés publics en données ouvertes', weight: '1' };
    const refused = await t.request(staff, 'POST', edit, { ...base, budget_amount: 'douze millions' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Un montant en chiffres, par exemple 12 500 000.');
    expect(refused.body).toContain('value="douze millions"');
    expect((await t.request(staff, 'POST', edit, { ...base, budget_amount: '12 500 000' })).statusCode).toBe(303);
    expect((await plansDb(t.services.db).selectFrom('accountability_commitments').select('budget_amount').where('id', '=', c.id).executeTakeFirstOrThrow()).budget_amount).toMatch(/^12500000(\.0+)?$/);

    expect((await t.request(staff, 'POST', '/ndar-toute/admin/finances/budgets/2026/links/add', { line_key: classrooms, target: `commitment:${c.id}` })).statusCode).toBe(303);
    const page = await t.request(null, 'GET', `/ndar-toute/plans/${c.plan_id}/commitments/${c.id}`);
    const budget = page.body.slice(page.body.indexOf('id="commitment-budget"'), page.body.indexOf('</section>', page.body.indexOf('id="commitment-budget"')));
    expect(budget).toMatch(/Budget prévu : 12[\s\u202f\u00a0]500[\s\u202f\u00a0]000/);
    expect(budget).toMatch(/href="\/ndar-toute\/finances\/2026\/functions\/2\?phase=\w+"/);
    expect(budget).toContain('2026 — ');
    // Another commune's commitment page never lists these lines.
    expect((await t.request(null, 'GET', `/tiznit-el-jadida/plans/${c.plan_id}/commitments/${c.id}`)).statusCode).toBe(404);
  });
});
