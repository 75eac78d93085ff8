import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postMultipart } from '../../../test-support/multipart.js';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { dayFrom } from './state.js';
import { callsDb } from './tables.js';
import { ageBand, callStatistics } from './statistics.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const applicant = 'programme:applicant';
const apply = '/network/programme/calls/volontaires-2/apply';
const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1');
const db = () => callsDb(t.services.db);
const callId = async (slug: string) => (await db().selectFrom('programme_calls').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
const applicationOf = async (key: string, slug: string) => db().selectFrom('programme_applications').selectAll().where('applicant_user_id', '=', t.users.get(key)!).where('call_id', '=', await callId(slug)).executeTakeFirst();

/** Every answer of the volunteers' form, valid. */
const complete = {
  applicant_name: 'Ndèye Faye',
  contact: '+221770000091',
  country: 'SN',
  gender: 'female',
  birth_year: '1999',
  f_expertise: 'Animation communautaire et budgets participatifs.',
  f_available: 'yes',
  f_passport_valid: 'yes',
  f_open_data: 'some',
  f_trainer: 'no',
  f_local_governance: 'strong',
  f_civic_tech: 'none',
  f_motivation: 'Accompagner une commune du réseau.',
};

describe('applying online', () => {
  it('shows the draft to continue on the call page, and keeps even invalid values of a saved draft with their errors', async () => {
    expect((await t.request(applicant, 'GET', '/network/programme/calls/volontaires-2')).body).toContain('Continuer ma candidature');
    expect((await t.request('programme:reviewer', 'GET', '/network/programme/calls/volontaires-2')).body).toContain('Candidater');
    const saved = await t.request(applicant, 'POST', apply, { action: 'draft', applicant_name: 'Ndèye Faye', birth_year: '99', f_expertise: '<script>alert(1)</script>', f_open_data: 'hacked' });
    expect(saved.statusCode).toBe(303);
    const page = await t.request(applicant, 'GET', apply);
    expect(page.body).toContain('value="99"');
    expect(page.body).toContain('Saisissez une année sur quatre chiffres');
    expect(page.body).toContain('&lt;script>alert(1)&lt;/script>');
    expect(page.body).not.toContain('<script>alert(1)');
    const draft = await applicationOf(applicant, 'volontaires-2');
    expect(draft?.status).toBe('draft');
    expect(draft?.birth_year).toBeNull();
    expect(draft?.answers).toEqual({ expertise: '<script>alert(1)</script>' });
  });

  it('refuses a submission with a required field missing, with a message per field, and keeps the draft', async () => {
    const { f_motivation: _left, ...missing } = complete;
    const refused = await t.request(applicant, 'POST', apply, { ...missing, action: 'submit', _idempotency: 'refused-0001' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('class="error-summary"');
    expect(refused.body).toContain('href="#f_motivation"');
    expect(refused.body).toContain('Ce champ est obligatoire.');
    const draft = await applicationOf(applicant, 'volontaires-2');
    expect(draft?.status).toBe('draft');
    expect(draft?.answers.expertise).toBe(complete.f_expertise);
    expect(draft?.birth_year).toBe(1999);
  });

  it('submits once per idempotency key, with a PRG reference, a confirmation, and then read-only', async () => {
    const form = { ...complete, action: 'submit', _idempotency: 'submit-key-0001' };
    const first = await t.request(applicant, 'POST', apply, form);
    const replay = await t.request(applicant, 'POST', apply, form);
    expect(first.statusCode).toBe(303);
    expect(replay.statusCode).toBe(303);
    expect(replay.headers.location).toBe(first.headers.location);
    const rows = await db().selectFrom('programme_applications').selectAll().where('applicant_user_id', '=', t.users.get(applicant)!).execute();
    expect(rows).toHaveLength(1);
    const [application] = rows;
    expect(application!.status).toBe('submitted');
    expect(application!.reference).toMatch(/^PRG-\d{4}-\d{4}$/);
    const confirmation = await t.request(applicant, 'GET', String(first.headers.location));
    expect(confirmation.body).toContain(application!.reference!);
    expect(confirmation.body).toContain('Envoyée, en cours d’examen');
    expect((await t.request(applicant, 'GET', apply)).headers.location).toBe(`/network/programme/applications/${application!.id}`);
    const mine = await t.request(applicant, 'GET', '/network/programme/applications');
    expect(mine.body).toContain(application!.reference!);
    expect(mine.body).toContain('Voir ma candidature');
    // Another person cannot read it; its owner cannot change it any more.
    expect((await t.request('programme:volunteer', 'GET', `/network/programme/applications/${application!.id}`)).statusCode).toBe(404);
    await t.request(applicant, 'POST', apply, { ...complete, f_motivation: 'changed', action: 'draft' });
    expect((await applicationOf(applicant, 'volontaires-2'))?.answers.motivation).toBe(complete.f_motivation);
  });

  it('lets the applicant withdraw until a decision, and only their own application', async () => {
    const application = (await applicationOf(applicant, 'volontaires-2'))!;
    expect((await t.request('programme:volunteer', 'POST', `/network/programme/applications/${application.id}/withdraw`, {})).statusCode).toBe(404);
    expect((await t.request(applicant, 'POST', `/network/programme/applications/${application.id}/withdraw`, {})).statusCode).toBe(303);
    expect((await applicationOf(applicant, 'volontaires-2'))?.status).toBe('withdrawn');
    expect((await t.request(applicant, 'POST', `/network/programme/applications/${application.id}/withdraw`, {})).statusCode).toBe(409);
  });

  it('refuses applications outside the call’s dates and keeps the draft as it was', async () => {
    const id = await callId('communes-2');
    await db().updateTable('programme_calls').set({ opens_on: dayFrom(new Date(), -30), closes_on: dayFrom(new Date(), -1) }).where('id', '=', id).execute();
    try {
      const closed = await t.request('programme:volunteer', 'POST', '/network/programme/calls/communes-2/apply', { applicant_name: 'Commune test', action: 'draft' });
      expect(closed.statusCode).toBe(422);
      expect(closed.body).toContain('Cet appel est clos');
      expect(closed.body).toContain('value="Commune test"');
      expect(await applicationOf('programme:volunteer', 'communes-2')).toBeUndefined();
    } finally {
      await db().updateTable('programme_calls').set({ opens_on: dayFrom(new Date(), -20), closes_on: dayFrom(new Date(), 19) }).where('id', '=', id).execute();
    }
  });

  it('lets a commune administrator apply in the name of their commune only', async () => {
    const url = '/network/programme/calls/communes-2/apply';
    const page = await t.request('ndar-toute:admin', 'GET', url);
    expect(page.body).toContain('name="commune_id"');
    const communeId = await t.communeId('ndar-toute');
    const other = await t.communeId('tiznit-el-jadida');
    await t.request('ndar-toute:admin', 'POST', url, { action: 'draft', commune_id: other });
    expect((await applicationOf('ndar-toute:admin', 'communes-2'))?.commune_id).toBeNull();
    await t.request('ndar-toute:admin', 'POST', url, { action: 'draft', commune_id: communeId, contact: 'mairie@ndar.example' });
    const draft = await applicationOf('ndar-toute:admin', 'communes-2');
    expect(draft?.commune_id).toBe(communeId);
    expect(draft?.country).toBe('SN');
    // Tiznit El Jadida's administrator cannot take Ndar Toute's place, and an already used commune is refused, draft kept.
    const tiznit = await t.request('tiznit-el-jadida:admin', 'POST', url, { action: 'draft', commune_id: communeId, applicant_name: 'Tiznit' });
    expect(tiznit.statusCode).toBe(303);
    expect((await applicationOf('tiznit-el-jadida:admin', 'communes-2'))?.commune_id).toBeNull();
    // A second administrator of Ndar Toute: the commune already has an application, so it is refused, the draft kept.
    await t.services.db.insertInto('role_grants').values({ commune_id: communeId, user_id: t.users.get('programme:volunteer')!, role: 'admin' }).execute();
    const second = await t.request('programme:volunteer', 'POST', url, { action: 'draft', commune_id: communeId, contact: 'second@ndar.example' });
    expect(second.statusCode).toBe(422);
    expect(second.body).toContain('Cette commune a déjà une candidature à cet appel.');
    const kept = await applicationOf('programme:volunteer', 'communes-2');
    expect([kept?.commune_id, kept?.contact]).toEqual([null, 'second@ndar.example']);
  });
});

describe('private files of applications', () => {
  it('stores a PDF checked by its bytes, serves it to its applicant and the team only, never cached', async () => {
    const url = '/network/programme/calls/volontaires-2/apply';
    const fake = await postMultipart(t, 'programme:volunteer2', url, { action: 'draft', applicant_name: 'Aïssatou Ba' }, { f_cv: { content: Buffer.from('<html>no</html>'), filename: 'cv.pdf', type: 'application/pdf' } });
    expect(fake.statusCode).toBe(422);
    expect(fake.body).toContain('Seuls les fichiers PDF, JPEG ou PNG sont acceptés.');
    await postMultipart(t, 'programme:volunteer2', url, { action: 'draft', applicant_name: 'Aïssatou Ba' }, { f_cv: { content: pdf, filename: 'cv.pdf', type: 'application/pdf' } });
    const draft = (await applicationOf('programme:volunteer2', 'volontaires-2'))!;
    const answer = draft.answers.cv as { fileId: string; filename: string };
    expect(answer.filename).toBe('cv.pdf');
    const stored = await db().selectFrom('programme_files').selectAll().where('id', '=', answer.fileId).executeTakeFirstOrThrow();
    expect(stored.sha256).toMatch(/^[0-9a-f]{64}$/);
    const path = `/network/programme/files/${answer.fileId}`;
    const own = await t.request('programme:volunteer2', 'GET', path);
    expect(own.statusCode).toBe(200);
    expect(own.headers['cache-control']).toContain('no-store');
    expect((await t.request('programme:reviewer', 'GET', path)).statusCode).toBe(200);
    expect((await t.request('programme:applicant', 'GET', path)).statusCode).toBe(404);
    expect((await t.request('ndar-toute:admin', 'GET', path)).statusCode).toBe(404);
    expect((await t.request(null, 'GET', path)).statusCode).toBe(404);
  });
});

describe('public statistics of a call', () => {
  it('counts submitted applications only, by country, gender and age band, hiding counts below 3 except totals', async () => {
    const call = await db().selectFrom('programme_calls').selectAll().where('slug', '=', 'volontaires-1').executeTakeFirstOrThrow();
    const stats = await callStatistics(t.services.db, call);
    // Cohort 1: two selected (MA, SN) and two rejected (BJ, NE) volunteers.
    expect([stats.submitted, stats.shortlisted, stats.selected]).toEqual([4, 2, 2]);
    expect(stats.byCountry).toEqual([['BJ', { fewerThan: 3 }], ['MA', { fewerThan: 3 }], ['NE', { fewerThan: 3 }], ['SN', { fewerThan: 3 }]]);
    expect(stats.byGender).toContainEqual(['female', { fewerThan: 3 }]);
    const page = await t.request(null, 'GET', '/network/programme/calls/volontaires-1/statistics');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<svg');
    expect(page.body).toContain('moins de 3');
    const csv = await t.request(null, 'GET', '/network/programme/calls/volontaires-1/statistics.csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('total,submitted,4');
    expect(csv.body).toContain('country,MA,<3');
  });

  it('shows exact counts from 3 on, and never counts drafts', async () => {
    const call = await db().selectFrom('programme_calls').selectAll().where('slug', '=', 'communes-1').executeTakeFirstOrThrow();
    const base = { call_id: call.id, applicant_name: 'Commune', country: 'CI', status: 'submitted' as const, submitted_at: new Date() };
    await db().insertInto('programme_applications').values([1, 2, 3].map((n) => ({ ...base, reference: `PRG-1999-000${n}` }))).execute();
    await db().insertInto('programme_applications').values({ ...base, status: 'draft', submitted_at: null }).execute();
    const stats = await callStatistics(t.services.db, call);
    expect(stats.byCountry).toContainEqual(['CI', { exact: 3 }]);
    expect(stats.submitted).toBe(5);
    expect(stats.byGender).toEqual([]);
  });

  it('puts birth years in age bands at the call’s closing date', () => {
    expect(ageBand(2002, '2026-12-31')).toBe('under_25');
    expect(ageBand(2001, '2026-12-31')).toBe('25_34');
    expect(ageBand(1982, '2026-06-01')).toBe('35_44');
    expect(ageBand(1981, '2026-06-01')).toBe('45_plus');
    expect(ageBand(null, '2026-06-01')).toBe('unknown');
  });
});
