import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { communeScope } from '../../../platform/db/commune-scope.js';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { communeDb } from '../queries/public-queries.js';
import { tinyPdf } from '../seed.js';
import { auditActions, postMultipart } from './test-helpers.js';

let t: TestApp;
let ndar: string;
const staff = 'ndar-toute:staff';

const scope = () => communeScope(communeDb(t.services.db), ndar);
const findByTitle = async (table: 'commune_services' | 'commune_documents' | 'council_meetings', title: string) =>
  (await scope().selectFrom(table).selectAll().orderBy('id').execute()).find((row) => row.title.fr === title);
const actionsFor = async (id: string) => (await auditActions(t, ndar)).filter((row) => row.resource_id === id).map((row) => row.action);

beforeAll(async () => {
  t = await createTestApp();
  ndar = await t.communeId('ndar-toute');
});
afterAll(() => t.close());

describe('back-office sections', () => {
  it('lists every section to staff, and the council hub links its three lists', async () => {
    for (const path of ['news', 'council', 'council/persons', 'council/organizations', 'council/memberships', 'services', 'documents', 'meetings', 'profile']) {
      expect((await t.request(staff, 'GET', `/ndar-toute/admin/${path}`)).statusCode, path).toBe(200);
      expect((await t.request('ndar-toute:citizen', 'GET', `/ndar-toute/admin/${path}`)).statusCode, path).toBe(403);
    }
    expect((await t.request(staff, 'GET', '/ndar-toute/admin/council')).body).toContain('href="/ndar-toute/admin/council/memberships"');
  });

  it('services: create, update and delete, each audited, with the fee in the commune currency', async () => {
    const form = { title_fr: 'Extrait de naissance', category: 'civil_status', description_fr: 'Apporter la **pièce d’identité**.', fee: '200', delay_fr: '48 heures', location_fr: 'Guichet 1', opening_hours_fr: '8 h–15 h', position: '1' };
    expect((await t.request(staff, 'POST', '/ndar-toute/admin/services', form)).statusCode).toBe(303);
    const service = await findByTitle('commune_services', 'Extrait de naissance');
    const page = (await t.request(null, 'GET', `/ndar-toute/services/${service!.id}`)).body;
    expect(page).toMatch(/200\s*F\s*CFA/);
    expect(page).toContain('<strong>pièce d’identité</strong>');
    expect((await t.request(staff, 'POST', `/ndar-toute/admin/services/${service!.id}`, { ...form, fee: '' })).statusCode).toBe(303);
    expect((await t.request(null, 'GET', `/ndar-toute/services/${service!.id}`)).body).toContain('Gratuit');
    expect((await t.request(staff, 'POST', `/ndar-toute/admin/services/${service!.id}/delete`, {})).statusCode).toBe(303);
    expect(await actionsFor(service!.id)).toEqual(expect.arrayContaining(['service.created', 'service.updated', 'service.deleted']));
  });

  it('services: a procedure with requests filed is not deleted, and the page says why', async () => {
    const procedure = await findByTitle('commune_services', "Extrait d'acte de mariage");
    const response = await t.request(staff, 'POST', `/ndar-toute/admin/services/${procedure!.id}/delete`, {});
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/ndar-toute/admin/services/${procedure!.id}`);
    expect(await findByTitle('commune_services', "Extrait d'acte de mariage")).toBeDefined();
    expect(await actionsFor(procedure!.id)).not.toContain('service.deleted');
  });

  it('services: a negative fee or unknown category is refused with 422', async () => {
    const response = await t.request(staff, 'POST', '/ndar-toute/admin/services', { title_fr: 'Refusé', category: 'magic', description_fr: 'x', fee: '-5' });
    expect(response.statusCode).toBe(422);
    expect(await findByTitle('commune_services', 'Refusé')).toBeUndefined();
  });

  it('documents: the PDF is required, checked by content, and published on the documents page', async () => {
    const fields = { title_fr: 'Compte administratif 2025', category: 'budget', document_date: '2026-03-31' };
    expect((await postMultipart(t, staff, '/ndar-toute/admin/documents', fields)).statusCode).toBe(422);
    const fake = await postMultipart(t, staff, '/ndar-toute/admin/documents', fields, { file_id: { content: Buffer.from('<html>not a pdf</html>'), filename: 'x.pdf', type: 'application/pdf' } });
    expect(fake.statusCode).toBe(422);
    expect(fake.body).toContain('class="field-error"');
    expect(await findByTitle('commune_documents', 'Compte administratif 2025')).toBeUndefined();
    const ok = await postMultipart(t, staff, '/ndar-toute/admin/documents', fields, { file_id: { content: tinyPdf('Compte'), filename: 'compte.pdf', type: 'application/pdf' } });
    expect(ok.statusCode).toBe(303);
    const document = await findByTitle('commune_documents', 'Compte administratif 2025');
    expect((await t.request(null, 'GET', '/ndar-toute/documents?q=administratif')).body).toContain(`/files/${document!.file_id}`);
    expect((await t.request(null, 'GET', `/files/${document!.file_id}`)).headers['content-type']).toBe('application/pdf');
    expect(await actionsFor(document!.id)).toContain('document.created');
  });

  it('council: person, organization and membership appear on the public council page', async () => {
    await t.request(staff, 'POST', '/ndar-toute/admin/council/persons', { name: 'Seynabou Faye', gender: 'female', email: 'Seynabou@Example.sn', biography_fr: 'Juriste.' });
    const person = await scope().selectFrom('council_persons').selectAll().where('name', '=', 'Seynabou Faye').executeTakeFirstOrThrow();
    expect(person.email).toBe('seynabou@example.sn');
    await t.request(staff, 'POST', '/ndar-toute/admin/council/organizations', { name_fr: 'Commission des finances', classification: 'commission' });
    const organizations = await scope().selectFrom('council_organizations').selectAll().orderBy('id').execute();
    const commission = organizations.find((o) => o.name.fr === 'Commission des finances')!;
    const membership = { person_id: person.id, organization_id: commission.id, post: 'commission_chair', role_fr: 'Présidente', start_date: '2026-01-10' };
    expect((await t.request(staff, 'POST', '/ndar-toute/admin/council/memberships', { ...membership, end_date: '2025-01-01' })).statusCode).toBe(422);
    expect((await t.request(staff, 'POST', '/ndar-toute/admin/council/memberships', membership)).statusCode).toBe(303);
    const page = (await t.request(null, 'GET', '/ndar-toute/council')).body;
    expect(page).toContain('Seynabou Faye');
    expect(page).toContain('Commission des finances');
    const actions = (await auditActions(t, ndar)).map((row) => row.action);
    expect(actions).toEqual(expect.arrayContaining(['council_person.created', 'council_organization.created', 'council_membership.created']));
  });

  it('council: a membership cannot point at another commune’s person', async () => {
    const tiznit = await t.communeId('tiznit-el-jadida');
    const stranger = await communeScope(communeDb(t.services.db), tiznit).insertInto('council_persons', { name: 'Étranger', biography: '{}', gender: null, email: null, phone: null }).returning('id').executeTakeFirstOrThrow();
    const organization = await scope().selectFrom('council_organizations').select('id').orderBy('id').executeTakeFirstOrThrow();
    const response = await t.request(staff, 'POST', '/ndar-toute/admin/council/memberships', { person_id: stranger.id, organization_id: organization.id, post: 'councillor', role_fr: 'Conseiller', start_date: '2026-01-10' });
    expect(response.statusCode).toBe(422);
    expect(await scope().selectFrom('council_memberships').select('id').where('person_id', '=', stranger.id).execute()).toEqual([]);
  });

  it('meetings: a meeting typed in the commune time zone shows on the home page', async () => {
    const response = await t.request(staff, 'POST', '/ndar-toute/admin/meetings', { title_fr: 'Session extraordinaire', starts_at: '2099-05-04T10:00', location_fr: 'Salle du conseil', agenda_fr: '1. Budget' });
    expect(response.statusCode).toBe(303);
    const meeting = await findByTitle('council_meetings', 'Session extraordinaire');
    expect(meeting!.starts_at.toISOString()).toBe('2099-05-04T10:00:00.000Z');
    expect(await actionsFor(meeting!.id)).toContain('council_meeting.created');
  });

  it('profile: presentation and key figures are saved, shown and audited', async () => {
    const response = await t.request(staff, 'POST', '/ndar-toute/admin/profile', { presentation_fr: 'Nouvelle présentation <em>', population: '50000', areaKm2: '12', neighbourhoods: '9', councillors: '46' });
    expect(response.statusCode).toBe(303);
    const home = (await t.request(null, 'GET', '/ndar-toute/')).body;
    expect(home).toContain('Nouvelle présentation &lt;em>');
    expect(home).toMatch(/<dd>50\s000<\/dd>/);
    expect((await auditActions(t, ndar)).map((row) => row.action)).toContain('commune_profile.updated');
    expect((await t.request(staff, 'POST', '/ndar-toute/admin/profile', { presentation_fr: '', population: 'beaucoup' })).statusCode).toBe(422);
  });

  it('other communes’ staff change nothing through their own URLs', async () => {
    const organization = await scope().selectFrom('council_organizations').selectAll().orderBy('id').executeTakeFirstOrThrow();
    const response = await t.request('tiznit-el-jadida:admin', 'POST', `/tiznit-el-jadida/admin/council/organizations/${organization.id}`, { name_fr: 'Piratée', classification: 'council' });
    expect(response.statusCode).toBe(404);
    expect((await scope().selectFrom('council_organizations').selectAll().where('id', '=', organization.id).executeTakeFirstOrThrow()).name).toEqual(organization.name);
  });
});
