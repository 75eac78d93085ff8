import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postMultipart } from '../../test-support/multipart.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { addMessage, changeComplaintStatus } from './commands/complaint-commands.js';
import { requestsExports } from './exports.js';
import { findByReference } from './queries/request-queries.js';
import { scoped } from './queries/requests-db.js';
import { statisticsPeriods } from './statistics/complaint-statistics.js';

// Reporter identity must never be public: not in the pages anyone reads, the statistics, the exports or Open311.

let t: TestApp;
let ndarId: string;

interface Filed {
  reference: string;
  code: string;
}

const reporters = {
  phone: { name: 'Zéphyrine Kambou-Témoin', contact: '77 431 98 26', forms: ['+221774319826', '774319826', '77 431 98 26'] },
  email: { name: 'Anatole Vérifié-Sentinelle', contact: 'anatole.sentinelle@example.org', forms: ['anatole.sentinelle'] },
  private: { name: 'Prisca Confidentielle-Sûre', contact: '77 512 64 08', forms: ['+221775126408', '775126408'] },
  sensitive: { name: 'Séverin Lanceur-Alerte', contact: 'severin.alerte@example.org', forms: ['severin.alerte'] },
};
// The signed-in citizen's account name and number, and the officers who act on the complaints.
const accountStrings = ['Fatou Diop', '+221770000005', '770000005', 'Ousmane Diallo', 'Mariama Sow'];
const secretStrings = [...Object.values(reporters).flatMap((r) => [r.name, ...r.forms]), ...accountStrings];

const filed: Record<string, Filed> = {};

