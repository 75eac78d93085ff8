import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, sessionCookieName } from '../../../platform/auth/session-store.js';
import { runJobsOnce } from '../../../platform/jobs/scheduler.js';
import { OutboxMessageSender } from '../../../platform/messaging/message-sender.js';
import { createTestApp, testCsrfToken, type TestApp } from '../../../test-support/test-app.js';
import { addComment } from '../commands/comment-commands.js';
import { answerProposal, submitProposal } from '../commands/proposal-commands.js';
import { participationDb, scoped } from '../queries/participation-queries.js';
import { type DeliveryContext, sendDigests, sendEachTime } from './delivery.js';
import { follow } from './follows.js';
import { notify } from './notify.js';
import { announcePhaseOpenings } from './phase-announcements.js';
import { preferencesOf, savePreferences } from './preferences.js';
import { stopToken } from './stop-token.js';

let t: TestApp;
let ndarId: string;
let tiznitId: string;
let consultationId: string;
let delivery: DeliveryContext;
const ndar = () => ({ id: ndarId, time_zone: 'Africa/Dakar' });
// Dakar is on UTC all year: 18:30 UTC is digest time there, 10:00 UTC is not.
const evening = (day: string) => new Date(`${day}T18:30:00Z`);

beforeAll(async () => {
  t = await createTestApp();
  ndarId = await t.communeId('ndar-toute');
  tiznitId = await t.communeId('tiznit-el-jadida');
  consultationId = (await scoped(t.services.db, ndarId).selectFrom('consultations').select('id').executeTakeFirstOrThrow()).id;
  delivery = { db: t.services.db, sender: new OutboxMessageSender(t.services.db), messages: t.services.messages, baseUrl: 'https://palabre.example', secret: t.services.config.sessionSecret };
});
afterAll(() => t.close());

