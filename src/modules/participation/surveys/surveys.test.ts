import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { participationExports } from '../exports.js';
import { scoped } from '../queries/participation-queries.js';

let t: TestApp;
let ndarId: string;
let consultationId: string;
let phaseId: string;
let laterPhaseId: string;
let surveyId: string;
const q: Record<'yesNo' | 'scale' | 'many' | 'text', { id: string; options: Record<string, string> }> = {} as never;

const day = (offset: number) => new Date(Date.now() + offset * 24 * 3600 * 1000).toISOString().slice(0, 10);
const staff = 'ndar-toute:staff';
const admin = (path: string) => `/ndar-toute/admin${path}`;
const surveyPage = () => `/ndar-toute/consultations/${consultationId}/survey`;
let citizens = 0;

/** A new signed-in citizen of Ndar Toute (the demo accounts already answered the seeded survey). */
async function newCitizen(): Promise<string> {
  citizens += 1;
  const user = await t.services.db.insertInto('users').values({ display_name: `Citoyenne ${citizens}`, phone_e164: `+22176${String(1000000 + citizens)}`, email: null, neighbourhood: null, preferred_locale: null, gender: null, age_band: null }).returning('id').executeTakeFirstOrThrow();
  const key = `ndar-toute:survey-${citizens}:citizen`;
  t.users.set(key, user.id);
  return key;
}

async function questionsOf(id: string) {
  const inCommune = scoped(t.services.db, ndarId);
  const questions = await inCommune.selectFrom('survey_questions').selectAll().where('survey_id', '=', id).orderBy('position').execute();
  const options = await inCommune.selectFrom('survey_options').selectAll().where('question_id', 'in', questions.map((x) => x.id)).orderBy('position').execute();
  return questions.map((x) => ({ id: x.id, position: x.position, options: Object.fromEntries(options.filter((o) => o.question_id === x.id).map((o) => [o.label.fr!, o.id])) }));
}

const answer = (who: string, values: Record<string, string>) => t.request(who, 'POST', surveyPage(), values);
const field = (key: keyof typeof q, option?: string) => (option ? `q_${q[key].id}_${q[key].options[option]}` : `q_${q[key].id}`);

beforeAll(async () => {
  t = await createTestApp();
  ndarId = await t.communeId('ndar-toute');
  const created = await t.request(staff, 'POST', admin('/consultations'), { title_fr: 'Mobilité 2027', subject_type: 'other', influence_level: 'consult', status: 'published' });
  consultationId = (created.headers.location as string).split('/').pop()!;
  await t.request(staff, 'POST', admin(`/consultations/${consultationId}/phases`), { phase_title_fr: 'Questionnaire', starts_on: day(-5), ends_on: day(5), allows_survey: 'on' });
  await t.request(staff, 'POST', admin(`/consultations/${consultationId}/phases`), { phase_title_fr: 'Synthèse', starts_on: day(6), ends_on: day(30) });
  const phases = await scoped(t.services.db, ndarId).selectFrom('consultation_phases').select(['id', 'allows_survey']).where('consultation_id', '=', consultationId).orderBy('starts_on').execute();
  [phaseId, laterPhaseId] = [phases[0]!.id, phases[1]!.id];
});
afterAll(() => t.close());

const surveyAdmin = () => admin(`/consultations/${consultationId}/phases/${phaseId}/survey`);

