import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { scoped, similarProposals } from './queries/participation-queries.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const consultationOf = async (slug: string) => {
  const communeId = await t.communeId(slug);
  return { communeId, id: (await scoped(t.services.db, communeId).selectFrom('consultations').select('id').executeTakeFirstOrThrow()).id };
};

describe('similar proposals', () => {
  it('are found with French stemming (éclairages → éclairage) and with Arabic', async () => {
    const ndar = await consultationOf('ndar-toute');
    expect((await similarProposals(t.services.db, ndar.communeId, ndar.id, 'Plus d’éclairages solaires')).map((p) => p.title)).toEqual(['Éclairage solaire sur la route de la Corniche']);
    expect(await similarProposals(t.services.db, ndar.communeId, ndar.id, 'Planter des arbres')).toEqual([]);
    const tiznit = await consultationOf('tiznit-el-jadida');
    expect((await similarProposals(t.services.db, tiznit.communeId, tiznit.id, 'ملعب جديد')).length).toBe(1);
  });

  it('are shown once before storing; confirming stores the proposal', async () => {
    const ndar = await consultationOf('ndar-toute');
    const count = async () => (await scoped(t.services.db, ndar.communeId).selectFrom('proposals').select('id').execute()).length;
    const before = await count();
    const form = { title: 'Éclairage du marché', body: 'Il fait noir le soir.' };
    const first = await t.request('ndar-toute:citizen', 'POST', `/ndar-toute/consultations/${ndar.id}/proposals`, form);
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('Des propositions proches existent déjà');
    expect(first.body).toContain('name="confirmed" value="1"');
    expect(first.body).toContain('value="Éclairage du marché"');
    expect(await count()).toBe(before);
    const second = await t.request('ndar-toute:citizen', 'POST', `/ndar-toute/consultations/${ndar.id}/proposals`, { ...form, confirmed: '1' });
    expect(second.statusCode).toBe(303);
    expect(await count()).toBe(before + 1);
  });
});
