import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileStrings } from '../../../test-support/hostile-strings.js';
import { inertnessProblems, visibleText } from '../../../test-support/inert-html.js';
import { postMultipart } from '../../../test-support/multipart.js';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { councilData } from '../../commune/index.js';
import { scoped } from './queries.js';

let t: TestApp;
let ndar: string;
let tiznit: string;
let sessionId: string;
let councillors: string[];
const staff = 'ndar-toute:staff';
const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1');

const decisionFields = (overrides: Record<string, string> = {}) => ({
  session_id: sessionId,
  number: '2026-100',
  decision_date: '2026-11-02',
  category: 'urban_planning',
  status: 'adopted',
  subject_fr: 'Plan d’alignement de la rue Blaise Diagne',
  text_fr: 'Le conseil approuve le plan d’alignement.',
  members_in_office: '45',
  present: '40',
  votes_for: '35',
  votes_against: '3',
  abstentions: '2',
  ...overrides,
});

async function decisionByNumber(number: string, communeId = ndar) {
  return scoped(t.services.db, communeId).selectFrom('council_decisions').selectAll().where('number', '=', number).executeTakeFirst();
}

async function auditActions(communeId: string) {
  return t.services.db.selectFrom('audit_log').select(['action', 'resource_id']).where('commune_id', '=', communeId).execute();
}

beforeAll(async () => {
  t = await createTestApp();
  ndar = await t.communeId('ndar-toute');
  tiznit = await t.communeId('tiznit-el-jadida');
  const session = await scoped(t.services.db, ndar).selectFrom('council_sessions').select('id').executeTakeFirstOrThrow();
  sessionId = session.id;
  councillors = (await councilData(t.services.db, ndar)).persons.map((p) => p.id);
});
afterAll(() => t.close());