async function categoryId(code: string) {
  return (await scoped(t.services.db, ndarId).selectFrom('request_categories').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
}

async function fileComplaint(key: string | null, fields: Record<string, string>): Promise<Filed> {
  const response = await postMultipart(t, key as string, '/ndar-toute/requests/new', fields);
  expect(response.statusCode).toBe(201);
  return { reference: /(PL-\d{4}-\d{5})/.exec(response.body)![1]!, code: /Code de suivi : ([A-Z0-9]{8})/.exec(response.body)![1]! };
}

async function moveThrough(reference: string, steps: [string, string | null][], actorKey: string) {
  for (const [stateCode, note] of steps) {
    const row = (await findByReference(t.services.db, ndarId, reference))!;
    await changeComplaintStatus(t.services.db, row, { stateCode, note, actorUserId: t.users.get(actorKey)! });
  }
}

function expectNoSecret(where: string, text: string) {
  for (const secret of secretStrings) expect(text.includes(secret), `"${secret}" found in ${where}`).toBe(false);
}

beforeAll(async () => {
  t = await createTestApp();
  ndarId = await t.communeId('ndar-toute');
  const waste = await categoryId('waste');
  const conduct = await categoryId('staff-conduct');
  filed.phone = await fileComplaint(null, { category: waste, description: 'Ordures au carrefour de la poste.', neighbourhood: 'Pikine', name: reporters.phone.name, contact: reporters.phone.contact, latitude: '16.02871', longitude: '-16.48712' });
  filed.email = await fileComplaint(null, { category: await categoryId('roads'), description: 'Trou dans la chaussée rue 12.', neighbourhood: 'Sor', name: reporters.email.name, contact: reporters.email.contact });
  filed.private = await fileComplaint(null, { category: waste, description: 'Dépôt sauvage derrière chez moi.', neighbourhood: 'Sor', name: reporters.private.name, contact: reporters.private.contact, private: 'on' });
  filed.sensitive = await fileComplaint(null, { category: conduct, description: 'Un agent a exigé un paiement non prévu.', name: reporters.sensitive.name, contact: reporters.sensitive.contact });
  filed.account = await fileComplaint('ndar-toute:citizen', { category: await categoryId('lighting'), description: 'Lampadaire cassé devant l’école.', neighbourhood: 'Pikine' });

  for (const key of ['phone', 'email', 'private', 'account']) {
    await moveThrough(filed[key]!.reference, [['acknowledged', 'Nous avons bien reçu votre signalement.'], ['in_progress', null]], 'ndar-toute:staff');
    const reply = await t.request(null, 'POST', `/ndar-toute/requests/${filed[key]!.reference}/reply`, { body: 'Merci, voici une précision.', code: filed[key]!.code });
    expect(reply.statusCode).toBe(303);
    const row = (await findByReference(t.services.db, ndarId, filed[key]!.reference))!;
    await addMessage(t.services.db, row, { author: 'commune', actorUserId: t.users.get('ndar-toute:staff')!, body: 'Une équipe passera jeudi.', isPublic: true });
  }
  await moveThrough(filed.phone!.reference, [['resolved', 'Le carrefour est nettoyé.']], 'ndar-toute:staff');
  await moveThrough(filed.email!.reference, [['rejected', 'Cette rue relève de la région.']], 'ndar-toute:staff');
  await moveThrough(filed.sensitive!.reference, [['acknowledged', 'Votre signalement est entre les mains de l’administratrice.'], ['resolved', 'Des mesures ont été prises.']], 'ndar-toute:admin');
});
afterAll(() => t.close());

describe('the reporter’s identity is never public', () => {
  it('is kept: staff see it (the test strings really are in the database)', async () => {
    const row = (await findByReference(t.services.db, ndarId, filed.phone!.reference))!;
    expect([row.reporter_name, row.reporter_phone]).toEqual([reporters.phone.name, '+221774319826']);
    const staffView = await t.request('ndar-toute:admin', 'GET', `/ndar-toute/requests/${filed.sensitive!.reference}`);
    expect(staffView.statusCode).toBe(200);
  });

  it('is in none of the public request pages; private and sensitive ones are not found', async () => {
    for (const key of ['phone', 'email', 'account']) {
      const page = await t.request(null, 'GET', `/ndar-toute/requests/${filed[key]!.reference}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Une équipe passera jeudi.');
      expectNoSecret(`the public page of ${key}`, page.body);
    }
    for (const key of ['private', 'sensitive']) {
      const page = await t.request(null, 'GET', `/ndar-toute/requests/${filed[key]!.reference}`);
      expect(page.statusCode).toBe(404);
      expectNoSecret(`the not-found page of ${key}`, page.body);
    }
  });

  it('is in none of the public lists', async () => {
    for (const query of ['', '?status=open', '?status=closed', '?category=waste', '?neighbourhood=Sor', '?page=2']) {
      const list = await t.request(null, 'GET', `/ndar-toute/requests${query}`);
      expect(list.statusCode).toBe(200);
      expectNoSecret(`the list ${query}`, list.body);
      expect(list.body).not.toContain(filed.private!.reference);
      expect(list.body).not.toContain(filed.sensitive!.reference);
    }
    expect((await t.request(null, 'GET', '/ndar-toute/requests')).body).toContain(filed.phone!.reference);
  });

  it('is not on the statistics page, which counts the private and sensitive complaints but never lists them', async () => {
    for (const period of statisticsPeriods) {
      const page = await t.request(null, 'GET', `/ndar-toute/requests/statistics?period=${period}`);
      expect(page.statusCode).toBe(200);
      expectNoSecret(`the statistics (${period})`, page.body);
      for (const f of Object.values(filed)) expect(page.body).not.toContain(f.reference);
      expect(page.body).not.toContain('Un agent a exigé');
    }
    expect((await t.request(null, 'GET', '/ndar-toute/requests/statistics')).body).toContain('Comportement d’un agent ou corruption');
  });

  it('is in no export row, nor is the description or the position; private and sensitive complaints are left out', async () => {
    for (const dataset of requestsExports) {
      const rows = await dataset.rows(t.services.db, ndarId);
      const text = JSON.stringify(rows);
      expectNoSecret(`the export ${dataset.id}`, text);
      for (const leak of ['Ordures au carrefour', 'Merci, voici une précision', 'Une équipe passera jeudi', '16.02871', '-16.48712', 'reporter', 'latitude', 'description', 'photo']) {
        expect(text.includes(leak), `"${leak}" in the export ${dataset.id}`).toBe(false);
      }
    }
    const complaints = JSON.stringify(await requestsExports.find((e) => e.id === 'requests-complaints')!.rows(t.services.db, ndarId));
    expect(complaints).toContain(filed.phone!.reference);
    expect(complaints).toContain(filed.account!.reference);
    expect(complaints).not.toContain(filed.private!.reference);
    expect(complaints).not.toContain(filed.sensitive!.reference);
  });

  it('is in no Open311 answer, JSON or XML, and private and sensitive complaints are absent', async () => {
    const urls = ['requests', `requests/${filed.phone!.reference}`, `requests/${filed.account!.reference}`, `requests?service_request_id=${Object.values(filed).map((f) => f.reference).join(',')}`, 'services', 'discovery'];
    for (const url of urls) {
      for (const format of ['json', 'xml']) {
        const [path, query] = url.split('?');
        const response = await t.request(null, 'GET', `/ndar-toute/open311/v2/${path}.${format}${query ? `?${query}` : ''}`);
        expect(response.statusCode, `${url}.${format}`).toBe(200);
        expectNoSecret(`Open311 ${url}.${format}`, response.body);
        expect(response.body).not.toContain(filed.private!.reference);
        expect(response.body).not.toContain(filed.sensitive!.reference);
      }
    }
    expect((await t.request(null, 'GET', '/ndar-toute/open311/v2/requests.json')).body).toContain(filed.phone!.reference);
    expect((await t.request(null, 'GET', `/ndar-toute/open311/v2/requests/${filed.private!.reference}.json`)).statusCode).toBe(404);
    expect((await t.request(null, 'GET', `/ndar-toute/open311/v2/requests/${filed.sensitive!.reference}.xml`)).statusCode).toBe(404);
  });
});
