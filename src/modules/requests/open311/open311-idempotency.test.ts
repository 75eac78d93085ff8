import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestsDb } from '../queries/requests-db.js';
import { json, keys, openOpen311App, t, validPost, type Json } from './open311-test-helpers.js';

beforeAll(openOpen311App);
afterAll(() => t.close());

/** A client's POST with an Idempotency-Key header (issue 12). */
const postWithKey = (key: string, fields: Record<string, string>) =>
  t.app.inject({ method: 'POST', url: '/ndar-toute/open311/v2/requests.json', payload: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', 'idempotency-key': key } });
const storedWith = async (text: string) => (await requestsDb(t.services.db).selectFrom('requests').select('reference').where('description', '=', text).execute()).length;

describe('Open311 POST with an Idempotency-Key header', () => {
  it('stores one complaint and answers the retry with the same service_request_id', async () => {
    const key = randomUUID();
    const fields = validPost({ description: 'Caniveau bouché (rejeu Open311).' });
    const first = await postWithKey(key, fields);
    const again = await postWithKey(key, fields);
    expect(first.statusCode).toBe(200);
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers['content-type']).toContain('application/json');
    expect((json(again)[0] as Json).service_request_id).toBe((json(first)[0] as Json).service_request_id);
    expect(await storedWith('Caniveau bouché (rejeu Open311).')).toBe(1);
  });

  it('refuses the same key with another payload, and keeps keys of different API clients apart', async () => {
    const key = randomUUID();
    expect((await postWithKey(key, validPost({ description: 'Lampadaire éteint (A).' }))).statusCode).toBe(200);
    const other = await postWithKey(key, validPost({ description: 'Lampadaire éteint (B).' }));
    expect(other.statusCode).toBe(400);
    expect(other.body).toContain('IDEMPOTENCY_KEY_REUSED');
    expect(await storedWith('Lampadaire éteint (B).')).toBe(0);
    // Another client with the same key value files its own complaint.
    expect((await postWithKey(key, validPost({ api_key: keys.errors, description: 'Lampadaire éteint (A).' }))).statusCode).toBe(200);
    expect(await storedWith('Lampadaire éteint (A).')).toBe(2);
  });
});
