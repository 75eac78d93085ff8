import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { listConsultationSummaries } from '../../participation/index.js';
import { plansDb } from './tables.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const consultationsOf = async (slug: string) => {
  const commune = await t.services.db.selectFrom('communes').select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
  return (await listConsultationSummaries(t.services.db, commune.id)).reverse();
};
const sourcesOf = async (planId: string) => (await plansDb(t.services.db).selectFrom('accountability_plan_sources').select('consultation_id').where('plan_id', '=', planId).execute()).map((s) => s.consultation_id).sort();

describe('the co-creation record of a plan', () => {
  it('shows the consultations the plan came from; staff change them; other communes’ consultations are refused', async () => {
    const plan = await plansDb(t.services.db).selectFrom('accountability_plans').select('id').executeTakeFirstOrThrow();
    const [first] = await consultationsOf('ndar-toute');
    const seeded = await sourcesOf(plan.id);
    expect(seeded.length).toBeGreaterThan(0);
    const publicPage = await t.request(null, 'GET', `/ndar-toute/plans/${plan.id}`);
    expect(publicPage.body).toContain('Ce plan est issu de ces consultations publiques :');
    expect(publicPage.body).toContain(`href="/ndar-toute/consultations/${seeded[0]}"`);

    const action = `/ndar-toute/admin/plans/${plan.id}/sources`;
    expect((await t.request('ndar-toute:staff', 'GET', `/ndar-toute/admin/plans/${plan.id}`)).body).toContain(`value="${first!.id}" checked`);
    expect((await t.request('ndar-toute:staff', 'POST', action, {})).statusCode).toBe(303);
    expect(await sourcesOf(plan.id)).toEqual([]);
    expect((await t.request(null, 'GET', `/ndar-toute/plans/${plan.id}`)).body).not.toContain('id="co-creation"');
    expect((await t.request('ndar-toute:staff', 'POST', action, { consultation: first!.id })).statusCode).toBe(303);
    expect(await sourcesOf(plan.id)).toEqual([first!.id]);

    const [foreign] = await consultationsOf('tiznit-el-jadida');
    expect((await t.request('ndar-toute:staff', 'POST', action, { consultation: [first!.id, foreign!.id] })).statusCode).toBe(400);
    expect((await t.request('ndar-toute:citizen', 'POST', action, { consultation: [first!.id] })).statusCode).toBe(403);
    expect((await t.request('tiznit-el-jadida:staff', 'POST', `/tiznit-el-jadida/admin/plans/${plan.id}/sources`, { consultation: [foreign!.id] })).statusCode).toBe(404);
    expect(await sourcesOf(plan.id)).toEqual([first!.id]);
    const audited = await t.services.db.selectFrom('audit_log').select('action').where('action', '=', 'accountability.plan.sources_changed').execute();
    expect(audited).toHaveLength(2);
  });
});
