import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { planProgress } from './queries.js';
import { scopedPlans } from './tables.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function demoPlan(communeId: string) {
  const scope = scopedPlans(t.services.db, communeId);
  const plan = await scope.insertInto('accountability_plans', { kind: 'ogp_action_plan', title: JSON.stringify({ fr: 'Plan d’action OGP Local 2026-2028' }), period_start: '2026-01-01', period_end: '2028-06-30' }).returning('id').executeTakeFirstOrThrow();
  const [open, budget] = await scope.insertInto('accountability_commitments', [
    { plan_id: plan.id, number: 1, title: JSON.stringify({ fr: 'Publier les marchés publics' }), weight: 2, ogp_values: JSON.stringify(['transparency']) },
    { plan_id: plan.id, number: 2, title: JSON.stringify({ fr: 'Budget participatif dans chaque quartier' }), status: 'limited' },
  ]).returning('id').execute();
  await scope.insertInto('accountability_milestones', [
    { commitment_id: open!.id, title: JSON.stringify({ fr: 'Registre en ligne' }), status: 'complete' },
    { commitment_id: open!.id, title: JSON.stringify({ fr: 'Données OCDS' }), status: 'substantial' },
  ]).execute();
  return { plan: plan.id, commitments: [open!.id, budget!.id] };
}

describe('plan progress', () => {
  it('computes each commitment from its milestones (or its status) and the plan from its weighted commitments', async () => {
    const ndar = await t.communeId('ndar-toute');
    const { plan } = await demoPlan(ndar);
    const progress = (await planProgress(t.services.db, ndar, plan))!;
    expect(progress.commitments.map((c) => [c.commitment.number, c.percent, c.milestones])).toEqual([[1, 84, 2], [2, 33, 0]]);
    expect(progress.percent).toBe(67);
  });

  it('finds no plan of another commune, and refuses what the database would not accept', async () => {
    const ndar = await t.communeId('ndar-toute');
    const tiznit = await t.communeId('tiznit-el-jadida');
    const { plan } = await demoPlan(ndar);
    expect(await planProgress(t.services.db, tiznit, plan)).toBeUndefined();
    expect(await planProgress(t.services.db, ndar, 'not-a-uuid')).toBeUndefined();
    const scope = scopedPlans(t.services.db, ndar);
    await expect(scope.insertInto('accountability_plans', { kind: 'other', title: '{}', period_start: '2027-01-01', period_end: '2026-01-01' }).execute()).rejects.toThrow();
    await expect(scope.insertInto('accountability_milestones', { commitment_id: (await demoPlan(ndar)).commitments[0]!, title: '{}', status: 'done' as never }).execute()).rejects.toThrow();
  });
});
