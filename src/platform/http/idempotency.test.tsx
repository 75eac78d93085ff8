import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allModules } from '../../app.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import type { PalabreModule } from '../module.js';
import { AppError } from './errors.js';
import { forgetOldIdempotencyKeys, idempotent, IdempotencyField, requestHash } from './idempotency.js';

let runs = 0;
let release: () => void = () => {};

/** A module whose only route confirms something once per key, optionally waiting to be released. */
const probeModule: PalabreModule = {
  id: 'probe',
  i18n: { fr: {}, en: {}, pt: {}, ar: {} },
  migrations: {},
  networkRoutes: async (app: FastifyInstance) => {
    app.post('/probe/confirm', { config: { access: 'signed-in' } }, async (request, reply) =>
      idempotent(request, reply, 'probe.confirm', async () => {
        const body = request.body as Record<string, string>;
        if (body.wait === 'yes') await new Promise<void>((resolve) => (release = resolve));
        if (body.fail === 'yes') throw new AppError('VALIDATION_FAILED');
        runs += 1;
        return { statusCode: 303, location: `/receipt/${runs}` };
      }),
    );
    app.get('/probe/form', { config: { access: 'public' } }, async (_request, reply) => reply.type('text/html').send(String(<form><IdempotencyField /></form>)));
  },
};

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ modules: [...allModules, probeModule] });
});
afterAll(() => t.close());

const confirm = (form: Record<string, string>, who = 'ndar-toute:citizen') => t.request(who, 'POST', '/probe/confirm', form);

describe('idempotent confirmations', () => {
  it('run once per key; a replay gets the stored answer', async () => {
    const before = runs;
    const first = await confirm({ choice: 'a', _idempotency: 'key-replay-0001' });
    const again = await confirm({ choice: 'a', _idempotency: 'key-replay-0001' });
    expect(first.statusCode).toBe(303);
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe(first.headers.location);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(runs).toBe(before + 1);
  });

  it('refuse the same key with another payload (422), also from the Idempotency-Key header', async () => {
    await t.request('ndar-toute:citizen', 'POST', '/probe/confirm', { choice: 'a' }, { headers: { 'idempotency-key': 'key-header-0001' } });
    const other = await t.request('ndar-toute:citizen', 'POST', '/probe/confirm', { choice: 'b' }, { headers: { 'idempotency-key': 'key-header-0001' } });
    expect(other.statusCode).toBe(422);
    expect(other.body).toContain('IDEMPOTENCY_KEY_REUSED');
  });

  it('answer 409 to a duplicate that arrives while the first is still running', async () => {
    const first = confirm({ wait: 'yes', _idempotency: 'key-inflight-01' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const duplicate = await confirm({ wait: 'yes', _idempotency: 'key-inflight-01' });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.body).toContain('REQUEST_IN_PROGRESS');
    release();
    expect((await first).statusCode).toBe(303);
  });

  it('release the key when the handler fails, so the person can correct and resend', async () => {
    const failed = await confirm({ fail: 'yes', _idempotency: 'key-failure-01' });
    expect(failed.statusCode).toBe(422);
    const before = runs;
    expect((await confirm({ fail: 'no', _idempotency: 'key-failure-01' })).statusCode).toBe(303);
    expect(runs).toBe(before + 1);
  });

  it('keep keys of different people apart, refuse malformed keys, and forget old keys', async () => {
    const before = runs;
    await confirm({ choice: 'a', _idempotency: 'key-shared-0001' }, 'ndar-toute:citizen');
    await confirm({ choice: 'a', _idempotency: 'key-shared-0001' }, 'ndar-toute:staff');
    expect(runs).toBe(before + 2);
    expect((await confirm({ _idempotency: 'bad key!' })).statusCode).toBe(400);
    const tomorrow = new Date(Date.now() + 25 * 60 * 60 * 1000);
    expect(await forgetOldIdempotencyKeys(t.services.db, tomorrow)).toBeGreaterThan(0);
    expect(await t.services.db.selectFrom('idempotency_keys').select('key').execute()).toEqual([]);
  });

  it('give every rendering of a form a new key, and ignore the CSRF token in the fingerprint', async () => {
    const key = (html: string) => /name="_idempotency" value="([^"]+)"/.exec(html)?.[1];
    const [a, b] = [key((await t.request(null, 'GET', '/probe/form')).body), key((await t.request(null, 'GET', '/probe/form')).body)];
    expect(a).toMatch(/^[0-9a-f-]{36}$/);
    expect(a).not.toBe(b);
    expect(requestHash('s', { _csrf: 'x', n: '1' })).toBe(requestHash('s', { n: '1', _csrf: 'y' }));
    expect(requestHash('s', { n: '1' })).not.toBe(requestHash('s', { n: '2' }));
  });
});
