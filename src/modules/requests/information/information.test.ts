import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerTables } from '../../../platform/ledger/index.js';
import type { Commune } from '../../../platform/db/platform-tables.js';
import { postMultipart } from '../../../test-support/multipart.js';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { calendarOf } from '../deadlines/calendar.js';
import { dueDate } from '../deadlines/working-days.js';
import { informationDb, type InformationRequest } from '../db/information-tables.js';
import { answer, askClarification, fileInformationRequest, refuse, resumeClock } from './commands.js';
import { pausesOf } from './deadline.js';
import { recordReleasedInformation } from './release-record.js';
import { informationStatistics } from './statistics.js';

let t: TestApp;
let ndar: Commune;
let tiznit: Commune;

const communeBySlug = (slug: string) => t.services.db.selectFrom('communes').selectAll().where('slug', '=', slug).executeTakeFirstOrThrow();
const byReference = (commune: Commune, reference: string) => informationDb(t.services.db).selectFrom('requests').selectAll().where('commune_id', '=', commune.id).where('reference', '=', reference).executeTakeFirstOrThrow() as Promise<InformationRequest>;
const reload = (request: InformationRequest) => informationDb(t.services.db).selectFrom('requests').selectAll().where('id', '=', request.id).executeTakeFirstOrThrow() as Promise<InformationRequest>;
const referenceIn = (html: string) => /(AI-\d{4}-\d{5})/.exec(html)?.[1];
const codeIn = (html: string) => /Code de suivi : ([A-Z0-9]{8})/.exec(html)?.[1];
const pdf = (text: string) => ({ content: Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`), filename: `${text}.pdf`, type: 'application/pdf' });
const reporter = { userId: null, name: 'Awa Secretname', phone: '+221770009988', email: null, locale: 'fr' };
const countInformation = async () => Number((await informationDb(t.services.db).selectFrom('requests').select((eb) => eb.fn.countAll().as('n')).where('kind', '=', 'information').executeTakeFirstOrThrow()).n);
const auditCount = async (action: string) => Number((await t.services.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).where('action', '=', action).executeTakeFirstOrThrow()).n);

/** Files through the public form, without an account. */
async function fileByForm(slug: string, form: Record<string, string> = {}) {
  const response = await t.request(null, 'POST', `/${slug}/requests/information/new`, { subject: 'Budget 2026', description: 'Je demande le budget primitif 2026 de la commune.', contact: '77 000 99 88', name: 'Awa Secretname', answer_form: 'paper', ...form });
  return { response, reference: referenceIn(response.body)!, code: codeIn(response.body)! };
}

/** Files through the command (the form is rate-limited per address, as in production). */
async function fileDirect(slug: 'ndar-toute' | 'tiznit-el-jadida', description = 'Je demande le budget primitif 2026 de la commune.') {
  const commune = slug === 'ndar-toute' ? ndar : tiznit;
  const { request, accessCode } = await fileInformationRequest(t.services.db, commune, { subject: 'Budget 2026', description, answerForm: 'paper', reporter });
  return { reference: request.reference, code: accessCode };
}

const french = { headers: { 'accept-language': 'fr' } };
const staffUrl = (slug: string, request: { id: string }, action = '') => `/${slug}/admin/requests/information/${request.id}${action ? `/${action}` : ''}`;

beforeAll(async () => {
  t = await createTestApp();
  ndar = await communeBySlug('ndar-toute');
  tiznit = await communeBySlug('tiznit-el-jadida');
});
afterAll(() => t.close());

describe('filing an access-to-information request', () => {
  it('refuses a request without a contact when not signed in, explaining why, and keeps the text', async () => {
    const before = await countInformation();
    const response = await t.request(null, 'POST', '/ndar-toute/requests/information/new', { subject: 'Marchés publics', description: 'La liste des marchés 2025.' });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('sans eux, personne ne peut recevoir la réponse');
    expect(response.body).toContain('La liste des marchés 2025.');
    expect(await countInformation()).toBe(before);
  });

  it('files it under the law of the commune: AI reference, tracking code, legal deadline, notification', async () => {
    const { response, reference, code } = await fileByForm('ndar-toute');
    expect(response.statusCode).toBe(201);
    expect(reference).toMatch(/^AI-\d{4}-\d{5}$/);
    expect(code).toBeTruthy();
    const row = await byReference(ndar, reference);
    expect(row).toMatchObject({ kind: 'information', status: 'submitted', law_country: 'SN', answer_form: 'paper', is_private: false, reporter_phone: '+221770009988' });
    expect(row.due_on).toBe(dueDate({ submittedOn: row.submitted_on, workingDays: 8, calendar: await calendarOf(t.services.db, ndar) }));
    const sms = await t.services.db.selectFrom('outbox_messages').selectAll().where('recipient', '=', '+221770009988').where('body', 'like', `%${reference}%`).executeTakeFirstOrThrow();
    expect(sms.body).toContain(code);
  });

  it('the public page shows the law, the deadline and the appeal body, never who asked', async () => {
    const { reference } = await fileByForm('ndar-toute');
    const page = await t.request(null, 'GET', `/ndar-toute/requests/${reference}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Loi n° 2025-15');
    expect(page.body).toContain('8 jours ouvrables');
    expect(page.body).toContain('CONAI');
    expect(page.body).toContain('La commune doit répondre au plus tard le');
    expect(page.body).toContain('un habitant');
    for (const secret of ['Awa Secretname', '77 000 99 88', '770009988']) expect(page.body).not.toContain(secret);
    const list = await t.request(null, 'GET', '/ndar-toute/requests/information');
    expect(list.body).toContain(reference);
    expect(list.body).toContain('Faire une demande');
    expect(list.body).not.toContain('Awa Secretname');
  });

  it('works without JavaScript: plain forms that post, with their CSRF field', async () => {
    const form = await t.request(null, 'GET', '/ndar-toute/requests/information/new');
    expect(form.body).toMatch(/<form method="post" action="\/ndar-toute\/requests\/information\/new"/);
    expect(form.body).toContain('name="_csrf"');
    expect(form.body).toContain('jamais publiée');
    expect(form.body).not.toContain('<script');
  });
});