describe('survey back-office', () => {
  it('staff create a survey on a phase that allows one, and only there', async () => {
    expect((await t.request('ndar-toute:citizen', 'POST', admin(`/consultations/${consultationId}/phases/${phaseId}/survey`), { intro_fr: 'x' })).statusCode).toBe(403);
    const refused = await t.request(staff, 'POST', admin(`/consultations/${consultationId}/phases/${laterPhaseId}/survey`), { intro_fr: 'Non' });
    expect(refused.statusCode).toBe(409);
    expect((await t.request(staff, 'GET', admin(`/consultations/${consultationId}/phases/${laterPhaseId}/survey`))).body).toContain('Cette phase ne permet pas de questionnaire');
    const saved = await t.request(staff, 'POST', admin(`/consultations/${consultationId}/phases/${phaseId}/survey`), { intro_fr: 'Trois minutes pour la mobilité.' });
    expect(saved.statusCode).toBe(303);
    // Saving again updates the one survey of the phase.
    await t.request(staff, 'POST', admin(`/consultations/${consultationId}/phases/${phaseId}/survey`), { intro_fr: 'Quatre minutes pour la mobilité.' });
    const surveys = await scoped(t.services.db, ndarId).selectFrom('surveys').selectAll().where('consultation_id', '=', consultationId).execute();
    expect(surveys).toHaveLength(1);
    expect(surveys[0]!.intro).toEqual({ fr: 'Quatre minutes pour la mobilité.' });
    surveyId = surveys[0]!.id;
    expect((await t.request(staff, 'GET', admin(`/consultations/${consultationId}`))).body).toContain(`/phases/${phaseId}/survey`);
  });

  it('staff add questions of each kind with a condition on an earlier choice; bad input keeps what was typed', async () => {
    const add = (values: Record<string, string>) => t.request(staff, 'POST', admin(`/surveys/${surveyId}/questions`), values);
    const invalid = await add({ prompt_fr: 'Une seule option ?', kind: 'single_choice', options_fr: 'Seule' });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.body).toContain('Une seule option ?');
    expect(invalid.body).toContain('Indiquez entre 2 et 30 options');
    expect((await add({ prompt_fr: 'Prenez-vous le bus ?', kind: 'single_choice', required: 'on', options_fr: 'Oui\nNon' })).statusCode).toBe(303);
    q.yesNo = (await questionsOf(surveyId))[0]!;
    expect((await add({ prompt_fr: 'Note du bus', kind: 'scale', required: 'on', scale_min: '1', scale_max: '5', scale_min_label_fr: 'Mauvais', scale_max_label_fr: 'Excellent', condition: `${q.yesNo.id}:${q.yesNo.options.Oui}` })).statusCode).toBe(303);
    expect((await add({ prompt_fr: 'Quels trajets ?', kind: 'multiple_choice', options_fr: 'École\nMarché\nTravail' })).statusCode).toBe(303);
    expect((await add({ prompt_fr: 'Une idée ?', kind: 'long_text' })).statusCode).toBe(303);
    expect((await add({ prompt_fr: 'Mauvaise condition', kind: 'short_text', condition: `${q.yesNo.id}:00000000-0000-4000-8000-000000000000` })).statusCode).toBe(422);
    const [yesNo, scale, many, text] = await questionsOf(surveyId);
    Object.assign(q, { yesNo, scale, many, text });
    const audit = await t.services.db.selectFrom('audit_log').select('action').where('resource_id', '=', q.scale!.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['survey.question_added']);
    const page = await t.request(staff, 'GET', surveyAdmin());
    expect(page.body).toContain('Quels trajets ?');
    expect(page.body).toContain('Répondez seulement si vous avez choisi « Oui » à la question 1.');
    expect(page.body.match(/name="direction" value="up"/g)).toHaveLength(3);
    expect(page.body).toContain(`<option value="${q.yesNo.id}:${q.yesNo.options.Oui}">1. Prenez-vous le bus ? = «Oui»</option>`);
    const editPage = await t.request(staff, 'GET', admin(`/survey-questions/${q.many!.id}`));
    expect(editPage.body).toMatch(/<textarea id="options_fr"[^>]*>École\nMarché\nTravail<\/textarea>/);
  });

  it('staff reorder with buttons, but never above the question a condition names', async () => {
    const move = (id: string, direction: string) => t.request(staff, 'POST', admin(`/survey-questions/${id}/move`), { direction });
    const blocked = await move(q.scale.id, 'up');
    expect(blocked.statusCode).toBe(409);
    expect(blocked.body).toContain('une question doit rester après celle dont dépend sa condition');
    expect((await move(q.text.id, 'up')).statusCode).toBe(303);
    expect((await questionsOf(surveyId)).map((x) => x.id)).toEqual([q.yesNo.id, q.scale.id, q.text.id, q.many.id]);
    expect((await move(q.text.id, 'down')).statusCode).toBe(303);
    expect((await questionsOf(surveyId)).map((x) => x.id)).toEqual([q.yesNo.id, q.scale.id, q.many.id, q.text.id]);
  });
});

