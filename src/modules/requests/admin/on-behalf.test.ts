import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postMultipart } from '../../../test-support/multipart.js';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { requestsDb, scoped } from '../queries/requests-db.js';

let t: TestApp;
let ndarId: string;
let roadsId: string;

const url = '/ndar-toute/admin/requests/on-behalf';
const referenceIn = (html: string) => /Numéro de référence : (PL-\d{4}-\d{5})/.exec(html)?.[1];
const codeIn = (html: string) => /Code de suivi : ([A-Z0-9]{8})/.exec(html)?.[1];
const byReference = (reference: string) => scoped(t.services.db, ndarId).selectFrom('requests').selectAll().where('reference', '=', reference).executeTakeFirstOrThrow();
const countRequests = async () => Number((await requestsDb(t.services.db).selectFrom('requests').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  t = await createTestApp();
  ndarId = await t.communeId('ndar-toute');
  roadsId = (await scoped(t.services.db, ndarId).selectFrom('request_categories').select('id').where('code', '=', 'roads').executeTakeFirstOrThrow()).id;
});
afterAll(() => t.close());

describe('a mediator files a complaint on someone’s behalf', () => {
  it('shows the public form’s fields with the person to pick or type', async () => {
    const response = await t.request('ndar-toute:mediator', 'GET', url);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('name="participant"');
    expect(response.body).toContain('name="description"');
    expect(response.body).toContain(`action="${url}?_csrf=`);
  });

  it('for an assisted participant: channel mediator, recorded by the mediator, audited, reference and code to hand over', async () => {
    const participant = await scoped(t.services.db, ndarId).insertInto('assisted_participants', { full_name: 'Yacine Mbaye', phone_e164: '+221770001234', consent_method: 'oral', consent_at: new Date(), registered_by: t.users.get('ndar-toute:mediator')! }).returning('id').executeTakeFirstOrThrow();
    const response = await postMultipart(t, 'ndar-toute:mediator', url, { category: roadsId, description: 'La route vers le forage est coupée par le ravinement.', neighbourhood: 'Sor', participant: participant.id });
    expect(response.statusCode).toBe(201);
    const reference = referenceIn(response.body)!;
    const code = codeIn(response.body)!;
    expect(code).toBeTruthy();
    const row = await byReference(reference);
    expect(row.channel).toBe('mediator');
    expect(row.recorded_by).toBe(t.users.get('ndar-toute:mediator'));
    expect(row.assisted_participant_id).toBe(participant.id);
    expect(row.reporter_name).toBe('Yacine Mbaye');
    expect(row.reporter_user_id).toBeNull();
    const audit = await t.services.db.selectFrom('audit_log').selectAll().where('resource_id', '=', row.id).executeTakeFirstOrThrow();
    expect(audit.action).toBe('request.filed_for_someone');
    expect(audit.on_behalf_of).toBe(participant.id);
    const sms = await t.services.db.selectFrom('outbox_messages').selectAll().where('recipient', '=', '+221770001234').executeTakeFirstOrThrow();
    expect(sms.body).toContain(reference);
    expect(sms.body).toContain(code);
    // The person follows it with the code, without an account; the public never sees who they are.
    expect((await t.request(null, 'GET', `/ndar-toute/requests/${reference}?code=${code}`)).statusCode).toBe(200);
    expect((await t.request(null, 'GET', `/ndar-toute/requests/${reference}`)).body).not.toContain('Yacine Mbaye');
    const staffPage = (await t.request('ndar-toute:staff', 'GET', `/ndar-toute/admin/requests/${row.id}`)).body;
    expect(staffPage).toContain('Yacine Mbaye');
    expect(staffPage).toContain('Babacar Fall');
  });

  it('for a person typed in with a phone: the SMS goes to that phone', async () => {
    const response = await postMultipart(t, 'ndar-toute:mediator', url, { category: roadsId, description: 'Nid-de-poule devant le dispensaire.', name: 'Coumba Sall', contact: '77 000 43 21' });
    expect(response.statusCode).toBe(201);
    const row = await byReference(referenceIn(response.body)!);
    expect(row.reporter_name).toBe('Coumba Sall');
    expect(row.reporter_phone).toBe('+221770004321');
    expect(row.assisted_participant_id).toBeNull();
    expect(response.body).toContain('envoyées par message');
  });

  it('without a person, or with another commune’s participant, it is refused and the text is kept', async () => {
    const before = await countRequests();
    const noPerson = await postMultipart(t, 'ndar-toute:mediator', url, { category: roadsId, description: 'Texte gardé pour la médiation' });
    expect(noPerson.statusCode).toBe(422);
    expect(noPerson.body).toContain('Choisissez un participant accompagné ou tapez le nom de la personne.');
    expect(noPerson.body).toContain('Texte gardé pour la médiation');
    const tiznitId = await t.communeId('tiznit-el-jadida');
    const foreign = await scoped(t.services.db, tiznitId).insertInto('assisted_participants', { full_name: 'Autre commune', consent_method: 'oral', consent_at: new Date(), registered_by: t.users.get('tiznit-el-jadida:mediator')! }).returning('id').executeTakeFirstOrThrow();
    const wrong = await postMultipart(t, 'ndar-toute:mediator', url, { category: roadsId, description: 'Texte', participant: foreign.id });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('n’est pas enregistré dans cette commune');
    expect(await countRequests()).toBe(before);
  });

  it('is refused to citizens and to another commune’s mediator, and nothing is filed', async () => {
    const before = await countRequests();
    expect((await t.request('ndar-toute:citizen', 'GET', url)).statusCode).toBe(403);
    expect((await postMultipart(t, 'ndar-toute:citizen', url, { category: roadsId, description: 'x', name: 'y' })).statusCode).toBe(403);
    expect((await t.request('tiznit-el-jadida:mediator', 'GET', url)).statusCode).toBe(403);
    expect((await postMultipart(t, 'tiznit-el-jadida:mediator', url, { category: roadsId, description: 'x', name: 'y' })).statusCode).toBe(403);
    expect(await countRequests()).toBe(before);
  });
});