describe('legal deadlines in working days', () => {
  const monday = new Date('2026-03-02T10:00:00Z');
  const input = { subject: 'Délibérations', description: 'Les délibérations du conseil de 2025.', answerForm: 'email' as const, reporter };

  it('Senegal answers within 8 working days, Morocco within 20', async () => {
    const senegal = (await fileInformationRequest(t.services.db, ndar, input, monday)).request;
    const morocco = (await fileInformationRequest(t.services.db, tiznit, input, monday)).request;
    expect(senegal.due_on).toBe('2026-03-12');
    expect(morocco.due_on).toBe(dueDate({ submittedOn: '2026-03-02', workingDays: 20, calendar: await calendarOf(t.services.db, tiznit) }));
    expect(morocco.due_on! >= '2026-03-30').toBe(true);
  });

  it('a clarification stops the clock, and its answer restarts it with the due date pushed back', async () => {
    const filed = (await fileInformationRequest(t.services.db, ndar, input, monday)).request;
    const paused = await askClarification(t.services.db, ndar, filed, { actorUserId: null, expected: 'submitted', message: 'Quelle année ?' }, new Date('2026-03-04T09:00:00Z'));
    expect(paused.status).toBe('clarification');
    expect(paused.due_on).toBeNull();
    const page = await t.request(null, 'GET', `/ndar-toute/requests/${filed.reference}`);
    expect(page.body).toContain('Délai suspendu depuis le');
    // Paused on Wednesday 4, answered Monday 9: Thursday 5, Friday 6 and Monday 9 do not count.
    const resumed = await resumeClock(t.services.db, ndar, paused, { actorUserId: null, expected: 'clarification', author: 'commune' }, new Date('2026-03-09T09:00:00Z'));
    expect(resumed.status).toBe('acknowledged');
    expect(resumed.due_on).toBe('2026-03-17');
    expect(await pausesOf(t.services.db, ndar.id, filed.id)).toMatchObject([{ starts_on: '2026-03-04', ends_on: '2026-03-09' }]);
  });

  it('the requester’s reply on the public page is the clarification: the clock runs again', async () => {
    const { reference, code } = await fileDirect('ndar-toute');
    const filed = await byReference(ndar, reference);
    const asked = await t.request('ndar-toute:staff', 'POST', staffUrl('ndar-toute', filed, 'clarify'), { expected: 'submitted', message: 'Précisez la période, svp.' });
    expect(asked.statusCode).toBe(303);
    expect((await reload(filed)).due_on).toBeNull();
    const replied = await t.request(null, 'POST', `/ndar-toute/requests/${reference}/reply`, { body: 'Toute l’année 2025.', code });
    expect(replied.statusCode).toBe(303);
    const after = await reload(filed);
    expect(after.status).toBe('acknowledged');
    expect(after.due_on).toBe(dueDate({ submittedOn: after.submitted_on, workingDays: 8, calendar: await calendarOf(t.services.db, ndar), pauses: (await pausesOf(t.services.db, ndar.id, filed.id)).map((p) => ({ from: p.starts_on, to: p.ends_on })) }));
    expect((await pausesOf(t.services.db, ndar.id, filed.id))[0]!.ends_on).not.toBeNull();
  });

  it('extends once, with a reason, up to the law’s maximum, and moves the deadline', async () => {
    const { reference } = await fileDirect('tiznit-el-jadida');
    const filed = await byReference(tiznit, reference);
    const tooLong = await t.request('tiznit-el-jadida:staff', 'POST', staffUrl('tiznit-el-jadida', filed, 'extend'), { expected: 'submitted', days: '25', reason: 'Archives au sous-sol' });
    expect(tooLong.statusCode).toBe(422);
    const noReason = await t.request('tiznit-el-jadida:staff', 'POST', staffUrl('tiznit-el-jadida', filed, 'extend'), { expected: 'submitted', days: '10', reason: '' });
    expect(noReason.statusCode).toBe(422);
    expect((await reload(filed)).status).toBe('submitted');
    const ok = await t.request('tiznit-el-jadida:staff', 'POST', staffUrl('tiznit-el-jadida', filed, 'extend'), { expected: 'submitted', days: '10', reason: 'Archives au sous-sol' });
    expect(ok.statusCode).toBe(303);
    const extended = await reload(filed);
    expect(extended).toMatchObject({ status: 'extended', extension_days: 10, extension_reason: 'Archives au sous-sol' });
    expect(extended.due_on).toBe(dueDate({ submittedOn: extended.submitted_on, workingDays: 30, calendar: await calendarOf(t.services.db, tiznit) }));
    const again = await t.request('tiznit-el-jadida:staff', 'POST', staffUrl('tiznit-el-jadida', filed, 'extend'), { expected: 'extended', days: '5', reason: 'Encore' });
    expect(again.statusCode).toBe(409);
    const page = await t.request(null, 'GET', `/tiznit-el-jadida/requests/${reference}`, undefined, french);
    expect(page.body).toContain('Archives au sous-sol');
    expect(await auditCount('request.information.extended')).toBeGreaterThan(0);
  });

  it('refuses acting on a stale page (optimistic conflict)', async () => {
    const { reference } = await fileDirect('ndar-toute');
    const filed = await byReference(ndar, reference);
    expect((await t.request('ndar-toute:staff', 'POST', staffUrl('ndar-toute', filed, 'acknowledge'), { expected: 'submitted' })).statusCode).toBe(303);
    expect((await t.request('ndar-toute:staff', 'POST', staffUrl('ndar-toute', filed, 'acknowledge'), { expected: 'submitted' })).statusCode).toBe(409);
  });
});

