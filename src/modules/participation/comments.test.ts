import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { scoped } from './queries/participation-queries.js';

let t: TestApp;
let ndarId: string;
let proposalId: string;

beforeAll(async () => {
  t = await createTestApp();
  ndarId = await t.communeId('ndar-toute');
  proposalId = (await scoped(t.services.db, ndarId).selectFrom('proposals').select('id').orderBy('created_at').executeTakeFirstOrThrow()).id;
});
afterAll(() => t.close());

const commentsOf = () => scoped(t.services.db, ndarId).selectFrom('proposal_comments').selectAll().where('proposal_id', '=', proposalId).orderBy('created_at').execute();

describe('comments', () => {
  it('a citizen comments and another replies, one level deep; hostile text stays inert', async () => {
    expect((await t.request('ndar-toute:citizen', 'POST', `/ndar-toute/proposals/${proposalId}/comments`, { body: 'Bonne idée ! <img src=x onerror=alert(1)>' })).statusCode).toBe(303);
    const [first] = await commentsOf();
    expect((await t.request('ndar-toute:moderator', 'POST', `/ndar-toute/proposals/${proposalId}/comments`, { body: 'Je confirme.', parent_id: first!.id })).statusCode).toBe(303);
    const reply = (await commentsOf()).find((c) => c.parent_id === first!.id)!;
    const tooDeep = await t.request('ndar-toute:citizen', 'POST', `/ndar-toute/proposals/${proposalId}/comments`, { body: 'Trop profond', parent_id: reply.id });
    expect(tooDeep.statusCode).toBe(400);
    const page = await t.request(null, 'GET', `/ndar-toute/proposals/${proposalId}`);
    expect(page.body).toContain('Je confirme.');
    expect(page.body).not.toContain('<img src=x');
    expect(await commentsOf()).toHaveLength(2);
  });

  it('are refused from visitors and across communes', async () => {
    expect((await t.request(null, 'POST', `/ndar-toute/proposals/${proposalId}/comments`, { body: 'Anonyme' })).statusCode).toBe(401);
    expect((await t.request('tiznit-el-jadida:citizen', 'POST', `/tiznit-el-jadida/proposals/${proposalId}/comments`, { body: 'Ailleurs' })).statusCode).toBe(404);
  });
});

describe('reports and moderation', () => {
  it('a report reaches the moderation queue; a civil-society moderator hides the comment with a public reason, audited', async () => {
    const [first] = await commentsOf();
    expect((await t.request('ndar-toute:staff', 'POST', `/ndar-toute/comments/${first!.id}/report`, { reason: 'Contenu suspect' })).statusCode).toBe(303);
    const again = await t.request('ndar-toute:staff', 'POST', `/ndar-toute/comments/${first!.id}/report`, { reason: 'Encore' });
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain('Vous avez déjà signalé ce contenu');
    const queue = await t.request('ndar-toute:moderator', 'GET', '/ndar-toute/admin/moderation');
    expect(queue.statusCode).toBe(200);
    expect(queue.body).toContain('Contenu suspect');
    expect((await t.request('ndar-toute:citizen', 'POST', `/ndar-toute/admin/comments/${first!.id}/hide`, { reason: 'x' })).statusCode).toBe(403);
    expect((await t.request('tiznit-el-jadida:moderator', 'POST', `/tiznit-el-jadida/admin/comments/${first!.id}/hide`, { reason: 'x' })).statusCode).toBe(404);
    expect((await t.request('ndar-toute:moderator', 'POST', `/ndar-toute/admin/comments/${first!.id}/hide`, { reason: 'Lien suspect retiré' })).statusCode).toBe(303);
    const page = await t.request(null, 'GET', `/ndar-toute/proposals/${proposalId}`);
    expect(page.body).toContain('Lien suspect retiré');
    expect(page.body).not.toContain('Bonne idée');
    expect((await t.request('ndar-toute:moderator', 'GET', '/ndar-toute/admin/moderation')).body).not.toContain('Contenu suspect');
    const audit = await t.services.db.selectFrom('audit_log').select('action').where('resource_id', '=', first!.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['comment.hidden']);
  });
});