describe('council decisions in public', () => {
  it('lists the demo decisions and searches by text, category, year and status', async () => {
    const all = await t.request(null, 'GET', '/ndar-toute/council-decisions');
    expect(all.statusCode).toBe(200);
    for (const number of ['2026-041', '2026-042', '2026-043']) expect(all.body).toContain(number);
    const byText = await t.request(null, 'GET', '/ndar-toute/council-decisions?q=caniveaux');
    expect(byText.body).toContain('2026-042');
    expect(byText.body).not.toContain('2026-041');
    const byCategory = await t.request(null, 'GET', '/ndar-toute/council-decisions?category=property');
    expect(byCategory.body).toContain('2026-043');
    expect(byCategory.body).not.toContain('2026-042');
    expect((await t.request(null, 'GET', '/ndar-toute/council-decisions?status=rejected')).body).not.toContain('2026-041');
    expect((await t.request(null, 'GET', '/ndar-toute/council-decisions?year=2019')).body).not.toContain('2026-041');
    expect((await t.request(null, 'GET', '/ndar-toute/council-decisions?page=2')).body).not.toContain('2026-041');
  });

  it('shows a decision with its vote as a chart and a table, and each councillor’s vote linking to their page', async () => {
    const decision = await decisionByNumber('2026-042');
    const page = await t.request(null, 'GET', `/ndar-toute/council-decisions/${decision!.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<svg');
    expect(page.body).toContain('class="data vote-counts"');
    for (const id of councillors) expect(page.body).toContain(`href="/ndar-toute/council/${id}"`);
  });

  it('hides another commune’s decision behind its own address', async () => {
    const decision = await decisionByNumber('2026-041');
    expect((await t.request(null, 'GET', `/tiznit-el-jadida/council-decisions/${decision!.id}`)).statusCode).toBe(404);
    expect((await t.request(null, 'GET', `/tiznit-el-jadida/council-decisions/${decision!.id}/vote.json`)).statusCode).toBe(404);
    expect((await t.request(null, 'GET', '/tiznit-el-jadida/council-decisions')).body).not.toContain('2026-041');
  });
});

describe('council decisions back-office', () => {
  it('refuses visitors, citizens and other communes’ staff', async () => {
    expect((await t.request('ndar-toute:citizen', 'GET', '/ndar-toute/admin/council-decisions')).statusCode).toBe(403);
    expect((await t.request(null, 'GET', '/ndar-toute/admin/council-decisions')).statusCode).not.toBe(200);
    expect((await t.request('tiznit-el-jadida:staff', 'GET', '/ndar-toute/admin/council-decisions')).statusCode).toBe(403);
    expect((await postMultipart(t, 'tiznit-el-jadida:staff', '/ndar-toute/admin/council-decisions', decisionFields({ number: 'X-1' }))).statusCode).toBe(403);
  });

  it('refuses a form without its CSRF token', async () => {
    expect((await postMultipart(t, staff, '/ndar-toute/admin/council-decisions', decisionFields({ number: 'CSRF-1' }), {}, { csrf: false })).statusCode).toBe(403);
    expect(await decisionByNumber('CSRF-1')).toBeUndefined();
  });

  it('creates a session, records a decision with its PDF and votes, keeps it private until published, and audits each step', async () => {
    const session = await t.request(staff, 'POST', '/ndar-toute/admin/council-decisions/sessions', { session_date: '2026-11-02', title_fr: 'Session extraordinaire', place: 'Hôtel de ville' });
    expect(session.statusCode).toBe(303);
    const created = await scoped(t.services.db, ndar).selectFrom('council_sessions').selectAll().where('place', '=', 'Hôtel de ville').executeTakeFirstOrThrow();
    const votes = Object.fromEntries(councillors.map((id, index) => [`vote_${id}`, index === 0 ? 'no' : 'yes']));
    const fields = decisionFields({ session_id: created.id, number: '2026-101', present: String(councillors.length), members_in_office: '45', votes_for: String(councillors.length - 1), votes_against: '1', abstentions: '0', ...votes });
    const response = await postMultipart(t, staff, '/ndar-toute/admin/council-decisions', fields, { pdf: { content: pdf, filename: 'delib.pdf', type: 'application/pdf' } });
    expect(response.statusCode).toBe(303);
    const decision = await decisionByNumber('2026-101');
    expect(decision).toMatchObject({ year: 2026, votes_for: councillors.length - 1, published_at: null });
    expect(decision!.pdf_file_id).toBeTruthy();
    const stored = await scoped(t.services.db, ndar).selectFrom('council_decision_votes').selectAll().where('decision_id', '=', decision!.id).execute();
    expect(stored).toHaveLength(councillors.length);

    expect((await t.request(null, 'GET', `/ndar-toute/council-decisions/${decision!.id}`)).statusCode).toBe(404);
    expect((await t.request(null, 'GET', `/ndar-toute/council-decisions/${decision!.id}/vote.json`)).statusCode).toBe(404);
    expect((await t.request(null, 'GET', '/ndar-toute/council-decisions')).body).not.toContain('2026-101');
    expect((await t.request(null, 'GET', '/ndar-toute/council-decisions.csv')).body).not.toContain('2026-101');
    expect((await t.request(staff, 'GET', '/ndar-toute/admin/council-decisions')).body).toContain('2026-101');

    expect((await t.request('tiznit-el-jadida:staff', 'POST', `/tiznit-el-jadida/admin/council-decisions/${decision!.id}/publish`, {})).statusCode).toBe(404);
    expect((await t.request(staff, 'POST', `/ndar-toute/admin/council-decisions/${decision!.id}/publish`, {})).statusCode).toBe(303);
    expect((await t.request(null, 'GET', `/ndar-toute/council-decisions/${decision!.id}`)).body).toContain('Plan d’alignement');
    // The signed PDF is now in the commune's tamper-evident record: anyone holding it can check it was published.
    const check = await postMultipart(t, 'ndar-toute:citizen', '/ndar-toute/ledger/check', {}, { file: { content: pdf, filename: 'delib.pdf', type: 'application/pdf' } });
    expect(check.body).toContain('Délibération 2026-101');
    expect(await auditActions(ndar)).toEqual(
      expect.arrayContaining([
        { action: 'council_session.created', resource_id: created.id },
        { action: 'council_decision.created', resource_id: decision!.id },
        { action: 'council_decision.published', resource_id: decision!.id },
      ]),
    );
  });

  it('re-displays the session form on a missing title, and refuses another commune’s meeting', async () => {
    const missing = await t.request(staff, 'POST', '/ndar-toute/admin/council-decisions/sessions', { session_date: '2026-11-20', title_fr: '', place: 'Salle gardée' });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('value="Salle gardée"');
    const foreignMeeting = await t.services.db.withTables<{ council_meetings: { id: string; commune_id: string } }>().selectFrom('council_meetings').select('id').where('commune_id', '=', tiznit).executeTakeFirstOrThrow();
    const refused = await t.request(staff, 'POST', '/ndar-toute/admin/council-decisions/sessions', { session_date: '2026-11-20', title_fr: 'Séance', meeting_id: foreignMeeting.id });
    expect(refused.statusCode).toBe(422);
  });

  it('edits a decision from its stored values and audits the change', async () => {
    await postMultipart(t, staff, '/ndar-toute/admin/council-decisions', decisionFields({ number: '2026-102' }));
    const decision = await decisionByNumber('2026-102');
    const form = await t.request(staff, 'GET', `/ndar-toute/admin/council-decisions/${decision!.id}/edit`);
    expect(form.body).toContain('value="2026-102"');
    const response = await postMultipart(t, staff, `/ndar-toute/admin/council-decisions/${decision!.id}`, decisionFields({ number: '2026-102', status: 'withdrawn' }));
    expect(response.statusCode).toBe(303);
    expect((await decisionByNumber('2026-102'))?.status).toBe('withdrawn');
    expect(await auditActions(ndar)).toContainEqual({ action: 'council_decision.updated', resource_id: decision!.id });
  });

  it('re-displays the form with the error and what was typed when the subject is missing', async () => {
    const response = await postMultipart(t, staff, '/ndar-toute/admin/council-decisions', decisionFields({ number: '2026-103', subject_fr: '', text_fr: 'Texte gardé tel quel' }));
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('class="error-summary"');
    expect(response.body).toContain('value="2026-103"');
    expect(response.body).toContain('Texte gardé tel quel');
    expect(await decisionByNumber('2026-103')).toBeUndefined();
  });

  it('requires the French text or a PDF, and refuses a number already used that year', async () => {
    const noText = await postMultipart(t, staff, '/ndar-toute/admin/council-decisions', decisionFields({ number: '2026-104', text_fr: '' }));
    expect(noText.statusCode).toBe(422);
    expect(noText.body).toContain('Saisissez le texte en français ou joignez le PDF.');
    const taken = await postMultipart(t, staff, '/ndar-toute/admin/council-decisions', decisionFields({ number: '2026-041', decision_date: '2026-12-01' }));
    expect(taken.statusCode).toBe(422);
    expect(taken.body).toContain('Ce numéro est déjà utilisé cette année.');
    // The same number in another year is a different decision.
    expect((await postMultipart(t, staff, '/ndar-toute/admin/council-decisions', decisionFields({ number: '2026-041', decision_date: '2027-01-10' }))).statusCode).toBe(303);
  });

  it('refuses per-councillor votes that contradict the counts, and counts beyond those present', async () => {
    const votes = Object.fromEntries(councillors.map((id) => [`vote_${id}`, 'yes']));
    const mismatch = await postMultipart(t, staff, '/ndar-toute/admin/council-decisions', decisionFields({ number: '2026-105', votes_for: '1', votes_against: '0', abstentions: '0', ...votes }));
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.body).toContain('Les votes des conseillers ne correspondent pas aux décomptes');
    expect(mismatch.body).toContain(`<option value="yes" selected`);
    const tooMany = await postMultipart(t, staff, '/ndar-toute/admin/council-decisions', decisionFields({ number: '2026-106', present: '10' }));
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.body).toContain('Les votes exprimés dépassent le nombre de présents.');
    expect(await decisionByNumber('2026-105')).toBeUndefined();
    expect(await decisionByNumber('2026-106')).toBeUndefined();
  });

  it('ignores votes for another commune’s councillors and refuses another commune’s session', async () => {
    const foreignPerson = (await councilData(t.services.db, tiznit)).persons[0]!.id;
    const foreignSession = await scoped(t.services.db, tiznit).insertInto('council_sessions', { session_date: '2026-01-01', title: JSON.stringify({ fr: 'Autre' }), place: '' }).returning('id').executeTakeFirstOrThrow();
    const refused = await postMultipart(t, staff, '/ndar-toute/admin/council-decisions', decisionFields({ number: '2026-107', session_id: foreignSession.id }));
    expect(refused.statusCode).toBe(422);
    const accepted = await postMultipart(t, staff, '/ndar-toute/admin/council-decisions', decisionFields({ number: '2026-108', [`vote_${foreignPerson}`]: 'yes' }));
    expect(accepted.statusCode).toBe(303);
    const decision = await decisionByNumber('2026-108');
    const stored = await t.services.db.withTables<{ council_decision_votes: { decision_id: string } }>().selectFrom('council_decision_votes').selectAll().where('decision_id', '=', decision!.id).execute();
    expect(stored).toHaveLength(0);
  });

  it('shows hostile strings as inert text on the public and back-office pages', async () => {
    for (const [index, hostile] of hostileStrings.entries()) {
      const number = `H-${index}`;
      const response = await postMultipart(t, staff, '/ndar-toute/admin/council-decisions', decisionFields({ number, subject_fr: hostile.value.slice(0, 500), text_fr: hostile.value }));
      expect(response.statusCode, hostile.name).toBe(303);
      const decision = await decisionByNumber(number);
      await t.request(staff, 'POST', `/ndar-toute/admin/council-decisions/${decision!.id}/publish`, {});
      for (const [key, url] of [[null, `/ndar-toute/council-decisions/${decision!.id}`], [staff, '/ndar-toute/admin/council-decisions'], [staff, `/ndar-toute/admin/council-decisions/${decision!.id}/edit`]] as const) {
        const page = await t.request(key, 'GET', url);
        // The decision page draws one chart of its own: any other <svg> would have come from the typed text.
        const ownCharts = url.includes('/admin/') ? [] : ['<svg> element'];
        expect(inertnessProblems(page.body), `${hostile.name} on ${url}`).toEqual(ownCharts);
        expect(visibleText(page.body), `${hostile.name} on ${url}`).toContain(hostile.probe.slice(0, 80));
      }
    }
  });
});