describe('refusal', () => {
  it('requires one of the grounds of the commune’s law, shows it with its citation and the appeal', async () => {
    const { reference } = await fileDirect('ndar-toute');
    const filed = await byReference(ndar, reference);
    // Economic policy is a ground in Morocco's law, not in Senegal's.
    const foreign = await t.request('ndar-toute:staff', 'POST', staffUrl('ndar-toute', filed, 'refuse'), { expected: 'submitted', ground: 'economic_policy', explanation: 'Non.' });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.body).toContain('Choisissez un des motifs de refus prévus par la loi.');
    expect((await reload(filed)).status).toBe('submitted');
    await expect(refuse(t.services.db, ndar, filed, { actorUserId: null, expected: 'submitted', ground: 'economic_policy', explanation: 'Non.' })).rejects.toThrow(/not a ground/);
    const ok = await t.request('ndar-toute:staff', 'POST', staffUrl('ndar-toute', filed, 'refuse'), { expected: 'submitted', ground: 'national_defence', explanation: 'Il s’agit d’un plan de défense.' });
    expect(ok.statusCode).toBe(303);
    expect(await reload(filed)).toMatchObject({ status: 'refused', refusal_ground: 'national_defence', is_open: false });
    const page = await t.request(null, 'GET', `/ndar-toute/requests/${reference}`);
    expect(page.body).toContain('Défense nationale');
    expect(page.body).toContain('art. 2');
    expect(page.body).toContain('Faire un recours');
    expect(await auditCount('request.information.refused')).toBe(1);
    const appealed = await t.request('ndar-toute:staff', 'POST', staffUrl('ndar-toute', filed, 'appeal'), { expected: 'refused' });
    expect(appealed.statusCode).toBe(303);
    expect((await reload(filed)).status).toBe('appealed');
  });
});

