import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test-support/test-app.js';
import { plansDb } from '../tables.js';
import { unansweredCommentStats } from './stats.js';
import { commentsDb } from './tables.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const firstCommitment = () => plansDb(t.services.db).selectFrom('accountability_commitments').select(['id', 'plan_id', 'commune_id']).where('number', '=', 1).executeTakeFirstOrThrow();
const pageOf = (c: { id: string; plan_id: string }) => `/ndar-toute/plans/${c.plan_id}/commitments/${c.id}`;
const latestComment = () => commentsDb(t.services.db).selectFrom('accountability_comments').selectAll().orderBy('created_at', 'desc').executeTakeFirstOrThrow();
const auditActions = async () => (await t.services.db.selectFrom('audit_log').select(['action', 'details']).where('action', 'like', 'accountability.comment.%').orderBy('created_at').execute());

describe('comments on commitments and the commune’s reasoned responses', () => {
  it('takes a resident’s comment, counts it as unanswered in public until staff answer with reasons', async () => {
    const commitment = await firstCommitment();
    const before = await unansweredCommentStats(t.services.db, commitment.commune_id, commitment.plan_id);
    expect(before).toEqual({ total: 2, unanswered: 1 });
    const anonymous = await t.request(null, 'GET', pageOf(commitment));
    expect(anonymous.body).toContain('Connectez-vous pour commenter cet engagement.');
    expect(anonymous.body).toContain('0 sans réponse');

    const tooShort = await t.request('ndar-toute:citizen', 'POST', `${pageOf(commitment)}/comments`, { body: 'ok' });
    expect(tooShort.statusCode).toBe(422);
    expect(tooShort.body).toContain('Écrivez au moins 3 caractères.');
    expect(tooShort.body).toContain('>ok</textarea>');

    const sent = await t.request('ndar-toute:citizen', 'POST', `${pageOf(commitment)}/comments`, { body: 'Publiez aussi les avenants aux marchés, <script>alert(1)</script>' });
    expect(sent.statusCode).toBe(303);
    const page = await t.request(null, 'GET', pageOf(commitment));
    expect(page.body).toContain('Publiez aussi les avenants aux marchés');
    expect(page.body).not.toContain('<script>alert(1)</script>');
    expect(page.body).toContain('1 sans réponse');
    expect(page.body).toContain('En attente de la réponse de la commune depuis 0 jour(s).');
    expect((await t.request(null, 'GET', `/ndar-toute/plans/${commitment.plan_id}`)).body).toMatch(/id="plan-comment-counts"[\s\S]*2 sans réponse/);
    expect(await unansweredCommentStats(t.services.db, commitment.commune_id, commitment.plan_id)).toEqual({ total: 3, unanswered: 2 });

    const comment = await latestComment();
    const queue = await t.request('ndar-toute:staff', 'GET', '/ndar-toute/admin/plans/comments');
    expect(queue.body).toContain('Publiez aussi les avenants aux marchés');
    const bare = await t.request('ndar-toute:staff', 'POST', `/ndar-toute/admin/plans/comments/${comment.id}`, { outcome: 'taken_into_account', response: 'Noté.' });
    expect(bare.statusCode).toBe(422);
    expect(bare.body).toContain('Une réponse motivée explique la décision : 20 caractères au moins.');
    expect(bare.body).toContain('Noté.');
    const answered = await t.request('ndar-toute:staff', 'POST', `/ndar-toute/admin/plans/comments/${comment.id}`, { outcome: 'taken_into_account', response: 'Les avenants seront publiés avec chaque marché dès janvier.' });
    expect(answered.statusCode).toBe(303);
    const after = await t.request(null, 'GET', pageOf(commitment));
    expect(after.body).toContain('Les avenants seront publiés avec chaque marché dès janvier.');
    expect(after.body).toContain('Pris en compte');
    expect(after.body).toContain('0 sans réponse');
    expect(await unansweredCommentStats(t.services.db, commitment.commune_id, commitment.plan_id)).toEqual({ total: 3, unanswered: 1 });

    await t.request('ndar-toute:staff', 'POST', `/ndar-toute/admin/plans/comments/${comment.id}`, { outcome: 'partly', response: 'Les avenants de plus de 10 millions seront publiés dès janvier.' });
    const actions = await auditActions();
    expect(actions.map((a) => a.action)).toEqual(['accountability.comment.answered', 'accountability.comment.response_changed']);
    expect(JSON.stringify(actions[1]!.details)).toContain('Les avenants seront publiés avec chaque marché dès janvier.');
  });

  it('lets moderators hide a comment (reason shown, no answer owed) but not answer in the commune’s name', async () => {
    const commitment = await firstCommitment();
    await t.request('ndar-toute:citizen', 'POST', `${pageOf(commitment)}/comments`, { body: 'Un message hors sujet et insultant.' });
    const comment = await latestComment();
    const answer = await t.request('ndar-toute:moderator', 'POST', `/ndar-toute/admin/plans/comments/${comment.id}`, { outcome: 'information', response: 'Une réponse qui ne devrait pas passer.' });
    expect(answer.statusCode).toBe(403);
    expect((await t.request('ndar-toute:citizen', 'GET', '/ndar-toute/admin/plans/comments')).statusCode).toBe(403);
    const noReason = await t.request('ndar-toute:moderator', 'POST', `/ndar-toute/admin/plans/comments/${comment.id}/hide`, { reason: '' });
    expect(noReason.statusCode).toBe(422);
    expect((await t.request('ndar-toute:moderator', 'POST', `/ndar-toute/admin/plans/comments/${comment.id}/hide`, { reason: 'Propos injurieux' })).statusCode).toBe(303);
    const page = await t.request(null, 'GET', pageOf(commitment));
    expect(page.body).toContain('Commentaire masqué par la modération : Propos injurieux');
    expect(page.body).not.toContain('Un message hors sujet et insultant.');
    expect(await unansweredCommentStats(t.services.db, commitment.commune_id, commitment.plan_id)).toEqual({ total: 3, unanswered: 1 });
    expect((await t.request('ndar-toute:staff', 'POST', `/ndar-toute/admin/plans/comments/${comment.id}`, { outcome: 'information', response: 'Trop tard, il est masqué déjà.' })).statusCode).toBe(404);
  });

  it('keeps comments inside their commune and off drafts', async () => {
    const commitment = await firstCommitment();
    const comment = await latestComment();
    expect((await t.request('tiznit-el-jadida:staff', 'GET', `/tiznit-el-jadida/admin/plans/comments/${comment.id}`)).statusCode).toBe(404);
    expect((await t.request('tiznit-el-jadida:staff', 'POST', `/tiznit-el-jadida/admin/plans/comments/${comment.id}`, { outcome: 'information', response: 'Une réponse venue d’une autre commune.' })).statusCode).toBe(404);
    expect((await t.request('tiznit-el-jadida:citizen', 'POST', `/tiznit-el-jadida/plans/${commitment.plan_id}/commitments/${commitment.id}/comments`, { body: 'Mauvaise commune' })).statusCode).toBe(404);
    expect((await t.request('ndar-toute:citizen', 'POST', `/ndar-toute/plans/${commitment.plan_id}/commitments/not-a-uuid/comments`, { body: 'Nulle part' })).statusCode).toBe(404);
    expect((await t.request(null, 'POST', `${pageOf(commitment)}/comments`, { body: 'Sans compte' })).statusCode).not.toBe(303);

    await plansDb(t.services.db).updateTable('accountability_plans').set({ state: 'draft' }).where('id', '=', commitment.plan_id).execute();
    expect((await t.request('ndar-toute:citizen', 'POST', `${pageOf(commitment)}/comments`, { body: 'Sur un brouillon' })).statusCode).toBe(404);
    await plansDb(t.services.db).updateTable('accountability_plans').set({ state: 'published' }).where('id', '=', commitment.plan_id).execute();
    const stored = await commentsDb(t.services.db).selectFrom('accountability_comments').select('body').execute();
    expect(stored.map((c) => c.body)).not.toContain('Sur un brouillon');
  });
});
