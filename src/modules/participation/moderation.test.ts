import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { participationExports } from './exports.js';
import { scoped } from './queries/participation-queries.js';

let t: TestApp;
let ndarId: string;
let consultationId: string;
let proposalId: string;
let otherProposalId: string;

beforeAll(async () => {
  t = await createTestApp();
  ndarId = await t.communeId('ndar-toute');
  consultationId = (await scoped(t.services.db, ndarId).selectFrom('consultations').select('id').executeTakeFirstOrThrow()).id;
  const proposals = await scoped(t.services.db, ndarId).selectFrom('proposals').select('id').where('consultation_id', '=', consultationId).orderBy('created_at').orderBy('id').execute();
  proposalId = proposals[0]!.id;
  otherProposalId = proposals[1]!.id;
});
afterAll(() => t.close());

const inNdar = () => scoped(t.services.db, ndarId);
const auditActions = async (resourceId: string) => (await t.services.db.selectFrom('audit_log').select(['action', 'actor_user_id']).where('resource_id', '=', resourceId).orderBy('created_at').execute());
const appealOf = (column: 'proposal_id' | 'comment_id', id: string) => inNdar().selectFrom('moderation_appeals').selectAll().where(column, '=', id).executeTakeFirst();

describe('reporting a proposal', () => {
  it('any signed-in person reports once; a second report is told "already reported", not an error', async () => {
    expect((await t.request(null, 'POST', `/ndar-toute/proposals/${proposalId}/report`, { reason: 'Anonyme' })).statusCode).toBe(401);
    const page = await t.request('ndar-toute:staff', 'GET', `/ndar-toute/proposals/${proposalId}`);
    expect(page.body).toContain(`/ndar-toute/proposals/${proposalId}/report`);
    expect((await t.request('ndar-toute:staff', 'POST', `/ndar-toute/proposals/${proposalId}/report`, { reason: 'Publicité déguisée' })).statusCode).toBe(303);
    expect((await t.request('ndar-toute:mediator', 'POST', `/ndar-toute/proposals/${proposalId}/report`, { reason: 'Hors sujet' })).statusCode).toBe(303);
    const again = await t.request('ndar-toute:staff', 'POST', `/ndar-toute/proposals/${proposalId}/report`, { reason: 'Encore' });
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain('Vous avez déjà signalé ce contenu');
    const reports = await inNdar().selectFrom('content_reports').selectAll().where('proposal_id', '=', proposalId).execute();
    expect(reports.map((r) => r.reason).sort()).toEqual(['Hors sujet', 'Publicité déguisée']);
  });

  it('is refused through another commune, and a report names exactly one item', async () => {
    expect((await t.request('tiznit-el-jadida:citizen', 'POST', `/tiznit-el-jadida/proposals/${proposalId}/report`, { reason: 'x' })).statusCode).toBe(404);
    await expect(inNdar().insertInto('content_reports', { proposal_id: null, comment_id: null, reporter_id: t.users.get('ndar-toute:citizen')!, reason: 'rien' }).execute()).rejects.toThrow();
  });

  it('the moderation queue lists the reported proposal with its reasons and count', async () => {
    const queue = await t.request('ndar-toute:moderator', 'GET', '/ndar-toute/admin/moderation');
    expect(queue.statusCode).toBe(200);
    expect(queue.body).toContain('Éclairage solaire sur la route de la Corniche');
    expect(queue.body).toContain('2 signalement(s)');
    expect(queue.body).toContain('Publicité déguisée');
    expect(queue.body).toContain(`/ndar-toute/admin/proposals/${proposalId}/hide`);
  });
});

