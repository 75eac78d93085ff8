import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allModules } from '../../app.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import type { PalabreModule } from '../module.js';
import { AppError } from './errors.js';
import { forgetOldIdempotencyKeys, idempotent, IdempotencyField, requestHash } from './idempotency.js';

let runs = 0;
let release: () => void = () => {};
let afterCommits = 0;

/** A module whose only route confirms something once per key, optionally waiting to be released. */
const probeModule: PalabreModule = {
  id: 'probe',
  i18n: { fr: {}, en: {}, pt: {}, ar: {} },
  migrations: {},
  networkRoutes: async (app: FastifyInstance) => {
    app.post('/probe/confirm', { config: { access: 'signed-in' } }, async (request, reply) =>
      idempotent(request, reply, 'probe.confirm', async (db) => {
        const body = request.body as Record<string, string>;
        // A write of the handler's own, through the transaction it is given.
        await db.insertInto('outbox_messages').values({ channel: 'sms', recipient: '+221700000000', body: `probe ${body._idempotency ?? '-'}`, purpose: 'probe' }).execute();
        if (body.wait === 'yes') await new Promise<void>((resolve) => (release = resolve));
        if (body.fail === 'yes') throw new AppError('VALIDATION_FAILED');
        if (body.refuse === 'yes') return { statusCode: 409, body: 'refused' };
        runs += 1;
        return { statusCode: 201, location: `/receipt/${runs}`, body: `<p>receipt ${runs}, secret code ${body.secret ?? ''}</p>`, contentType: 'text/html', afterCommit: async () => {
          if (body.afterFail === 'yes') throw new Error('the queue is down');
          afterCommits += 1;
        } };
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

const probeWrites = async (key: string) => (await t.services.db.selectFrom('outbox_messages').select('id').where('purpose', '=', 'probe').where('body', '=', `probe ${key}`).execute()).length;
const keyRow = (key: string) => t.services.db.selectFrom('idempotency_keys').selectAll().where('key', '=', key).executeTakeFirst();
const confirm = (form: Record<string, string>, who = 'ndar-toute:citizen') => t.request(who, 'POST', '/probe/confirm', form);

describe('idempotent confirmations', () => {
  it('run once per key; a replay gets the stored answer', async () => {
    const before = runs;
    const first = await confirm({ choice: 'a', _idempotency: 'key-replay-0001' });
    const again = await confirm({ choice: 'a', _idempotency: 'key-replay-0001' });
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(again.statusCode).toBe(201);
    expect(again.headers.location).toBe(first.headers.location);
    expect(again.body).toBe(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(runs).toBe(before + 1);
    expect(await probeWrites('key-replay-0001')).toBe(1);
  });

  it('refuse the same key with another payload (422), also from the Idempotency-Key header', async () => {
    await t.request('ndar-toute:citizen', 'POST', '/probe/confirm', { choice: 'a' }, { headers: { 'idempotency-key': 'key-header-0001' } });
    const other = await t.request('ndar-toute:citizen', 'POST', '/probe/confirm', { choice: 'b' }, { headers: { 'idempotency-key': 'key-header-0001' } });
    expect(other.statusCode).toBe(422);
    expect(other.body).toContain('IDEMPOTENCY_KEY_REUSED');
  });

  it('let a duplicate that arrives while the first is running wait, then replay its answer', async () => {
    const before = runs;
    const first = confirm({ wait: 'yes', _idempotency: 'key-inflight-01' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const duplicate = confirm({ wait: 'yes', _idempotency: 'key-inflight-01' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    release();
    const [a, b] = await Promise.all([first, duplicate]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(b.headers.location).toBe(a.headers.location);
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(runs).toBe(before + 1);
    expect(await probeWrites('key-inflight-01')).toBe(1);
  });

  it('roll back the handler\'s writes and the key when it fails, so the person can correct and resend', async () => {
    const failed = await confirm({ fail: 'yes', _idempotency: 'key-failure-01' });
    expect(failed.statusCode).toBe(422);
    expect(await probeWrites('key-failure-01')).toBe(0);
    expect(await keyRow('key-failure-01')).toBeUndefined();
    const before = runs;
    expect((await confirm({ fail: 'no', _idempotency: 'key-failure-01' })).statusCode).toBe(201);
    expect(runs).toBe(before + 1);
    expect(await probeWrites('key-failure-01')).toBe(1);
  });

  it('roll back a refusal (an answer of 400 and above) but still send it, and store nothing', async () => {
    const refused = await confirm({ refuse: 'yes', _idempotency: 'key-refusal-01' });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toBe('refused');
    expect(await probeWrites('key-refusal-01')).toBe(0);
    expect(await keyRow('key-refusal-01')).toBeUndefined();
  });

  it('run side effects after the commit once, never on a replay', async () => {
    const before = afterCommits;
    await confirm({ _idempotency: 'key-after-0001' });
    await confirm({ _idempotency: 'key-after-0001' });
    expect(afterCommits).toBe(before + 1);
  });

  it('still answer when a side effect after the commit fails: the work is done and stored', async () => {
    const answer = await confirm({ afterFail: 'yes', _idempotency: 'key-after-fail1' });
    expect(answer.statusCode).toBe(201);
    expect((await keyRow('key-after-fail1'))?.state).toBe('done');
    expect(await probeWrites('key-after-fail1')).toBe(1);
  });

  it('keep the stored answer sealed: a copy of the database does not show the secret it carries', async () => {
    const first = await confirm({ secret: 'CODE-4242', _idempotency: 'key-sealed-001' });
    expect(first.body).toContain('CODE-4242');
    const row = await keyRow('key-sealed-001');
    expect(row?.state).toBe('done');
    expect(row?.body).not.toContain('CODE-4242');
    expect((await confirm({ secret: 'CODE-4242', _idempotency: 'key-sealed-001' })).body).toContain('CODE-4242');
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
