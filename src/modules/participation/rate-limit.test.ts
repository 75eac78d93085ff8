import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { scoped } from './queries/participation-queries.js';

let t: TestApp;
let consultationId: string;
let proposalId: string;

beforeAll(async () => {
  t = await createTestApp();
  const ndarId = await t.communeId('ndar-toute');
  consultationId = (await scoped(t.services.db, ndarId).selectFrom('consultations').select('id').executeTakeFirstOrThrow()).id;
  proposalId = (await scoped(t.services.db, ndarId).selectFrom('proposals').select('id').where('consultation_id', '=', consultationId).orderBy('created_at').executeTakeFirstOrThrow()).id;
});
afterAll(() => t.close());

/** Posts until the per-account limit answers 429 (it allows 20 a minute); returns the refusal. */
async function sendUntilLimited(key: string, url: string, form: (n: number) => Record<string, string>) {
  for (let n = 1; n <= 30; n++) {
    const response = await t.request(key, 'POST', url, form(n));
    if (response.statusCode === 429) return { response, accepted: n - 1 };
    expect(response.statusCode).toBe(303);
  }
  throw new Error('never limited');
}

describe('per-account rate limits on contributions', () => {
  it('a comment over the limit gets a clear page with the wait, a Retry-After header and the text kept, ready to send again', async () => {
    const { response, accepted } = await sendUntilLimited('ndar-toute:citizen', `/ndar-toute/proposals/${proposalId}/comments`, (n) => ({ body: `Commentaire numéro ${n}` }));
    expect(accepted).toBe(20);
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('Vous avez envoyé beaucoup de contributions en peu de temps');
    expect(response.body).toContain('Merci de patienter 1 minute(s)');
    expect(response.body).not.toContain('RATE_LIMITED');
    expect(response.body).toMatch(/<textarea[^>]*name="body"[^>]*>Commentaire numéro 21<\/textarea>/);
    expect(response.body).toContain(`action="/ndar-toute/proposals/${proposalId}/comments"`);
  });

  it('counts per account: another person may still comment', async () => {
    expect((await t.request('ndar-toute:mediator', 'POST', `/ndar-toute/proposals/${proposalId}/comments`, { body: 'Moi aussi' })).statusCode).toBe(303);
  });

  it('a proposal over the limit keeps its title, text and neighbourhood', async () => {
    const { response } = await sendUntilLimited('ndar-toute:staff', `/ndar-toute/consultations/${consultationId}/proposals`, (n) => ({ title: `Idée ${n} pour le quartier`, body: `Texte détaillé ${n}`, neighbourhood: 'Sor', confirmed: '1' }));
    expect(response.statusCode).toBe(429);
    expect(response.body).toContain('value="Idée 21 pour le quartier"');
    expect(response.body).toContain('Texte détaillé 21</textarea>');
    expect(response.body).toContain('<input type="hidden" name="confirmed" value="1"');
  });

  it('a support over the limit says how long to wait, in the reader’s language', async () => {
    const { response } = await sendUntilLimited('ndar-toute:moderator', `/ndar-toute/proposals/${proposalId}/support`, () => ({}));
    expect(response.statusCode).toBe(429);
    expect(response.headers['retry-after']).toBeDefined();
    expect(response.body).toContain('Merci de patienter');
    const english = await t.request('ndar-toute:moderator', 'POST', `/ndar-toute/proposals/${proposalId}/support`, {}, { headers: { 'accept-language': 'en' } });
    expect(english.statusCode).toBe(429);
    expect(english.body).toContain('You have sent many contributions in a short time');
  });
});
