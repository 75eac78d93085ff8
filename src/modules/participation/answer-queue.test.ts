import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { answerQueuePageSize } from './queries/answer-queue.js';
import { scoped } from './queries/participation-queries.js';

let t: TestApp;
let ndarId: string;
let consultationId: string;

beforeAll(async () => {
  t = await createTestApp();
  ndarId = await t.communeId('ndar-toute');
  const consultation = await scoped(t.services.db, ndarId).selectFrom('consultations').select('id').executeTakeFirstOrThrow();
  consultationId = consultation.id;
  const phase = await scoped(t.services.db, ndarId).selectFrom('consultation_phases').select('id').where('consultation_id', '=', consultationId).executeTakeFirstOrThrow();
  const author = t.users.get('ndar-toute:citizen')!;
  // More proposals than one page holds, a second apart, so "the oldest first" is unambiguous.
  const base = Date.now() - 10 * 24 * 3600 * 1000;
  await scoped(t.services.db, ndarId)
    .insertInto(
      'proposals',
      Array.from({ length: answerQueuePageSize + 10 }, (_, i) => ({ consultation_id: consultationId, phase_id: phase.id, author_id: author, channel: 'web' as const, title: `File d'attente ${String(i).padStart(3, '0')}`, body: 'Texte.', created_at: new Date(base + i * 1000) })),
    )
    .execute();
});
afterAll(() => t.close());

const adminPage = (query = '') => t.request('ndar-toute:staff', 'GET', `/ndar-toute/admin/consultations/${consultationId}${query}`);
const answerForms = (html: string) => [...html.matchAll(/action="\/ndar-toute\/admin\/proposals\/([0-9a-f-]{36})\/answer"/g)].map((m) => m[1]!);

describe('the staff answering queue', () => {
  it('pages through every proposal waiting for an answer, the longest-waiting first, then shows the answered ones', async () => {
    const waiting = await scoped(t.services.db, ndarId).selectFrom('proposals').select('id').where('consultation_id', '=', consultationId).where('answer', 'is', null).where('merged_into_id', 'is', null).orderBy('created_at').orderBy('id').execute();
    const first = await adminPage();
    expect(first.body).toContain(`En attente de réponse (${waiting.length})`);
    const seen = answerForms(first.body);
    expect(seen).toHaveLength(answerQueuePageSize);
    const next = /class="pagination"><a href="([^"]+)"/.exec(first.body)![1]!.replace(/&amp;/g, '&').replace('#answers', '');
    seen.push(...answerForms((await t.request('ndar-toute:staff', 'GET', next)).body));
    expect(seen).toEqual(waiting.map((p) => p.id));

    await t.request('ndar-toute:staff', 'POST', `/ndar-toute/admin/proposals/${seen[0]}/answer`, { answer: 'accepted', reason: 'Retenue.' });
    expect(answerForms((await adminPage()).body)).not.toContain(seen[0]);
    expect(answerForms((await adminPage('?answers=answered')).body)[0]).toBe(seen[0]);
  });

  it('is the staff’s alone and stays in its commune', async () => {
    expect((await t.request('ndar-toute:citizen', 'GET', `/ndar-toute/admin/consultations/${consultationId}`)).statusCode).toBe(403);
    expect((await t.request('tiznit-el-jadida:staff', 'GET', `/tiznit-el-jadida/admin/consultations/${consultationId}`)).statusCode).toBe(404);
  });
});
