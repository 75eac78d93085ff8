import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { scoped } from './queries/participation-queries.js';

let t: TestApp;
let ndarId: string;
let consultationId: string;
let participantId: string;

beforeAll(async () => {
  t = await createTestApp();
  ndarId = await t.communeId('ndar-toute');
  consultationId = (await scoped(t.services.db, ndarId).selectFrom('consultations').select('id').executeTakeFirstOrThrow()).id;
  participantId = (
    await t.services.db.insertInto('assisted_participants').values({ commune_id: ndarId, full_name: 'Yacine Mbaye', gender: 'female', age_band: '50-64', consent_method: 'thumbprint', consent_at: new Date(), registered_by: t.users.get('ndar-toute:mediator')! }).returning('id').executeTakeFirstOrThrow()
  ).id;
});
afterAll(() => t.close());

const submit = (who: string, slug: string, onBehalfOf: string) =>
  t.request(who, 'POST', `/${slug}/consultations/${consultationId}/proposals`, { title: 'Une fontaine au marché', body: 'Dit en réunion de quartier.', on_behalf_of: onBehalfOf, confirmed: '1' });

describe('mediators', () => {
  it('see their commune’s assisted participants in the form and submit for one, marked and audited', async () => {
    const form = await t.request('ndar-toute:mediator', 'GET', `/ndar-toute/consultations/${consultationId}`);
    expect(form.body).toContain('Yacine Mbaye');
    expect((await t.request('ndar-toute:citizen', 'GET', `/ndar-toute/consultations/${consultationId}`)).body).not.toContain('Yacine Mbaye');
    const created = await submit('ndar-toute:mediator', 'ndar-toute', participantId);
    expect(created.statusCode).toBe(303);
    const row = await scoped(t.services.db, ndarId).selectFrom('proposals').selectAll().where('on_behalf_of', '=', participantId).executeTakeFirstOrThrow();
    expect(row.channel).toBe('mediator');
    const audit = await t.services.db.selectFrom('audit_log').selectAll().where('resource_id', '=', row.id).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'proposal.submitted_for_participant', on_behalf_of: participantId });
    expect((await t.request(null, 'GET', `/ndar-toute/proposals/${row.id}`)).body).toContain('médiateur');
    const figures = await t.services.db.selectFrom('consultation_participants' as never).selectAll().where('participant_id' as never, '=', participantId as never).execute();
    expect(figures).toEqual([expect.objectContaining({ gender: 'female', age_band: '50-64' })]);
    expect((await t.request(null, 'GET', `/ndar-toute/consultations/${consultationId}`)).body).toMatch(/Saisie par un médiateur<\/th><td>1<\/td>/);
  });

  it('only mediators may act for someone, and only for their commune’s participants', async () => {
    expect((await submit('ndar-toute:citizen', 'ndar-toute', participantId)).statusCode).toBe(403);
    expect((await submit('tiznit-el-jadida:mediator', 'ndar-toute', participantId)).statusCode).toBe(403);
    expect((await submit('ndar-toute:mediator', 'ndar-toute', '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });
});

describe('closing a consultation', () => {
  it('lists the proposals still awaiting an answer, publicly, with the days elapsed', async () => {
    const before = await t.request(null, 'GET', `/ndar-toute/consultations/${consultationId}`);
    expect(before.body).not.toContain('awaiting-title');
    const closed = await t.request('ndar-toute:staff', 'POST', `/ndar-toute/admin/consultations/${consultationId}`, { title_fr: 'PDC 2027-2031', subject_type: 'development_plan', influence_level: 'consult', status: 'closed' });
    expect(closed.statusCode).toBe(303);
    const after = await t.request(null, 'GET', `/ndar-toute/consultations/${consultationId}`);
    expect(after.body).toContain('awaiting-title');
    expect(after.body).toContain('Propositions en attente de réponse');
    expect(after.body).toContain('Éclairage solaire sur la route de la Corniche');
    expect(after.body).toContain('depuis 0 jour(s)');
  });
});
