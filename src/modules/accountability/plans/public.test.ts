import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileStrings } from '../../../test-support/hostile-strings.js';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { plansDb, scopedPlans } from './tables.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const demoPlan = () => plansDb(t.services.db).selectFrom('accountability_plans').select('id').executeTakeFirstOrThrow();
const commitment = (number: number) => plansDb(t.services.db).selectFrom('accountability_commitments').select(['id', 'plan_id']).where('number', '=', number).executeTakeFirstOrThrow();

describe('public pages of plans and commitments', () => {
  it('lists the published plans with their progress', async () => {
    const page = await t.request(null, 'GET', '/ndar-toute/plans');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Plan d’action OGP Local 2026-2027');
    // Commitments follow their milestones: (100 + 67 + 33) / 3 = 67, (100 + 0) / 2 = 50, none and not started = 0 → 39 %.
    expect(page.body).toContain('Avancement du plan : 39 %');
    expect(page.body).toContain('href="/ndar-toute/plans"');
  });

  it('shows a plan’s commitments as bars with their table, and a commitment with its OGP fields and milestones', async () => {
    const plan = await demoPlan();
    const page = await t.request(null, 'GET', `/ndar-toute/plans/${plan.id}`);
    expect(page.body).toContain('role="img"');
    expect(page.body).toMatch(/<td>Substantiel<\/td><td>67 %<\/td>/);
    const first = await commitment(1);
    const detail = await t.request(null, 'GET', `/ndar-toute/plans/${first.plan_id}/commitments/${first.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.body).toContain('Les habitants ne savent pas comment l’argent de la commune est dépensé.');
    expect(detail.body).toContain('Marchés publiés au format OCDS');
    expect(detail.body).toContain('transparence, redevabilité');
    const arabic = await t.request(null, 'GET', `/ndar-toute/plans/${first.plan_id}/commitments/${first.id}`, undefined, { headers: { 'accept-language': 'ar' } });
    expect(arabic.body).toContain('dir="rtl"');
    expect(arabic.body).toContain('نشر الميزانية والصفقات العمومية كبيانات مفتوحة');
  });

  it('hides drafts and other communes’ plans, and escapes what staff wrote', async () => {
    const plan = await demoPlan();
    const first = await commitment(1);
    expect((await t.request(null, 'GET', `/tiznit-el-jadida/plans/${plan.id}`)).statusCode).toBe(404);
    expect((await t.request(null, 'GET', `/tiznit-el-jadida/plans/${plan.id}/commitments/${first.id}`)).statusCode).toBe(404);
    expect((await t.request(null, 'GET', '/ndar-toute/plans/not-a-uuid')).statusCode).toBe(404);
    const ndar = await t.communeId('ndar-toute');
    const scope = scopedPlans(t.services.db, ndar);
    const draft = await scope.insertInto('accountability_plans', { kind: 'other', title: JSON.stringify({ fr: 'Brouillon secret' }), period_start: '2026-01-01', period_end: '2026-12-31' }).returning('id').executeTakeFirstOrThrow();
    expect((await t.request(null, 'GET', `/ndar-toute/plans/${draft.id}`)).statusCode).toBe(404);
    expect((await t.request(null, 'GET', '/ndar-toute/plans')).body).not.toContain('Brouillon secret');
    const hostile = hostileStrings[0]!.value;
    await scope.updateTable('accountability_commitments').set({ lead_institution: hostile, title: JSON.stringify({ fr: hostile }) }).where('id', '=', first.id).execute();
    for (const path of [`/ndar-toute/plans/${plan.id}`, `/ndar-toute/plans/${plan.id}/commitments/${first.id}`]) {
      const body = (await t.request(null, 'GET', path)).body;
      expect(body).not.toContain(hostile);
    }
  });
});
