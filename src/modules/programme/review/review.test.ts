import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { dayFrom } from '../calls/state.js';
import { scoreFieldName } from './forms.js';
import { reviewDb } from './tables.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const db = () => reviewDb(t.services.db);
const callId = async (slug: string) => (await db().selectFrom('programme_calls').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
const applicationOf = (name: string) => db().selectFrom('programme_applications').selectAll().where('applicant_name', '=', name).executeTakeFirstOrThrow();
const criteriaOf = async (slug: string) => db().selectFrom('programme_review_criteria').selectAll().where('call_id', '=', await callId(slug)).orderBy('position').execute();
const auditActions = async (resourceId: string) => (await t.services.db.selectFrom('audit_log').select('action').where('resource_id', '=', resourceId).execute()).map((r) => r.action);
const page = (id: string) => `/network/programme/review/applications/${id}`;
const fullScores = async (slug: string, score: string) => Object.fromEntries((await criteriaOf(slug)).map((c) => [scoreFieldName(c.id), score]));

describe('who reaches the review', () => {
  it('shows the operator every call with scores done out of expected, and refuses reviewers and citizens', async () => {
    const overview = await t.request('programme:operator', 'GET', '/admin/programme/review');
    expect(overview.statusCode).toBe(200);
    // volontaires-2: 4 applications × 2 reviewers, 6 reviews in (5 scored + 1 conflict).
    expect(overview.body).toMatch(/Appel à volontaires — cohorte 2<\/span><\/a><\/td><td>Ouvert<\/td><td>4<\/td><td>2<\/td><td>6 \/ 8/);
    expect((await t.request('programme:reviewer', 'GET', '/admin/programme/review')).statusCode).toBe(403);
    expect((await t.request('ndar-toute:citizen', 'GET', '/admin/programme/review/volontaires-2/ranking')).statusCode).toBe(403);
    expect((await t.request('ndar-toute:admin', 'GET', '/network/programme/review')).statusCode).toBe(403);
  });

  it('gives a reviewer their desk, then refuses an application once they are no longer assigned to its call', async () => {
    const desk = await t.request('programme:reviewer2', 'GET', '/network/programme/review');
    expect(desk.body).toContain('id="desk-communes-2"');
    const kindia = await applicationOf('Commune urbaine de Kindia');
    expect((await t.request('programme:reviewer2', 'GET', page(kindia.id))).statusCode).toBe(200);
    const reviewer2 = t.users.get('programme:reviewer2')!;
    await t.request('programme:operator', 'POST', '/admin/programme/review/communes-2/reviewers/remove', { user_id: reviewer2 });
    try {
      expect((await t.request('programme:reviewer2', 'GET', '/network/programme/review')).body).not.toContain('id="desk-communes-2"');
      expect((await t.request('programme:reviewer2', 'GET', page(kindia.id))).statusCode).toBe(404);
      expect((await t.request('programme:reviewer2', 'POST', `${page(kindia.id)}/scores`, await fullScores('communes-2', '5'))).statusCode).toBe(404);
      expect((await t.request('programme:reviewer2', 'GET', page('00000000-0000-4000-8000-000000000000'))).statusCode).toBe(404);
    } finally {
      await t.request('programme:operator', 'POST', '/admin/programme/review/communes-2/reviewers', { user_id: reviewer2 });
    }
    expect(await auditActions(await callId('communes-2'))).toEqual(expect.arrayContaining(['programme.reviewer.unassigned', 'programme.reviewer.assigned']));
    // Only members of the programme's team can be assigned.
    const outsider = await t.request('programme:operator', 'POST', '/admin/programme/review/communes-2/reviewers', { user_id: t.users.get('ndar-toute:admin')! });
    expect(outsider.statusCode).toBe(422);
  });

  it('refuses an application of another call through the operator’s URL', async () => {
    const fanta = await applicationOf('Fanta Camara');
    const response = await t.request('programme:operator', 'POST', `/admin/programme/review/communes-2/applications/${fanta.id}/shortlist`, { shortlisted: '1' });
    expect(response.statusCode).toBe(404);
    expect((await applicationOf('Fanta Camara')).status).toBe('submitted');
  });
});

describe('independent scoring', () => {
  it('saves a reviewer’s scores and comment, never shows them to another reviewer, and shows them to the operator', async () => {
    const bubacar = await applicationOf('Bubacar Baldé');
    const saved = await t.request('programme:reviewer2', 'POST', `${page(bubacar.id)}/scores`, { ...(await fullScores('volontaires-2', '2')), comment: 'Profil-R2-confidentiel <b>' });
    expect(saved.statusCode).toBe(303);
    const reviewerView = await t.request('programme:reviewer', 'GET', page(bubacar.id));
    expect(reviewerView.body).toContain('Gestão municipal em Bafatá.');
    expect(reviewerView.body).not.toContain('Profil-R2-confidentiel');
    expect(reviewerView.body).not.toContain('id="team-reviews"');
    // The reviewer sees their own saved scores (3 everywhere in the seed), never the other's 2.
    expect(reviewerView.body).toContain('value="3" checked');
    expect(reviewerView.body).not.toContain('value="2" checked');
    const operatorView = await t.request('programme:operator', 'GET', page(bubacar.id));
    expect(operatorView.body).toContain('Profil-R2-confidentiel &lt;b>');
    expect(await auditActions(bubacar.id)).toContain('programme.review.scored');
  });

  it('refuses scores outside 0–5, missing ones, unknown criteria and hostile input, keeping what was typed', async () => {
    const bubacar = await applicationOf('Bubacar Baldé');
    const before = await db().selectFrom('programme_review_scores').selectAll().execute();
    const scores = await fullScores('volontaires-2', '4');
    const [first, second] = Object.keys(scores);
    const otherCall = (await criteriaOf('communes-2'))[0]!;
    const attempts: Record<string, string | string[]>[] = [
      { ...scores, [first!]: '6' },
      { ...scores, [first!]: '-1' },
      { ...scores, [first!]: '4.5' },
      { ...scores, [second!]: '' },
      { ...scores, [first!]: ['1', '2'] },
      { ...scores, [scoreFieldName(otherCall.id)]: '5' },
      { ...scores, score_x: '5', comment: '<script>alert(1)</script>' },
    ];
    for (const form of attempts) {
      const response = await t.request('programme:reviewer', 'POST', `${page(bubacar.id)}/scores`, form);
      expect(response.statusCode, JSON.stringify(form)).toBe(422);
      expect(response.body).not.toContain('<script>alert(1)');
    }
    const last = await t.request('programme:reviewer', 'POST', `${page(bubacar.id)}/scores`, { ...scores, [first!]: '9', comment: 'Gardé <i>tel quel</i>' });
    expect(last.body).toContain('Gardé &lt;i>tel quel&lt;/i>');
    expect(last.body).toContain('La note va de 0 à 5.');
    expect(await db().selectFrom('programme_review_scores').selectAll().execute()).toEqual(before);
  });

  it('shuts a reviewer who declared a conflict out of the answers and the scoring; the operator sees the declaration', async () => {
    const amina = await applicationOf('Amina Ben Salah');
    const view = await t.request('programme:reviewer2', 'GET', page(amina.id));
    expect(view.statusCode).toBe(200);
    expect(view.body).toContain('id="conflict-notice"');
    expect(view.body).not.toContain('Technologies civiques à Sfax.');
    expect(view.body).not.toContain('id="score-form"');
    expect((await t.request('programme:reviewer2', 'POST', `${page(amina.id)}/scores`, await fullScores('volontaires-2', '5'))).statusCode).toBe(403);
    const call = await t.request('programme:operator', 'GET', '/admin/programme/review/volontaires-2');
    expect(call.body).toContain('J’ai travaillé avec cette personne en 2024 à Sfax.');
  });

  it('lets a reviewer declare a conflict after scoring: the scores no longer count', async () => {
    const kindia = await applicationOf('Commune urbaine de Kindia');
    const empty = await t.request('programme:reviewer', 'POST', `${page(kindia.id)}/conflict`, { reason: '  ' });
    expect(empty.statusCode).toBe(422);
    expect((await t.request('programme:reviewer', 'POST', `${page(kindia.id)}/conflict`, { reason: 'Mon frère est adjoint au maire.' })).statusCode).toBe(303);
    const ranking = await t.request('programme:operator', 'GET', '/admin/programme/review/communes-2/ranking');
    expect(ranking.body).toMatch(new RegExp(`id="rank-${kindia.id}"><td><span class="muted">non classée`));
    expect(await auditActions(kindia.id)).toContain('programme.review.conflict_declared');
  });

  it('refuses revisions once the operator closed scoring, and takes them again when reopened', async () => {
    const fanta = await applicationOf('Fanta Camara');
    await t.request('programme:operator', 'POST', '/admin/programme/review/volontaires-2/scoring', { open: '0' });
    expect((await t.request('programme:reviewer', 'POST', `${page(fanta.id)}/scores`, await fullScores('volontaires-2', '5'))).statusCode).toBe(403);
    await t.request('programme:operator', 'POST', '/admin/programme/review/volontaires-2/scoring', { open: '1' });
    expect((await t.request('programme:reviewer', 'POST', `${page(fanta.id)}/scores`, await fullScores('volontaires-2', '4'))).statusCode).toBe(303);
  });
});

describe('criteria', () => {
  it('are added, edited, reordered and removed while no score exists, then frozen', async () => {
    const cohort = await db().selectFrom('programme_cohorts').select('id').where('slug', '=', 'cohorte-2').executeTakeFirstOrThrow();
    const call = await db()
      .insertInto('programme_calls')
      .values({ cohort_id: cohort.id, slug: 'volontaires-2-bis', audience: 'volunteers', title: JSON.stringify({ fr: 'Appel complémentaire' }), opens_on: dayFrom(new Date(), -5), closes_on: dayFrom(new Date(), 5), published_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const base = '/admin/programme/review/volontaires-2-bis/criteria';
    const missing = await t.request('programme:operator', 'POST', base, { label_en: 'Kept', weight: '0' });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('value="Kept"');
    expect(missing.body).toContain('Le poids est un nombre entier de 1 à 100.');
    await t.request('programme:operator', 'POST', base, { label_fr: 'Expertise', weight: '3', guide_fr: 'Concrète' });
    await t.request('programme:operator', 'POST', base, { label_fr: 'Motivation', weight: '1' });
    let criteria = await criteriaOf('volontaires-2-bis');
    expect(criteria.map((c) => c.label.fr)).toEqual(['Expertise', 'Motivation']);
    await t.request('programme:operator', 'POST', `${base}/${criteria[1]!.id}/move`, { direction: 'up' });
    await t.request('programme:operator', 'POST', `${base}/${criteria[0]!.id}`, { label_fr: 'Expertise confirmée', label_ar: 'الخبرة', weight: '4' });
    criteria = await criteriaOf('volontaires-2-bis');
    expect(criteria.map((c) => [c.label.fr, c.weight])).toEqual([['Motivation', 1], ['Expertise confirmée', 4]]);
    expect((await t.request('programme:operator', 'POST', `/admin/programme/review/volontaires-2/criteria/${criteria[0]!.id}/delete`, {})).statusCode).toBe(404);
    // A score exists: every change is refused with a message, and the database refuses deleting a scored criterion too.
    const salif = await applicationOf('Salif Ouédraogo');
    await db().updateTable('programme_applications').set({ call_id: call.id }).where('id', '=', salif.id).execute();
    try {
      const review = await db().insertInto('programme_reviews').values({ application_id: salif.id, reviewer_id: t.users.get('programme:reviewer')! }).onConflict((oc) => oc.columns(['application_id', 'reviewer_id']).doUpdateSet({ comment: null })).returning('id').executeTakeFirstOrThrow();
      await db().insertInto('programme_review_scores').values({ review_id: review.id, criterion_id: criteria[0]!.id, score: 3 }).execute();
      const frozen = await t.request('programme:operator', 'POST', `${base}/${criteria[0]!.id}/delete`, {});
      expect(frozen.statusCode).toBe(409);
      expect(frozen.body).toContain('les critères ne peuvent plus changer');
      const late = await t.request('programme:operator', 'POST', base, { label_fr: 'Tard', weight: '1' });
      expect(late.statusCode).toBe(409);
      expect(late.body).toContain('value="Tard"');
      expect((await t.request('programme:operator', 'GET', base)).body).toContain('id="criteria-frozen"');
      await expect(db().deleteFrom('programme_review_criteria').where('id', '=', criteria[0]!.id).execute()).rejects.toThrow();
      expect([...(await auditActions(criteria[0]!.id)), ...(await auditActions(criteria[1]!.id))]).toEqual(expect.arrayContaining(['programme.criterion.added', 'programme.criterion.updated', 'programme.criterion.moved']));
    } finally {
      await db().deleteFrom('programme_review_scores').where('criterion_id', 'in', criteria.map((c) => c.id)).execute();
      await db().updateTable('programme_applications').set({ call_id: salif.call_id }).where('id', '=', salif.id).execute();
    }
  });
});

describe('ranking, shortlist, interviews and decisions', () => {
  it('ranks best first with the seeded tie flagged, and exports a CSV', async () => {
    const ranking = await t.request('programme:operator', 'GET', '/admin/programme/review/volontaires-2/ranking');
    const tied = [...ranking.body.matchAll(/<span>(\d)<\/span>\s*<span class="badge badge-warning tie">/g)].map((m) => m[1]);
    expect(tied.length).toBeGreaterThanOrEqual(2);
    const csv = await t.request('programme:operator', 'GET', '/admin/programme/review/volontaires-1/ranking.csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.replace('\uFEFF', '').trim().split('\r\n');
    expect(lines[0]).toBe('rank,tied,reference,applicant,country,score,reviews,min,max,status');
    expect(lines.slice(1, 3).map((l) => l.split(',')[9])).toEqual(['selected', 'selected']);
    expect(lines[1]).toContain(',Rachid Benali,MA,4.50,2,4.00,5.00,selected');
  });

  it('shortlists and takes back, audited; interviews are for shortlisted applications and stay in the team', async () => {
    const fanta = await applicationOf('Fanta Camara');
    const url = `/admin/programme/review/volontaires-2/applications/${fanta.id}/shortlist`;
    expect((await t.request('programme:reviewer', 'POST', url, { shortlisted: '1' })).statusCode).toBe(403);
    expect((await t.request('programme:reviewer', 'POST', `${page(fanta.id)}/interviews`, { held_on: '2026-11-20', interviewer: 'Moussa', notes: 'x', recommendation: 'select' })).statusCode).toBe(403);
    expect((await t.request('programme:operator', 'POST', url, { shortlisted: '1' })).statusCode).toBe(303);
    expect((await applicationOf('Fanta Camara')).status).toBe('shortlisted');
    const bad = await t.request('programme:reviewer', 'POST', `${page(fanta.id)}/interviews`, { held_on: 'demain', interviewer: 'Moussa Kane', notes: 'Très claire', recommendation: 'maybe' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Très claire');
    expect((await t.request('programme:reviewer', 'POST', `${page(fanta.id)}/interviews`, { held_on: '2026-11-20', interviewer: 'Moussa Kane', notes: 'Très claire sur les budgets <ouverts>', recommendation: 'select' })).statusCode).toBe(303);
    expect((await t.request('programme:operator', 'GET', page(fanta.id))).body).toContain('Très claire sur les budgets &lt;ouverts>');
    expect((await t.request(null, 'GET', page(fanta.id))).headers.location).toContain('/sign-in');
    expect((await t.request('programme:operator', 'POST', url, { shortlisted: '0' })).statusCode).toBe(303);
    expect((await t.request('programme:operator', 'POST', url, { shortlisted: '0' })).statusCode).toBe(409);
    await t.request('programme:operator', 'POST', url, { shortlisted: '1' });
    expect(await auditActions(fanta.id)).toEqual(expect.arrayContaining(['programme.application.shortlisted', 'programme.application.unshortlisted', 'programme.interview.recorded']));
  });

  it('refuses decisions while the call is open, with a clear message', async () => {
    const fanta = await applicationOf('Fanta Camara');
    const refused = await t.request('programme:operator', 'POST', `/admin/programme/review/volontaires-2/applications/${fanta.id}/decision`, { decision: 'selected' });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('L’appel est encore ouvert');
    expect((await t.request('programme:operator', 'POST', '/admin/programme/review/volontaires-2/decisions/send', { _idempotency: 'open-call-send-1' })).statusCode).toBe(409);
    expect((await applicationOf('Fanta Camara')).status).toBe('shortlisted');
  });

  it('sends each decision once, even under a replay and two concurrent sends, by inbox, SMS, e-mail or by hand', async () => {
    const id = await callId('volontaires-2');
    await db().updateTable('programme_calls').set({ opens_on: dayFrom(new Date(), -60), closes_on: dayFrom(new Date(), -1) }).where('id', '=', id).execute();
    const ndeye = await applicationOf('Ndèye Faye');
    await db().updateTable('programme_applications').set({ status: 'submitted', submitted_at: new Date(), reference: 'PRG-2026-9001' }).where('id', '=', ndeye.id).execute();
    // Ndèye chose Portuguese for her account: her message is in Portuguese; paper applicants get the call's first language.
    await t.services.db.updateTable('users').set({ preferred_locale: 'pt' }).where('id', '=', t.users.get('programme:applicant')!).execute();
    await db().updateTable('programme_applications').set({ contact: '+245 955 000 001' }).where('applicant_name', '=', 'Bubacar Baldé').execute();
    await db().updateTable('programme_applications').set({ contact: 'amina@example.org' }).where('applicant_name', '=', 'Amina Ben Salah').execute();
    const decide = async (name: string, decision: string) => {
      const application = await applicationOf(name);
      return t.request('programme:operator', 'POST', `/admin/programme/review/volontaires-2/applications/${application.id}/decision`, { decision });
    };
    for (const [name, decision] of [['Ndèye Faye', 'selected'], ['Fanta Camara', 'selected'], ['Bubacar Baldé', 'rejected'], ['Amina Ben Salah', 'rejected']] as const) {
      expect((await decide(name, decision)).statusCode).toBe(303);
    }
    const send = (key: string) => t.request('programme:operator', 'POST', '/admin/programme/review/volontaires-2/decisions/send', { _idempotency: key });
    const [first, second] = await Promise.all([send('decisions-send-0001'), send('decisions-send-0002')]);
    expect([first.statusCode, second.statusCode]).toEqual([303, 303]);
    const replay = await send('decisions-send-0001');
    expect(replay.headers['idempotent-replayed']).toBe('true');
    const outbox = await t.services.db.selectFrom('outbox_messages').select(['recipient', 'channel', 'body']).where('purpose', '=', 'programme.decision').execute();
    expect(outbox.map((m) => m.recipient).sort()).toEqual(['+221770000091', '+245955000001', 'amina@example.org']);
    expect(outbox.find((m) => m.recipient === '+221770000091')!.body).toContain('a sua candidatura PRG-2026-9001 foi selecionada');
    expect(outbox.find((m) => m.recipient === 'amina@example.org')!.body).toContain('n’a pas été retenue');
    const inbox = await t.request('programme:applicant', 'GET', '/network/programme/messages');
    expect(inbox.body.match(/PRG-2026-9001 foi selecionada/g)).toHaveLength(1);
    const ranking = await t.request('programme:operator', 'GET', '/admin/programme/review/volontaires-2/ranking');
    expect(ranking.body).toMatch(/id="by-hand"><li>PRG-\d{4}-\d{4} — Fanta Camara<\/li><\/ul>/);
    expect(ranking.body).toContain('Décisions à envoyer : 0');
    expect((await decide('Fanta Camara', 'rejected')).statusCode).toBe(409);
    const sent = await t.services.db.selectFrom('audit_log').select('details').where('action', '=', 'programme.decisions.sent').where('resource_id', '=', id).execute();
    expect(sent.map((row) => (row.details as { sent: number }).sent).sort()).toEqual([0, 4]);
    expect(await auditActions(ndeye.id)).toContain('programme.application.decided');
  });
});
