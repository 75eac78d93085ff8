import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { accountabilityModule } from '../manifest.js';
import { plansDb } from './tables.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const exportRows = (id: string, communeId: string) => accountabilityModule.openDataExports!.find((e) => e.id === id)!.rows(t.services.db, communeId);
const communeId = async (slug: string) => (await t.services.db.selectFrom('communes').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;

describe('plans on the open-data portal', () => {
  it('publishes the commitments of published plans with progress and public comment counts, and their milestones', async () => {
    const ndar = await communeId('ndar-toute');
    const commitments = await exportRows('accountability-commitments', ndar);
    expect(commitments.map((c) => [c.number, c.status, c.progress_percent])).toEqual([[1, 'substantial', 67], [2, 'limited', 50], [3, 'not_started', 0]]);
    expect(commitments[1]).toMatchObject({ plan: 'Plan d’action OGP Local 2026-2027', comments: 2, comments_unanswered: 1 });
    expect(String(commitments[0]!.url)).toMatch(/^\/ndar-toute\/plans\/[0-9a-f-]{36}\/commitments\/[0-9a-f-]{36}$/);
    const milestones = await exportRows('accountability-milestones', ndar);
    expect(milestones.filter((m) => m.commitment_number === 1)).toHaveLength(3);
    expect(Object.keys(milestones[0]!)).toEqual(['plan', 'commitment_number', 'milestone', 'deliverable', 'responsible', 'start_date', 'end_date', 'status']);
    expect(await exportRows('accountability-commitments', await communeId('tiznit-el-jadida'))).toEqual([]);

    // A plan back to draft leaves the portal with its commitments and milestones.
    await plansDb(t.services.db).updateTable('accountability_plans').set({ state: 'draft' }).execute();
    expect(await exportRows('accountability-commitments', ndar)).toEqual([]);
    expect(await exportRows('accountability-milestones', ndar)).toEqual([]);
    expect((await t.request(null, 'GET', '/ndar-toute/data')).body).toContain('Engagements des plans de la commune');
  });
});