describe('hiding a proposal', () => {
  it('only moderators and staff of the commune may hide', async () => {
    expect((await t.request('ndar-toute:citizen', 'POST', `/ndar-toute/admin/proposals/${proposalId}/hide`, { reason: 'x' })).statusCode).toBe(403);
    expect((await t.request('tiznit-el-jadida:moderator', 'POST', `/tiznit-el-jadida/admin/proposals/${proposalId}/hide`, { reason: 'x' })).statusCode).toBe(404);
    expect((await inNdar().selectFrom('proposals').select('hidden_at').where('id', '=', proposalId).executeTakeFirstOrThrow()).hidden_at).toBeNull();
  });

  it('a moderator hides it with a reason: shown in its place, out of lists, suggestions, supports and exports; audited', async () => {
    expect((await t.request('ndar-toute:moderator', 'POST', `/ndar-toute/admin/proposals/${proposalId}/hide`, { reason: 'Publicité pour un commerce' })).statusCode).toBe(303);
    const page = await t.request(null, 'GET', `/ndar-toute/proposals/${proposalId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Cette proposition a été masquée par la modération');
    expect(page.body).toContain('Publicité pour un commerce');
    expect(page.body).not.toContain('Éclairage solaire');
    expect(page.body).not.toContain('plongée dans le noir');
    const list = await t.request(null, 'GET', `/ndar-toute/consultations/${consultationId}`);
    expect(list.body).not.toContain('Éclairage solaire');
    expect(list.body).toContain('Un forage pour le marché de Pikine');
    const similar = await t.request('ndar-toute:citizen', 'POST', `/ndar-toute/consultations/${consultationId}/proposals`, { title: 'Éclairage solaire de la Corniche', body: 'Encore plus de lumière.' });
    expect(similar.statusCode).toBe(303);
    expect((await t.request('ndar-toute:citizen', 'POST', `/ndar-toute/proposals/${proposalId}/support`, {})).statusCode).toBe(409);
    expect((await t.request('ndar-toute:citizen', 'POST', `/ndar-toute/proposals/${proposalId}/comments`, { body: 'Toujours là ?' })).statusCode).toBe(409);
    const rows = await participationExports[0]!.rows(t.services.db, ndarId);
    expect(rows.map((r) => r.id)).not.toContain(proposalId);
    expect(rows.map((r) => r.id)).toContain(otherProposalId);
    const backOffice = await t.request('ndar-toute:staff', 'GET', `/ndar-toute/admin/consultations/${consultationId}`);
    expect(backOffice.body).toContain('Éclairage solaire sur la route de la Corniche');
    expect(backOffice.body).toContain(`/ndar-toute/admin/proposals/${proposalId}/unhide`);
    expect((await t.request('ndar-toute:moderator', 'GET', '/ndar-toute/admin/moderation')).body).not.toContain('Publicité déguisée');
    expect(await auditActions(proposalId)).toEqual([{ action: 'proposal.hidden', actor_user_id: t.users.get('ndar-toute:moderator') }]);
  });

  it('staff can show it again, audited', async () => {
    expect((await t.request('ndar-toute:staff', 'POST', `/ndar-toute/admin/proposals/${otherProposalId}/hide`, { reason: 'Erreur' })).statusCode).toBe(303);
    expect((await t.request('ndar-toute:staff', 'POST', `/ndar-toute/admin/proposals/${otherProposalId}/unhide`, {})).statusCode).toBe(303);
    expect((await t.request(null, 'GET', `/ndar-toute/consultations/${consultationId}`)).body).toContain('Un forage pour le marché de Pikine');
    expect((await auditActions(otherProposalId)).map((a) => a.action)).toEqual(['proposal.hidden', 'proposal.unhidden']);
  });
});

describe('appeals', () => {
  it('only the author of a hidden item appeals, once; a second appeal gets a clear message', async () => {
    const authorPage = await t.request('ndar-toute:citizen', 'GET', `/ndar-toute/proposals/${proposalId}`);
    expect(authorPage.body).toContain(`/ndar-toute/proposals/${proposalId}/appeal`);
    expect((await t.request('ndar-toute:staff', 'GET', `/ndar-toute/proposals/${proposalId}`)).body).not.toContain(`/proposals/${proposalId}/appeal`);
    expect((await t.request('ndar-toute:staff', 'POST', `/ndar-toute/proposals/${proposalId}/appeal`, { body: 'Pas moi' })).statusCode).toBe(403);
    expect((await t.request('ndar-toute:citizen', 'POST', `/ndar-toute/proposals/${otherProposalId}/appeal`, { body: 'Pas masquée' })).statusCode).toBe(409);
    expect((await t.request('tiznit-el-jadida:citizen', 'POST', `/tiznit-el-jadida/proposals/${proposalId}/appeal`, { body: 'Ailleurs' })).statusCode).toBe(404);
    expect((await t.request('ndar-toute:citizen', 'POST', `/ndar-toute/proposals/${proposalId}/appeal`, { body: 'x'.repeat(1001) })).statusCode).toBe(422);
    expect((await t.request('ndar-toute:citizen', 'POST', `/ndar-toute/proposals/${proposalId}/appeal`, { body: "Ce n'est pas une publicité : c'est un vrai besoin." })).statusCode).toBe(303);
    const second = await t.request('ndar-toute:citizen', 'POST', `/ndar-toute/proposals/${proposalId}/appeal`, { body: 'Encore une fois' });
    expect(second.statusCode).toBe(409);
    expect(second.body).toContain('une seule contestation est possible');
    expect((await t.request('ndar-toute:citizen', 'GET', `/ndar-toute/proposals/${proposalId}`)).body).toContain("Votre contestation est en cours d&#39;examen.");
  });

  it('appear in the queue; another commune cannot decide; a moderator restores, is recorded, and the author is told', async () => {
    const appeal = (await appealOf('proposal_id', proposalId))!;
    const queue = await t.request('ndar-toute:staff', 'GET', '/ndar-toute/admin/moderation');
    expect(queue.body).toContain('un vrai besoin');
    expect(queue.body).toContain(`/ndar-toute/admin/appeals/${appeal.id}/decide`);
    expect((await t.request('tiznit-el-jadida:moderator', 'POST', `/tiznit-el-jadida/admin/appeals/${appeal.id}/decide`, { decision: 'restored', reason: 'x' })).statusCode).toBe(404);
    expect((await t.request('ndar-toute:citizen', 'POST', `/ndar-toute/admin/appeals/${appeal.id}/decide`, { decision: 'restored', reason: 'x' })).statusCode).toBe(403);
    expect((await t.request('ndar-toute:staff', 'POST', `/ndar-toute/admin/appeals/${appeal.id}/decide`, { decision: 'restored', reason: 'Besoin réel, pas de publicité' })).statusCode).toBe(303);
    expect(await appealOf('proposal_id', proposalId)).toMatchObject({ decision: 'restored', decided_by: t.users.get('ndar-toute:staff') });
    expect((await t.request(null, 'GET', `/ndar-toute/proposals/${proposalId}`)).body).toContain('Éclairage solaire');
    expect((await t.request('ndar-toute:staff', 'POST', `/ndar-toute/admin/appeals/${appeal.id}/decide`, { decision: 'upheld', reason: 'Deux fois' })).statusCode).toBe(404);
    const inbox = await t.request('ndar-toute:citizen', 'GET', '/inbox');
    expect(inbox.body).toContain('Votre contestation au sujet de « Éclairage solaire sur la route de la Corniche » a été tranchée');
    expect(inbox.body).toContain('Besoin réel, pas de publicité');
    expect((await auditActions(proposalId)).map((a) => a.action)).toEqual(['proposal.hidden', 'appeal.restored']);
  });

  it('work for comments too: hidden, appealed from the proposal page, upheld with a reason', async () => {
    const comment = await inNdar().insertInto('proposal_comments', { proposal_id: otherProposalId, author_id: t.users.get('ndar-toute:citizen')!, body: 'Un commentaire vif' }).returning('id').executeTakeFirstOrThrow();
    expect((await t.request('ndar-toute:moderator', 'POST', `/ndar-toute/admin/comments/${comment.id}/hide`, { reason: 'Propos blessants' })).statusCode).toBe(303);
    const page = await t.request('ndar-toute:citizen', 'GET', `/ndar-toute/proposals/${otherProposalId}`);
    expect(page.body).toContain(`/ndar-toute/comments/${comment.id}/appeal`);
    expect((await t.request('ndar-toute:citizen', 'POST', `/ndar-toute/comments/${comment.id}/appeal`, { body: 'Je retire le mot fort.' })).statusCode).toBe(303);
    expect((await t.request('ndar-toute:citizen', 'POST', `/ndar-toute/comments/${comment.id}/appeal`, { body: 'Encore' })).statusCode).toBe(409);
    const appeal = (await appealOf('comment_id', comment.id))!;
    // Whoever hid the comment does not judge the appeal: the queue tells them, the route refuses.
    expect((await t.request('ndar-toute:moderator', 'GET', '/ndar-toute/admin/moderation')).body).toContain('Vous avez masqué ce contenu');
    expect((await t.request('ndar-toute:moderator', 'POST', `/ndar-toute/admin/appeals/${appeal.id}/decide`, { decision: 'restored', reason: 'Moi-même' })).statusCode).toBe(403);
    expect((await t.request('ndar-toute:admin', 'POST', `/ndar-toute/admin/appeals/${appeal.id}/decide`, { decision: 'upheld', reason: 'Le propos reste blessant' })).statusCode).toBe(303);
    expect(await appealOf('comment_id', comment.id)).toMatchObject({ decision: 'upheld', decided_by: t.users.get('ndar-toute:admin') });
    const row = await inNdar().selectFrom('proposal_comments').select('hidden_at').where('id', '=', comment.id).executeTakeFirstOrThrow();
    expect(row.hidden_at).not.toBeNull();
    const notification = await inNdar().selectFrom('participation_notifications').selectAll().where('appeal_id', '=', appeal.id).executeTakeFirstOrThrow();
    expect(notification).toMatchObject({ kind: 'appeal_decided', proposal_id: otherProposalId });
    expect((await t.request('ndar-toute:citizen', 'GET', '/inbox')).body).toContain('Le propos reste blessant');
    expect((await auditActions(comment.id)).map((a) => a.action)).toEqual(['comment.hidden', 'appeal.upheld']);
  });
});

describe('archiving a consultation', () => {
  const archive = (key: string, slug = 'ndar-toute') => t.request(key, 'POST', `/${slug}/admin/consultations/${consultationId}/archive`, {});

  it('is refused while the consultation is open, and through another commune', async () => {
    expect((await archive('ndar-toute:staff')).statusCode).toBe(409);
    expect((await archive('tiznit-el-jadida:staff', 'tiznit-el-jadida')).statusCode).toBe(404);
    expect((await archive('ndar-toute:moderator')).statusCode).toBe(403);
  });

  it('needs an answer to every visible proposal: the refusal gives the number waiting and a link to them', async () => {
    await inNdar().updateTable('consultations').set({ status: 'closed', closed_at: new Date() }).where('id', '=', consultationId).execute();
    // Hidden proposals need no answer: hide every proposal but two.
    await inNdar().updateTable('proposals').set({ hidden_at: new Date(), hidden_reason: 'Doublon' }).where('consultation_id', '=', consultationId).where('id', 'not in', [proposalId, otherProposalId]).execute();
    const refused = await archive('ndar-toute:staff');
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('2 proposition(s) attendent encore une réponse');
    expect(refused.body).toContain(`/ndar-toute/consultations/${consultationId}?answer=awaiting`);
    for (const id of [proposalId, otherProposalId]) {
      expect((await t.request('ndar-toute:staff', 'POST', `/ndar-toute/admin/proposals/${id}/answer`, { answer: 'accepted', reason: 'Inscrit au plan.' })).statusCode).toBe(303);
    }
    expect((await archive('ndar-toute:staff')).statusCode).toBe(303);
    expect((await inNdar().selectFrom('consultations').select('status').where('id', '=', consultationId).executeTakeFirstOrThrow()).status).toBe('archived');
    expect((await auditActions(consultationId)).map((a) => a.action)).toContain('consultation.archived');
  });

  it('stays public in an Archives section, read-only: no proposals, supports, comments, reports or edits', async () => {
    const list = await t.request(null, 'GET', '/ndar-toute/consultations');
    expect(list.body).toContain('Archives');
    expect(list.body.indexOf(consultationId)).toBeGreaterThan(list.body.indexOf('id="archives-title"'));
    const page = await t.request(null, 'GET', `/ndar-toute/consultations/${consultationId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Cette consultation est archivée');
    expect((await t.request('ndar-toute:citizen', 'POST', `/ndar-toute/consultations/${consultationId}/proposals`, { title: 'Tard', body: 'Trop tard', confirmed: '1' })).statusCode).toBe(409);
    expect((await t.request('ndar-toute:citizen', 'POST', `/ndar-toute/proposals/${otherProposalId}/support`, {})).statusCode).toBe(409);
    expect((await t.request('ndar-toute:citizen', 'POST', `/ndar-toute/proposals/${otherProposalId}/comments`, { body: 'Tard' })).statusCode).toBe(409);
    const report = await t.request('ndar-toute:citizen', 'POST', `/ndar-toute/proposals/${otherProposalId}/report`, { reason: 'Tard' });
    expect(report.statusCode).toBe(409);
    expect(report.body).toContain('on ne peut plus y signaler');
    expect((await t.request('ndar-toute:staff', 'POST', `/ndar-toute/admin/consultations/${consultationId}`, { title_fr: 'Rouverte', subject_type: 'budget', influence_level: 'consult', status: 'published' })).statusCode).toBe(409);
    expect((await archive('ndar-toute:staff')).statusCode).toBe(409);
  });
});