const releasedEntries = (reference: string) => (t.services.db as unknown as Kysely<LedgerTables>).selectFrom('ledger_entries').selectAll().where('kind', '=', 'information.released').where('title', 'like', `%${reference}%`).execute();

describe('redaction', () => {
  it('the public reads only the redacted text and document; the requester and staff the originals', async () => {
    const { reference, code } = await fileDirect('ndar-toute', 'Le PV où figure mon voisin Moussa Privé.');
    const filed = await byReference(ndar, reference);
    const answered = await postMultipart(t, 'ndar-toute:staff', staffUrl('ndar-toute', filed, 'answer'), { expected: 'submitted', scope: 'part', message: 'Voici le PV ; il cite M. Moussa Privé.', withheld: 'on' }, { document_1: pdf('original') });
    expect(answered.statusCode).toBe(303);
    const events = await informationDb(t.services.db).selectFrom('request_events').selectAll().where('request_id', '=', filed.id).orderBy('created_at').execute();
    const message = events.find((e) => e.kind === 'status' && e.status === 'answered_part')!;
    const document = events.find((e) => e.file_id !== null)!;
    expect(document.file_withheld).toBe(true);
    // Withheld and not yet redacted: the public gets no document at all.
    let page = await t.request(null, 'GET', `/ndar-toute/requests/${reference}`);
    expect(page.body).not.toContain(document.file_id!);
    expect(await releasedEntries(reference)).toEqual([]);
    expect((await postMultipart(t, 'ndar-toute:staff', staffUrl('ndar-toute', filed, 'redact'), { event: message.id, public_body: 'Voici le PV ; il cite M. [nom masqué].' })).statusCode).toBe(303);
    expect((await postMultipart(t, 'ndar-toute:staff', staffUrl('ndar-toute', filed, 'redact'), { event: document.id, withheld: 'on' }, { redacted_file: pdf('redacted') })).statusCode).toBe(303);
    expect((await t.request('ndar-toute:staff', 'POST', staffUrl('ndar-toute', filed, 'redact-description'), { public_description: 'Le PV où figure mon voisin [nom masqué].' })).statusCode).toBe(303);
    const redacted = await informationDb(t.services.db).selectFrom('request_events').selectAll().where('id', '=', document.id).executeTakeFirstOrThrow();
    page = await t.request(null, 'GET', `/ndar-toute/requests/${reference}`);
    expect(page.body).toContain('[nom masqué]');
    expect(page.body).not.toContain('Moussa Privé');
    expect(page.body).toContain(redacted.public_file_id!);
    expect(page.body).not.toContain(document.file_id!);
    // Only the released (redacted) copy enters the tamper-evident record, with the hash of the bytes served.
    const [entry, ...others] = await releasedEntries(reference);
    expect(others).toEqual([]);
    expect(entry!.url).toBe(`/files/${redacted.public_file_id}`);
    const served = await t.request(null, 'GET', entry!.url);
    expect(createHash('sha256').update(served.rawPayload).digest('hex')).toBe(entry!.content_sha256);
    const list = await t.request(null, 'GET', '/ndar-toute/requests/information');
    expect(list.body).not.toContain('Moussa Privé');
    const asRequester = await t.request(null, 'GET', `/ndar-toute/requests/${reference}?code=${code}`);
    expect(asRequester.body).toContain('Moussa Privé');
    expect(asRequester.body).toContain(document.file_id!);
    const asStaff = await t.request('ndar-toute:staff', 'GET', staffUrl('ndar-toute', filed));
    expect(asStaff.body).toContain('Moussa Privé');
    expect(asStaff.body).toContain('Awa Secretname');
    expect(await auditCount('request.information.redacted')).toBe(2);
  });

  it('a document released in full enters the tamper-evident record at once, and only once', async () => {
    const { reference } = await fileDirect('ndar-toute', 'Le budget primitif, s’il vous plaît.');
    const filed = await byReference(ndar, reference);
    expect((await postMultipart(t, 'ndar-toute:staff', staffUrl('ndar-toute', filed, 'answer'), { expected: 'submitted', scope: 'full', message: 'Le voici.' }, { document_1: pdf('budget') })).statusCode).toBe(303);
    const entries = await releasedEntries(reference);
    expect(entries.map((e) => e.title)).toEqual([`Demande ${reference} — document communiqué : budget.pdf`]);
    expect(await recordReleasedInformation(t.services.db, t.services.config)).toBe(0);
    expect(await releasedEntries(reference)).toHaveLength(1);
  });

  it('refuses a document that is neither a PDF nor an image, recording nothing', async () => {
    const { reference } = await fileDirect('ndar-toute');
    const filed = await byReference(ndar, reference);
    const response = await postMultipart(t, 'ndar-toute:staff', staffUrl('ndar-toute', filed, 'answer'), { expected: 'submitted', scope: 'full', message: 'Voici.' }, { document_1: { content: Buffer.from('just text'), filename: 'x.pdf', type: 'application/pdf' } });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('ni un PDF ni une image');
    expect((await reload(filed)).status).toBe('submitted');
  });
});

