import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { RATE_LIMIT_POST_PER_MINUTE: '3' } });
});
afterAll(() => t.close());

const question = (n: number) => ({ title: `Question ${n}`, body: 'Texte', principle: 'transparency' });

describe('posting in the peer exchange is rate-limited', () => {
  it('follows the platform’s post limit, counted per person, and keeps the page friendly', async () => {
    const first = await t.request('ndar-toute:staff', 'POST', '/network/exchange', question(1));
    const threadId = String(first.headers.location).split('/').pop();
    for (let n = 2; n <= 3; n++) expect((await t.request('ndar-toute:staff', 'POST', '/network/exchange', question(n))).statusCode).toBe(303);
    const limited = await t.request('ndar-toute:staff', 'POST', '/network/exchange', question(4));
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
    expect(limited.body).not.toContain('RATE_LIMITED');
    expect(limited.body).toContain('Merci de patienter 1 minute(s)');
    expect(limited.body).toContain('value="Question 4"');
    // Each kind of post counts on its own.
    for (let n = 1; n <= 3; n++) expect((await t.request('ndar-toute:staff', 'POST', `/network/exchange/${threadId}/replies`, { body: `Réponse ${n}` })).statusCode).toBe(303);
    const reply = await t.request('ndar-toute:staff', 'POST', `/network/exchange/${threadId}/replies`, { body: 'Ma réponse gardée' });
    expect(reply.statusCode).toBe(429);
    expect(reply.body).toContain('Ma réponse gardée</textarea>');
    // A citizen over the limit learns nothing of the thread.
    for (let n = 0; n < 3; n++) await t.request('ndar-toute:citizen', 'POST', `/network/exchange/${threadId}/replies`, { body: 'x' });
    const citizen = await t.request('ndar-toute:citizen', 'POST', `/network/exchange/${threadId}/replies`, { body: 'x' });
    expect(citizen.statusCode).toBe(403);
    expect(citizen.body).not.toContain('Question 1');
    expect(citizen.body).toContain('<code>FORBIDDEN</code>');
    // A colleague from another town hall behind the same address may still post.
    expect((await t.request('tiznit-el-jadida:staff', 'POST', '/network/exchange', question(5))).statusCode).toBe(303);
  });
});
