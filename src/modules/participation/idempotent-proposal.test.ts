import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { scoped } from './queries/participation-queries.js';

// Issue 12: a proposal form resent with its idempotency key (flaky network, double tap) stores one proposal.
// `confirmed`: past the "similar proposals" step, which the titles below (alike on purpose) would show.
let t: TestApp;
let ndarId: string;
let consultationId: string;

const submit = (key: string, title: string) =>
  t.request('ndar-toute:citizen', 'POST', `/ndar-toute/consultations/${consultationId}/proposals`, { title, body: 'Un abri pour attendre le car rapide.', neighbourhood: 'Sor', confirmed: '1', _idempotency: key });
const storedTitled = async (title: string) => (await scoped(t.services.db, ndarId).selectFrom('proposals').select('id').where('title', '=', title).execute()).length;

beforeAll(async () => {
  t = await createTestApp();
  ndarId = await t.communeId('ndar-toute');
  consultationId = (await scoped(t.services.db, ndarId).selectFrom('consultations').select('id').executeTakeFirstOrThrow()).id;
});
afterAll(() => t.close());

describe('submitting a proposal twice with one idempotency key', () => {
  it('carries a key in the form, stores one proposal and sends the resend to the same page', async () => {
    const page = await t.request('ndar-toute:citizen', 'GET', `/ndar-toute/consultations/${consultationId}`);
    expect(page.body).toMatch(/name="_idempotency" value="[0-9a-f-]{36}"/);
    const key = randomUUID();
    const first = await submit(key, 'Abri de car rapide à Sor (rejeu)');
    const again = await submit(key, 'Abri de car rapide à Sor (rejeu)');
    expect(first.statusCode).toBe(303);
    expect(again.statusCode).toBe(303);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers.location).toBe(first.headers.location);
    expect(String(first.headers['set-cookie'])).toContain('participation.proposal.submitted');
    expect(await storedTitled('Abri de car rapide à Sor (rejeu)')).toBe(1);
  });

  it('refuses the same key with another title (422) and stores nothing more', async () => {
    const key = randomUUID();
    expect((await submit(key, 'Abri de car rapide à Sor (A)')).statusCode).toBe(303);
    expect((await submit(key, 'Abri de car rapide à Sor (B)')).statusCode).toBe(422);
    expect(await storedTitled('Abri de car rapide à Sor (B)')).toBe(0);
  });

  it('answers two concurrent identical sends with one proposal', async () => {
    const key = randomUUID();
    const [a, b] = await Promise.all([submit(key, 'Abri de car rapide à Sor (ensemble)'), submit(key, 'Abri de car rapide à Sor (ensemble)')]);
    expect([a.statusCode, b.statusCode]).toEqual([303, 303]);
    expect(b.headers.location).toBe(a.headers.location);
    expect(await storedTitled('Abri de car rapide à Sor (ensemble)')).toBe(1);
  });
});