describe('commune closures', () => {
  it('adding or deleting one recomputes the deadlines of every open request, ATI and complaints', async () => {
    const { reference } = await fileDirect('ndar-toute');
    const ati = await byReference(ndar, reference);
    const complaint = await informationDb(t.services.db).selectFrom('requests').selectAll().where('commune_id', '=', ndar.id).where('kind', '=', 'complaint').where('is_open', '=', true).where('due_on', 'is not', null).orderBy('due_on', 'desc').executeTakeFirstOrThrow();
    const closed = await informationDb(t.services.db).selectFrom('requests').selectAll().where('commune_id', '=', ndar.id).where('is_open', '=', false).where('kind', '=', 'information').executeTakeFirstOrThrow();
    // A closure from the day after filing until after both deadlines: each deadline moves past it.
    const startsOn = ati.submitted_on > complaint.submitted_on ? complaint.submitted_on : ati.submitted_on;
    const end = new Date(`${startsOn}T00:00:00Z`);
    end.setUTCDate(end.getUTCDate() + 60);
    const endsOn = end.toISOString().slice(0, 10);
    expect((await t.request('ndar-toute:staff', 'POST', '/ndar-toute/admin/requests/closures', { starts_on: startsOn, ends_on: endsOn, reason: 'Grève' })).statusCode).toBe(403);
    const added = await t.request('ndar-toute:admin', 'POST', '/ndar-toute/admin/requests/closures', { starts_on: startsOn, ends_on: endsOn, reason: 'Grève des agents' });
    expect(added.statusCode).toBe(303);
    const calendar = await calendarOf(t.services.db, ndar);
    const atiAfter = await reload(ati);
    expect(atiAfter.due_on! > endsOn).toBe(true);
    expect(atiAfter.due_on).toBe(dueDate({ submittedOn: ati.submitted_on, workingDays: 8, calendar }));
    expect((await reload(complaint as InformationRequest)).due_on! > endsOn).toBe(true);
    expect((await reload(closed as InformationRequest)).due_on).toBe(closed.due_on);
    const page = await t.request(null, 'GET', `/ndar-toute/requests/${reference}`);
    expect(page.body).toContain(new Intl.DateTimeFormat('fr', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${atiAfter.due_on}T00:00:00Z`)).split(' ')[0]!);
    expect(await auditCount('requests.closure_added')).toBe(1);
    const closure = await informationDb(t.services.db).selectFrom('request_closures').select('id').where('commune_id', '=', ndar.id).where('reason', '=', 'Grève des agents').executeTakeFirstOrThrow();
    const list = await t.request('ndar-toute:admin', 'GET', '/ndar-toute/admin/requests/closures');
    expect(list.body).toContain('Grève des agents');
    expect((await t.request('ndar-toute:admin', 'POST', `/ndar-toute/admin/requests/closures/${closure.id}/delete`, {})).statusCode).toBe(303);
    expect((await reload(ati)).due_on).toBe(ati.due_on);
    expect((await reload(complaint as InformationRequest)).due_on).toBe(complaint.due_on);
    expect(await auditCount('requests.closure_deleted')).toBe(1);
  });

  it('refuses a closure ending before it starts, saying so', async () => {
    const response = await t.request('ndar-toute:admin', 'POST', '/ndar-toute/admin/requests/closures', { starts_on: '2026-05-10', ends_on: '2026-05-01', reason: 'Erreur' });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('Le dernier jour ne peut pas précéder le premier.');
  });
});

describe('statistics', () => {
  it('counts received, decided, on time, refusals by ground and the median time to answer', async () => {
    const input = { subject: 'Stat', description: 'Demande pour les statistiques.', answerForm: 'email' as const, reporter };
    const day = (date: string) => new Date(`${date}T10:00:00Z`);
    const onTime = (await fileInformationRequest(t.services.db, tiznit, input, day('2025-06-02'))).request;
    await answer(t.services.db, tiznit, onTime, { actorUserId: null, expected: 'submitted', full: true, message: 'Voici.', documents: [] }, day('2025-06-06'));
    const late = (await fileInformationRequest(t.services.db, tiznit, input, day('2025-06-03'))).request;
    await refuse(t.services.db, tiznit, late, { actorUserId: null, expected: 'submitted', ground: 'privacy', explanation: 'Données personnelles.' }, day('2025-08-29'));
    await fileInformationRequest(t.services.db, tiznit, input, day('2025-06-04'));
    const stats = await informationStatistics(t.services.db, tiznit.id, { timeZone: tiznit.time_zone, today: '2025-12-01', from: '2025-06-01', to: '2025-06-30' });
    expect(stats).toMatchObject({ received: 3, answered: 2, answeredOnTime: 1, onTimeRate: 0.5, refused: 1, refusedByGround: [{ code: 'privacy', count: 1 }], medianDaysToAnswer: (4 + 87) / 2, overdue: 1 });
    const page = await t.request(null, 'GET', '/tiznit-el-jadida/requests/information/statistics', undefined, french);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<svg');
    expect(page.body).toContain('Vie privée des personnes');
    expect(page.body).not.toContain('Awa Secretname');
  });
});

describe('staff pages and cross-commune access', () => {
  it('the queue lists the commune’s requests to its staff, not to citizens', async () => {
    const { reference } = await fileDirect('ndar-toute');
    const queue = await t.request('ndar-toute:staff', 'GET', '/ndar-toute/admin/requests/information');
    expect(queue.statusCode).toBe(200);
    expect(queue.body).toContain(reference);
    expect((await t.request('ndar-toute:citizen', 'GET', '/ndar-toute/admin/requests/information')).statusCode).toBe(403);
    expect((await t.request(null, 'GET', '/ndar-toute/admin/requests/information')).statusCode).toBeGreaterThanOrEqual(300);
  });

  it('another commune’s staff and administrators reach nothing and change nothing', async () => {
    const { reference } = await fileDirect('ndar-toute');
    const filed = await byReference(ndar, reference);
    const closure = await informationDb(t.services.db).insertInto('request_closures').values({ commune_id: ndar.id, starts_on: '2030-01-01', ends_on: '2030-01-02', reason: 'Fête' }).returning('id').executeTakeFirstOrThrow();
    const queueOther = await t.request('tiznit-el-jadida:staff', 'GET', '/tiznit-el-jadida/admin/requests/information');
    expect(queueOther.body).not.toContain(reference);
    for (const key of ['tiznit-el-jadida:staff', 'tiznit-el-jadida:admin']) {
      expect((await t.request(key, 'GET', staffUrl('tiznit-el-jadida', filed))).statusCode).toBe(404);
      expect((await t.request(key, 'GET', staffUrl('ndar-toute', filed))).statusCode).toBe(403);
      for (const action of ['acknowledge', 'clarify', 'resume', 'extend', 'refuse', 'appeal', 'redact-description']) {
        expect((await t.request(key, 'POST', staffUrl('tiznit-el-jadida', filed, action), { expected: 'submitted', message: 'x', days: '1', reason: 'x', ground: 'privacy', explanation: 'x' })).statusCode, action).toBe(404);
        expect((await t.request(key, 'POST', staffUrl('ndar-toute', filed, action), { expected: 'submitted', message: 'x', days: '1', reason: 'x', ground: 'privacy', explanation: 'x' })).statusCode, action).toBe(403);
      }
      for (const action of ['answer', 'redact']) {
        expect((await postMultipart(t, key, staffUrl('tiznit-el-jadida', filed, action), { expected: 'submitted', message: 'x', event: filed.id })).statusCode, action).toBe(404);
        expect((await postMultipart(t, key, staffUrl('ndar-toute', filed, action), { expected: 'submitted', message: 'x', event: filed.id })).statusCode, action).toBe(403);
      }
    }
    expect((await t.request('tiznit-el-jadida:admin', 'POST', `/tiznit-el-jadida/admin/requests/closures/${closure.id}/delete`, {})).statusCode).toBe(404);
    expect((await t.request('tiznit-el-jadida:admin', 'POST', `/ndar-toute/admin/requests/closures/${closure.id}/delete`, {})).statusCode).toBe(403);
    expect((await t.request('tiznit-el-jadida:admin', 'GET', '/tiznit-el-jadida/admin/requests/closures')).body).not.toContain('Fête');
    expect((await t.request(null, 'GET', `/tiznit-el-jadida/requests/${reference}`)).statusCode).toBe(404);
    expect(await reload(filed)).toEqual(filed);
    expect(await informationDb(t.services.db).selectFrom('request_closures').select('id').where('id', '=', closure.id).executeTakeFirst()).toBeTruthy();
    await informationDb(t.services.db).deleteFrom('request_closures').where('id', '=', closure.id).execute();
  });
});