describe('answering a survey', () => {
  it('the consultation page links to it; visitors see the questions, condition hints and a sign-in link', async () => {
    expect((await t.request(null, 'GET', `/ndar-toute/consultations/${consultationId}`)).body).toContain(`href="${surveyPage()}"`);
    const page = await t.request(null, 'GET', surveyPage());
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Note du bus');
    expect(page.body).toContain('Répondez seulement si vous avez choisi « Oui » à la question 1.');
    expect(page.body).toContain(`return=${encodeURIComponent(surveyPage())}`);
    expect(page.body).not.toContain('type="submit"');
    expect((await t.request(null, 'POST', surveyPage(), { [field('yesNo')]: q.yesNo.options.Oui! })).statusCode).toBe(401);
  });

  it('required holds only when the condition is met; errors keep what was typed', async () => {
    const who = await newCitizen();
    const missing = await answer(who, { [field('text')]: 'Plus de bus le soir' });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('Merci de répondre à cette question.');
    expect(missing.body).toContain('Plus de bus le soir');
    const conditionMet = await answer(who, { [field('yesNo')]: q.yesNo.options.Oui!, [field('many', 'École')]: 'on' });
    expect(conditionMet.statusCode).toBe(422);
    expect(conditionMet.body).toMatch(/name="q_[^"]+_[^"]+" value="on" checked/);
    const stored = await answer(who, { [field('yesNo')]: q.yesNo.options.Oui!, [field('scale')]: '5', [field('many', 'École')]: 'on', [field('many', 'Marché')]: 'on' });
    expect(stored.statusCode).toBe(303);
    expect(String(stored.headers['set-cookie'])).toContain('participation.survey.thanks');
    const after = await t.request(who, 'GET', stored.headers.location as string);
    expect(after.body).toContain('Vous avez déjà répondu à ce questionnaire. Merci !');
    expect(after.body).toContain(`${surveyPage()}/results`);
  });

  it('answers to a question whose condition is not met are ignored', async () => {
    const who = await newCitizen();
    expect((await answer(who, { [field('yesNo')]: q.yesNo.options.Non!, [field('scale')]: '1' })).statusCode).toBe(303);
    const response = await scoped(t.services.db, ndarId).selectFrom('survey_responses').select('id').where('respondent_id', '=', t.users.get(who)!).executeTakeFirstOrThrow();
    const answers = await scoped(t.services.db, ndarId).selectFrom('survey_answers').selectAll().where('response_id', '=', response.id).execute();
    expect(answers.map((a) => a.question_id)).toEqual([q.yesNo.id]);
  });

  it('stores exactly one response when one person submits 20 times at once', async () => {
    const who = await newCitizen();
    const results = await Promise.all(Array.from({ length: 20 }, () => answer(who, { [field('yesNo')]: q.yesNo.options.Oui!, [field('scale')]: '3', [field('many', 'École')]: 'on' })));
    const statuses = results.map((r) => r.statusCode).sort();
    expect(statuses.filter((s) => s === 303)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    expect(results.find((r) => r.statusCode === 409)!.body).toContain('Vous avez déjà répondu à ce questionnaire');
    const rows = await scoped(t.services.db, ndarId).selectFrom('survey_responses').select('id').where('survey_id', '=', surveyId).where('respondent_id', '=', t.users.get(who)!).execute();
    expect(rows).toHaveLength(1);
    // Answering a survey is taking part: the respondent counts once among the consultation's participants.
    const counted = await scoped(t.services.db, ndarId).selectFrom('consultation_participants').select('participant_id').where('consultation_id', '=', consultationId).where('participant_id', '=', t.users.get(who)!).execute();
    expect(counted).toHaveLength(1);
  });

  it('a mediator answers once per assisted participant, marked and audited, and still for themselves', async () => {
    const participant = await scoped(t.services.db, ndarId).insertInto('assisted_participants', { full_name: 'Aminata Sarr', consent_method: 'oral', consent_at: new Date(), registered_by: t.users.get('ndar-toute:mediator')! }).returning('id').executeTakeFirstOrThrow();
    const values = { [field('yesNo')]: q.yesNo.options.Non!, on_behalf_of: participant.id };
    expect((await t.request('ndar-toute:mediator', 'GET', surveyPage())).body).toContain('Aminata Sarr');
    expect((await answer('ndar-toute:citizen', values)).statusCode).toBe(403);
    expect((await answer('ndar-toute:mediator', values)).statusCode).toBe(303);
    const again = await answer('ndar-toute:mediator', values);
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('Vous avez déjà répondu');
    expect((await answer('ndar-toute:mediator', { [field('yesNo')]: q.yesNo.options.Non! })).statusCode).toBe(303);
    const rows = await scoped(t.services.db, ndarId).selectFrom('survey_responses').selectAll().where('survey_id', '=', surveyId).where('respondent_id', '=', t.users.get('ndar-toute:mediator')!).orderBy('created_at').execute();
    expect(rows.map((r) => [r.channel, r.on_behalf_of])).toEqual([['mediator', participant.id], ['web', null]]);
    const audit = await t.services.db.selectFrom('audit_log').selectAll().where('action', '=', 'survey.answered_for_participant').executeTakeFirstOrThrow();
    expect(audit.on_behalf_of).toBe(participant.id);
  });
});

describe('editing a survey that has answers', () => {
  it('refuses deleting an answered question or option, allows rewording', async () => {
    const deleted = await t.request(staff, 'POST', admin(`/survey-questions/${q.yesNo.id}/delete`), {});
    expect(deleted.statusCode).toBe(409);
    expect(deleted.body).toContain('elle ne peut pas être supprimée');
    const edit = (values: Record<string, string>) => t.request(staff, 'POST', admin(`/survey-questions/${q.many.id}`), { prompt_fr: 'Quels trajets faites-vous ?', kind: 'multiple_choice', ...values });
    const dropped = await edit({ options_fr: 'École\nTravail' });
    expect(dropped.statusCode).toBe(409);
    expect(dropped.body).toContain('Une option qui a déjà des réponses ne peut pas être supprimée');
    expect(dropped.body).toContain('Quels trajets faites-vous ?');
    expect((await edit({ kind: 'short_text', options_fr: '' })).statusCode).toBe(409);
    expect((await edit({ options_fr: 'École\nMarché central\nTravail\nLoisirs' })).statusCode).toBe(303);
    const options = await scoped(t.services.db, ndarId).selectFrom('survey_options').select(['id', 'label']).where('question_id', '=', q.many.id).orderBy('position').execute();
    expect(options.map((o) => o.label.fr)).toEqual(['École', 'Marché central', 'Travail', 'Loisirs']);
    expect(options[1]!.id).toBe(q.many.options['Marché']);
    q.many.options['Marché central'] = q.many.options['Marché']!;
    // An unanswered question, with its condition source, can go.
    const spare = await t.request(staff, 'POST', admin(`/surveys/${surveyId}/questions`), { prompt_fr: 'À supprimer', kind: 'short_text' });
    expect(spare.statusCode).toBe(303);
    const spareId = (await questionsOf(surveyId)).at(-1)!.id;
    expect((await t.request(staff, 'POST', admin(`/survey-questions/${spareId}/delete`), {})).statusCode).toBe(303);
    expect((await questionsOf(surveyId)).map((x) => x.id)).not.toContain(spareId);
  });
});

describe('results', () => {
  it('are hidden from the public while the phase runs; staff see them with a chart and a table', async () => {
    const hidden = await t.request('ndar-toute:citizen', 'GET', `${surveyPage()}/results`);
    expect(hidden.statusCode).toBe(200);
    expect(hidden.body).toContain('Les résultats seront publiés à la fin de la phase');
    expect(hidden.body).not.toContain('<svg');
    const preview = await t.request(staff, 'GET', `${surveyPage()}/results`);
    expect(preview.body).toContain('Aperçu réservé aux agents');
    expect(preview.body).toMatch(/<svg[^>]*role="img"[^>]*aria-label="1\. Prenez-vous le bus \?"/);
  });

  it('become public when the consultation closes, with counts and percentages of those who answered', async () => {
    await scoped(t.services.db, ndarId).updateTable('consultations').set({ status: 'closed', closed_at: new Date() }).where('id', '=', consultationId).execute();
    const page = await t.request(null, 'GET', `${surveyPage()}/results`);
    // Responses: Oui (scale 5, École+Marché), Non, Oui (scale 3, École), Non for a participant, Non from the mediator.
    expect(page.body).toContain('5 réponse(s) reçue(s)');
    const row = (label: string) => new RegExp(`<th scope="row">${label}</th><td>(\\d+)</td><td>([^<]+)</td>`).exec(page.body)?.slice(1);
    expect(row('Oui')).toEqual(['2', '40 %']);
    expect(row('Non')).toEqual(['3', '60 %']);
    expect(row('École')).toEqual(['2', '100 %']);
    expect(row('Marché central')).toEqual(['1', '50 %']);
    expect(row('Loisirs')).toEqual(['0', '0 %']);
    expect(page.body).toContain('2 personne(s) sur 5 ont répondu à cette question.');
    expect(page.body).toContain('seul leur nombre est publié');
    expect(page.body).not.toContain('Plus de bus le soir');
    expect((await t.request('ndar-toute:citizen', 'POST', surveyPage(), { [field('yesNo')]: q.yesNo.options.Oui! })).statusCode).toBe(409);
  });

  it('open data: aggregated counts of public results only, without personal data', async () => {
    const rows = await participationExports.find((e) => e.id === 'participation-survey-results')!.rows(t.services.db, ndarId);
    const ours = rows.filter((r) => r.survey_id === surveyId);
    expect(ours).toContainEqual({ consultation_id: consultationId, survey_id: surveyId, question_position: 1, question: 'Prenez-vous le bus ?', option: 'Oui', count: 2, percentage: 40 });
    expect(ours.filter((r) => r.question_position === 2).map((r) => r.option)).toEqual(['1', '2', '3', '4', '5']);
    expect(Object.keys(ours[0]!).sort()).toEqual(['consultation_id', 'count', 'option', 'percentage', 'question', 'question_position', 'survey_id']);
    // The seeded survey runs in an open phase: not exported yet.
    expect(rows.every((r) => r.consultation_id === consultationId)).toBe(true);
  });
});

describe('staff CSV export', () => {
  it('is anonymised, numbered in hashed order, dates only, escaped against formulas, UTF-8 with BOM, and audited', async () => {
    await scoped(t.services.db, ndarId).updateTable('consultations').set({ status: 'published', closed_at: null }).where('id', '=', consultationId).execute();
    const who = await newCitizen();
    await answer(who, { [field('yesNo')]: q.yesNo.options.Non!, [field('text')]: '=HYPERLINK("http://x")\nDeuxième ligne, avec "guillemets"' });
    expect((await t.request('ndar-toute:citizen', 'GET', admin(`/consultations/${consultationId}/survey.csv`))).statusCode).toBe(403);
    const csv = await t.request(staff, 'GET', admin(`/consultations/${consultationId}/survey.csv`));
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('attachment');
    expect(csv.body.startsWith('\uFEFF')).toBe(true);
    const lines = csv.body.slice(1).split('\r\n');
    expect(lines[0]).toBe('Réponse n°,Canal,Date,1. Prenez-vous le bus ?,2. Note du bus,3. Quels trajets faites-vous ?,4. Une idée ?');
    expect(csv.body).toContain(`"'=HYPERLINK(""http://x"")\nDeuxième ligne, avec ""guillemets"""`);
    expect(csv.body).toContain(',École; Marché central,');
    const records = lines.slice(1).filter((l) => /^\d+,/.test(l));
    expect(records.map((l) => Number(l.split(',')[0]))).toEqual([1, 2, 3, 4, 5, 6]);
    for (const record of records) expect(record).toMatch(/^\d+,(web|mediator),\d{4}-\d{2}-\d{2},/);
    for (const secret of [...t.users.values(), 'Aminata Sarr', 'Citoyenne', 'Babacar Fall', '+2217']) expect(csv.body).not.toContain(secret);
    const audit = await t.services.db.selectFrom('audit_log').select('action').where('resource_id', '=', surveyId).execute();
    expect(audit.map((a) => a.action)).toContain('survey.exported');
  });
});

describe('cross-commune isolation', () => {
  it('a survey of Ndar Toute cannot be answered, read or exported through Tiznit’s addresses', async () => {
    const tiznit = `/tiznit-el-jadida/consultations/${consultationId}/survey`;
    expect((await t.request(null, 'GET', tiznit)).statusCode).toBe(404);
    expect((await t.request(null, 'GET', `${tiznit}/results`)).statusCode).toBe(404);
    expect((await t.request('tiznit-el-jadida:citizen', 'POST', tiznit, { [field('yesNo')]: q.yesNo.options.Oui! })).statusCode).toBe(404);
    expect((await t.request('tiznit-el-jadida:staff', 'GET', `/tiznit-el-jadida/admin/consultations/${consultationId}/survey.csv`)).statusCode).toBe(404);
    expect((await t.request('tiznit-el-jadida:staff', 'GET', admin(`/consultations/${consultationId}/survey.csv`))).statusCode).toBe(403);
    expect((await t.request('tiznit-el-jadida:staff', 'POST', `/tiznit-el-jadida/admin/survey-questions/${q.yesNo.id}/delete`, {})).statusCode).toBe(404);
    expect((await t.request('tiznit-el-jadida:staff', 'POST', `/tiznit-el-jadida/admin/surveys/${surveyId}/questions`, { prompt_fr: 'x', kind: 'short_text' })).statusCode).toBe(404);
  });
});