let people = 0;
/** A fresh person, so each test counts only its own notifications and messages. */
async function newPerson(options: { locale?: 'fr' | 'en' | 'ar' | 'pt'; email?: boolean } = {}): Promise<string> {
  people += 1;
  const phone = `+22177100${String(people).padStart(4, '0')}`;
  const row = await t.services.db
    .insertInto('users')
    .values({ phone_e164: options.email ? null : phone, email: options.email ? `p${people}@example.org` : null, display_name: `Personne ${people}`, preferred_locale: options.locale ?? null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function as(userId: string | null, method: 'GET' | 'POST', url: string, form?: Record<string, string>) {
  const cookies = [`palabre_csrf=${testCsrfToken}`];
  if (userId) cookies.push(`${sessionCookieName}=${(await createSession(t.services.db, { userId, kind: 'citizen', ip: null, userAgent: 'test' })).token}`);
  const payload = form ? new URLSearchParams({ _csrf: testCsrfToken, ...form }).toString() : undefined;
  return t.app.inject({ method, url, payload, headers: { cookie: cookies.join('; '), ...(payload ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) } });
}

const notificationsOf = (userId: string) => participationDb(t.services.db).selectFrom('participation_notifications').selectAll().where('user_id', '=', userId).orderBy('created_at').execute();
const outboxOf = async (userId: string) => {
  const user = await t.services.db.selectFrom('users').select(['phone_e164', 'email']).where('id', '=', userId).executeTakeFirstOrThrow();
  return t.services.db.selectFrom('outbox_messages').selectAll().where('recipient', '=', (user.phone_e164 ?? user.email)!).orderBy('created_at').execute();
};
const newProposal = async (authorId: string, title = 'Des arbres le long du quai') => (await submitProposal(t.services.db, ndar(), consultationId, { title, body: 'De l’ombre pour les marchandes.', authorId })).id;
const answer = (proposalId: string, staffId = t.users.get('ndar-toute:staff')!) => answerProposal(t.services.db, ndarId, proposalId, { status: 'accepted', reason: 'Au budget 2027.', staffId });

describe('following', () => {
  it('authors and commenters follow automatically; a person follows and unfollows through the page, signed in', async () => {
    const author = await newPerson();
    const commenter = await newPerson();
    const reader = await newPerson();
    const proposalId = await newProposal(author);
    await addComment(t.services.db, ndar(), { id: proposalId, consultation_id: consultationId }, { body: 'Oui !', authorId: commenter });
    const followers = async () => (await scoped(t.services.db, ndarId).selectFrom('participation_follows').select('user_id').where('proposal_id', '=', proposalId).execute()).map((r) => r.user_id).sort();
    expect(await followers()).toEqual([author, commenter].sort());

    const page = await as(reader, 'GET', `/ndar-toute/proposals/${proposalId}`);
    expect(page.body).toContain(`action="/ndar-toute/proposals/${proposalId}/follow"`);
    expect((await as(reader, 'POST', `/ndar-toute/proposals/${proposalId}/follow`, {})).statusCode).toBe(303);
    expect((await as(reader, 'POST', `/ndar-toute/proposals/${proposalId}/follow`, {})).statusCode).toBe(303);
    expect(await followers()).toEqual([author, commenter, reader].sort());
    expect((await as(reader, 'GET', `/ndar-toute/proposals/${proposalId}`)).body).toContain(`action="/ndar-toute/proposals/${proposalId}/unfollow"`);
    expect((await as(reader, 'POST', `/ndar-toute/proposals/${proposalId}/unfollow`, {})).statusCode).toBe(303);
    expect(await followers()).toEqual([author, commenter].sort());

    expect((await as(null, 'POST', `/ndar-toute/consultations/${consultationId}/follow`, {})).statusCode).toBe(401);
    expect((await as(reader, 'POST', `/ndar-toute/consultations/${consultationId}/follow`, {})).statusCode).toBe(303);
    expect((await as(reader, 'GET', `/ndar-toute/consultations/${consultationId}`)).body).toContain(`action="/ndar-toute/consultations/${consultationId}/unfollow"`);
  });
});

describe('notify', () => {
  it('"answered" reaches the author and the followers, never the staff member who answered', async () => {
    const author = await newPerson();
    const follower = await newPerson();
    const staffId = t.users.get('ndar-toute:staff')!;
    const proposalId = await newProposal(author, 'Un abri à la gare routière');
    await follow(t.services.db, ndarId, follower, { proposalId });
    await follow(t.services.db, ndarId, staffId, { proposalId });
    expect((await t.request('ndar-toute:staff', 'POST', `/ndar-toute/admin/proposals/${proposalId}/answer`, { answer: 'accepted', reason: 'Prévu.' })).statusCode).toBe(303);
    expect((await notificationsOf(author)).map((n) => [n.kind, n.proposal_id])).toEqual([['proposal_answered', proposalId]]);
    expect(await notificationsOf(follower)).toHaveLength(1);
    expect((await notificationsOf(staffId)).filter((n) => n.proposal_id === proposalId)).toEqual([]);
    expect((await as(author, 'GET', '/inbox')).body).toContain('La commune a répondu à votre proposition « Un abri à la gare routière »');
    expect((await as(follower, 'GET', '/inbox')).body).toContain('« Un abri à la gare routière » que vous suivez');
  });

  it('a reply reaches the author of the comment replied to, not someone replying to themselves', async () => {
    const first = await newPerson();
    const second = await newPerson();
    const proposalId = await newProposal(await newPerson());
    const proposal = { id: proposalId, consultation_id: consultationId };
    const parent = await addComment(t.services.db, ndar(), proposal, { body: 'Il faut aussi des bancs.', authorId: first });
    await addComment(t.services.db, ndar(), proposal, { body: 'Et je précise.', authorId: first, parentId: parent.id });
    expect(await notificationsOf(first)).toEqual([]);
    const reply = await addComment(t.services.db, ndar(), proposal, { body: 'D’accord.', authorId: second, parentId: parent.id });
    expect((await notificationsOf(first)).map((n) => [n.kind, n.comment_id])).toEqual([['comment_reply', reply.id]]);
    expect(await notificationsOf(second)).toEqual([]);
    expect((await as(first, 'GET', '/inbox')).body).toContain(`/ndar-toute/proposals/${proposalId}#comment-${reply.id}`);
  });

  it('stays inside the commune: follows recorded elsewhere are ignored, and following across communes is refused', async () => {
    const outsider = await newPerson();
    const author = await newPerson();
    const proposalId = await newProposal(author);
    // Written directly (no page allows it): a follow row of another commune must not make a recipient.
    await participationDb(t.services.db).insertInto('participation_follows').values({ commune_id: tiznitId, user_id: outsider, proposal_id: proposalId }).execute();
    await answer(proposalId);
    expect(await notificationsOf(outsider)).toEqual([]);
    expect(await notificationsOf(author)).toHaveLength(1);
    const reader = await newPerson();
    expect((await as(reader, 'POST', `/tiznit-el-jadida/proposals/${proposalId}/follow`, {})).statusCode).toBe(404);
    expect((await as(reader, 'POST', `/tiznit-el-jadida/consultations/${consultationId}/follow`, {})).statusCode).toBe(404);
    expect(await participationDb(t.services.db).selectFrom('participation_follows').select('id').where('user_id', '=', reader).execute()).toEqual([]);
  });
});

describe('phase openings', () => {
  async function consultationWithPhases() {
    const inCommune = scoped(t.services.db, ndarId);
    const consultation = await inCommune.insertInto('consultations', { title: JSON.stringify({ fr: 'Budget participatif 2027' }), description: '{}', subject_type: 'budget', influence_level: 'involve', status: 'published', tags: '[]', neighbourhoods: '[]' }).returning('id').executeTakeFirstOrThrow();
    const phase = (title: string, starts: string, ends: string) => ({ consultation_id: consultation.id, title: JSON.stringify({ fr: title }), description: '{}', starts_on: starts, ends_on: ends, allows_proposals: true, allows_comments: true, allows_supports: true, allows_survey: false });
    const [ideas, vote] = await inCommune.insertInto('consultation_phases', [phase('Idées', '2027-03-01', '2027-03-31'), phase('Vote', '2027-04-01', '2027-04-30')]).returning('id').execute();
    return { id: consultation.id, ideas: ideas!.id, vote: vote!.id };
  }

  it('are announced once to followers and authors, even when the job runs twice at once and again', async () => {
    const consultation = await consultationWithPhases();
    const follower = await newPerson();
    const author = await newPerson();
    await follow(t.services.db, ndarId, follower, { consultationId: consultation.id });
    await scoped(t.services.db, ndarId).insertInto('proposals', { consultation_id: consultation.id, phase_id: consultation.ideas, author_id: author, channel: 'web', title: 'Un terrain de basket', body: 'Pour les jeunes de Sor.' }).execute();

    expect(await announcePhaseOpenings(t.services.db, new Date('2027-02-28T12:00:00Z'))).not.toContain(consultation.ideas);
    const now = new Date('2027-03-01T08:00:00Z');
    const runs = await Promise.all([announcePhaseOpenings(t.services.db, now), announcePhaseOpenings(t.services.db, now)]);
    expect(runs.flat().filter((id) => id === consultation.ideas)).toHaveLength(1);
    expect(await announcePhaseOpenings(t.services.db, now)).toEqual([]);
    for (const person of [follower, author]) expect((await notificationsOf(person)).map((n) => [n.kind, n.phase_id])).toEqual([['phase_opened', consultation.ideas]]);
    expect((await as(follower, 'GET', '/inbox')).body).toContain('Nouvelle étape « Idées » dans la consultation « Budget participatif 2027 »');
  });

  it('include the phase staff open by hand, and never drafts', async () => {
    const consultation = await consultationWithPhases();
    const follower = await newPerson();
    await follow(t.services.db, ndarId, follower, { consultationId: consultation.id });
    expect((await t.request('ndar-toute:staff', 'POST', `/ndar-toute/admin/consultations/${consultation.id}/active-phase`, { phase_id: consultation.vote })).statusCode).toBe(303);
    // Announced at once by the move, so the job has nothing left to do for it.
    expect((await notificationsOf(follower)).map((n) => n.phase_id)).toEqual([consultation.vote]);
    expect(await announcePhaseOpenings(t.services.db, new Date('2026-12-01T08:00:00Z'))).not.toContain(consultation.vote);
    expect(await notificationsOf(follower)).toHaveLength(1);
    const draft = await consultationWithPhases();
    await scoped(t.services.db, ndarId).updateTable('consultations').set({ status: 'draft' }).where('id', '=', draft.id).execute();
    expect(await announcePhaseOpenings(t.services.db, new Date('2027-03-02T08:00:00Z'), { consultationId: draft.id })).toEqual([]);
  });
});

describe('preferences', () => {
  it('are chosen on a page (digest by default) and kept when the form is invalid', async () => {
    const person = await newPerson();
    const page = await as(person, 'GET', '/account/notifications');
    expect(page.body).toMatch(/value="digest"[^>]*checked/);
    expect(page.body).toMatch(/name="kind_comment_reply"[^>]*checked/);
    expect((await as(null, 'GET', '/account/notifications')).statusCode).toBe(303);
    const invalid = await as(person, 'POST', '/account/notifications', { delivery: 'pigeon', kind_phase_opened: 'on' });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.body).toContain('error-summary');
    expect(invalid.body).toMatch(/name="kind_phase_opened"[^>]*checked/);
    expect(invalid.body).not.toMatch(/name="kind_comment_reply"[^>]*checked/);
    expect((await as(person, 'POST', '/account/notifications', { delivery: 'each_time', kind_phase_opened: 'on' })).statusCode).toBe(303);
    expect(await preferencesOf(t.services.db, person)).toEqual({ enabledKinds: ['phase_opened'], delivery: 'each_time' });
    expect((await t.request('ndar-toute:citizen', 'GET', '/account')).body).toContain('href="/account/notifications"');
  });

  it('a kind switched off creates nothing; "inbox only" sends nothing; "each time" sends one message per notification', async () => {
    const off = await newPerson();
    const inboxOnly = await newPerson();
    const eachTime = await newPerson();
    await savePreferences(t.services.db, off, { enabledKinds: ['comment_reply'], delivery: 'digest' });
    await savePreferences(t.services.db, inboxOnly, { enabledKinds: ['proposal_answered'], delivery: 'inbox' });
    await savePreferences(t.services.db, eachTime, { enabledKinds: ['proposal_answered'], delivery: 'each_time' });
    const first = await newProposal(await newPerson());
    const second = await newProposal(await newPerson());
    for (const proposalId of [first, second]) for (const person of [off, inboxOnly, eachTime]) await follow(t.services.db, ndarId, person, { proposalId });
    await answer(first);
    await answer(second);
    expect(await notificationsOf(off)).toEqual([]);
    expect(await notificationsOf(inboxOnly)).toHaveLength(2);
    expect(await sendEachTime(delivery, new Date())).toBeGreaterThanOrEqual(2);
    await sendDigests(delivery, evening('2027-01-10'));
    expect(await outboxOf(inboxOnly)).toEqual([]);
    const messages = await outboxOf(eachTime);
    expect(messages.map((m) => [m.channel, m.purpose])).toEqual([['sms', 'notification'], ['sms', 'notification']]);
    expect(messages[0]!.body).toContain(`https://palabre.example/ndar-toute/proposals/${first}`);
    expect(messages[0]!.body).toContain(`https://palabre.example/account/notifications/stop/${stopToken(delivery.secret, eachTime)}`);
    expect(await sendEachTime(delivery, new Date())).toBe(0);
  });
});

describe('daily digest', () => {
  it('gathers a day in one message per person, with counts in the person’s language, from the evening only', async () => {
    const french = await newPerson();
    const english = await newPerson({ locale: 'en', email: true });
    const proposals = [await newProposal(await newPerson()), await newProposal(await newPerson())];
    for (const proposalId of proposals) for (const person of [french, english]) await follow(t.services.db, ndarId, person, { proposalId });
    for (const proposalId of proposals) await answer(proposalId);
    const parent = await addComment(t.services.db, ndar(), { id: proposals[0]!, consultation_id: consultationId }, { body: 'Merci.', authorId: french });
    await addComment(t.services.db, ndar(), { id: proposals[0]!, consultation_id: consultationId }, { body: 'De rien.', authorId: english, parentId: parent.id });

    await sendDigests(delivery, new Date('2027-01-11T10:00:00Z'));
    expect(await outboxOf(french)).toEqual([]);
    await Promise.all([sendDigests(delivery, evening('2027-01-11')), sendDigests(delivery, evening('2027-01-11'))]);
    await sendDigests(delivery, new Date('2027-01-11T21:00:00Z'));
    const [sms, ...noMore] = await outboxOf(french);
    expect(noMore).toEqual([]);
    expect(sms).toMatchObject({ channel: 'sms', purpose: 'digest' });
    expect(sms!.body).toContain('Palabre — Ndar Toute : 2 réponses, 1 réponse à votre commentaire.');
    expect(sms!.body).toContain('Voir : https://palabre.example/inbox');
    expect(sms!.body).toMatch(/Arrêter : https:\/\/palabre\.example\/account\/notifications\/stop\/\S+$/);
    const [email] = await outboxOf(english);
    expect(email).toMatchObject({ channel: 'email', purpose: 'digest' });
    expect(email!.body).toContain('2 answers');
    expect(email!.body).toContain('- The commune answered the proposal “Des arbres le long du quai” you follow https://palabre.example/ndar-toute/proposals/');

    // The next day brings a new digest with only what is new.
    await answer(await newProposal(french, 'Un marché couvert'));
    await sendDigests(delivery, evening('2027-01-12'));
    const next = (await outboxOf(french)).at(-1)!;
    expect(next.body).toContain('Ndar Toute : 1 réponse.');
  });
});

describe('stop link', () => {
  it('works without signing in, changes nothing on GET, stops everything on POST, and belongs to one person', async () => {
    const person = await newPerson();
    const other = await newPerson();
    const token = stopToken(t.services.config.sessionSecret, person);
    const form = await as(null, 'GET', `/account/notifications/stop/${token}`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`action="/account/notifications/stop/${token}"`);
    expect((await preferencesOf(t.services.db, person)).delivery).toBe('digest');
    // Another person's id with this MAC, or a MAC made with another secret, is refused.
    const forged = stopToken(t.services.config.sessionSecret, other).slice(0, 22) + token.slice(22);
    expect((await as(null, 'GET', `/account/notifications/stop/${forged}`)).statusCode).toBe(404);
    expect((await as(null, 'POST', `/account/notifications/stop/${stopToken('another-secret-of-32-characters!!', person)}`, {})).statusCode).toBe(404);
    expect((await as(null, 'POST', `/account/notifications/stop/${token}`, {})).statusCode).toBe(303);
    expect(await preferencesOf(t.services.db, person)).toEqual({ enabledKinds: [], delivery: 'inbox' });
    expect(await preferencesOf(t.services.db, other)).toEqual({ enabledKinds: expect.arrayContaining(['proposal_answered']), delivery: 'digest' });
    const proposalId = await newProposal(await newPerson());
    await follow(t.services.db, ndarId, person, { proposalId });
    await answer(proposalId);
    expect(await notificationsOf(person)).toEqual([]);
  });

  it('the signed-in "stop everything" button also stops what was waiting to be sent', async () => {
    const person = await newPerson();
    const proposalId = await newProposal(await newPerson());
    await follow(t.services.db, ndarId, person, { proposalId });
    await notify(t.services.db, { kind: 'proposal_answered', communeId: ndarId, actorId: null, about: { proposalId }, to: { followersOfProposal: proposalId } });
    expect((await as(person, 'POST', '/account/notifications/stop', {})).statusCode).toBe(303);
    await sendDigests(delivery, evening('2027-01-20'));
    expect(await outboxOf(person)).toEqual([]);
    expect((await as(person, 'GET', '/account/notifications')).body).toContain('Toutes vos notifications sont arrêtées');
  });
});

describe('inbox', () => {
  it('shows every kind, including merges and appeal decisions recorded by those features', async () => {
    const person = await newPerson();
    const proposalId = await newProposal(person, 'Un puits à Léona');
    for (const kind of ['proposal_merged', 'appeal_decided'] as const) {
      await notify(t.services.db, { kind, communeId: ndarId, actorId: null, about: { proposalId }, to: { users: [person] } });
    }
    const inbox = (await as(person, 'GET', '/inbox')).body;
    expect(inbox).toContain('« Un puits à Léona », a été fusionnée avec une autre');
    expect(inbox).toContain('Votre contestation au sujet de « Un puits à Léona » a été tranchée');
    expect(inbox).toContain('href="/account/notifications"');
  });
});

describe('module jobs', () => {
  it('one run announces the open phases and sends the evening digests through the outbox', async () => {
    const author = await newPerson({ locale: 'ar' });
    const inCommune = scoped(t.services.db, ndarId);
    const consultation = await inCommune.insertInto('consultations', { title: JSON.stringify({ fr: 'Plan de mobilité' }), description: '{}', subject_type: 'other', influence_level: 'consult', status: 'published', tags: '[]', neighbourhoods: '[]' }).returning('id').executeTakeFirstOrThrow();
    const phase = await inCommune.insertInto('consultation_phases', { consultation_id: consultation.id, title: JSON.stringify({ fr: 'Ateliers' }), description: '{}', starts_on: '2027-05-01', ends_on: '2027-05-31', allows_proposals: true, allows_comments: true, allows_supports: true, allows_survey: false }).returning('id').executeTakeFirstOrThrow();
    await inCommune.insertInto('proposals', { consultation_id: consultation.id, phase_id: phase.id, author_id: author, channel: 'web', title: 'Des trottoirs', body: 'Pour marcher en sécurité.' }).execute();
    const log = { info: () => {}, error: (object: object) => { throw new Error(`job failed: ${JSON.stringify(object)}`); } };
    expect(await runJobsOnce(t.services.modules, t.services, log, new Date('2027-05-02T19:00:00Z'))).toEqual([]);
    const [sms] = await outboxOf(author);
    expect(sms).toMatchObject({ channel: 'sms', purpose: 'digest' });
    expect(sms!.body).toContain('مرحلة جديدة واحدة');
  });
});
