import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type DatabaseHandle } from '../../../platform/db/create-database.js';
import { createServerTestDatabase } from '../../../test-support/test-database.js';
import { advisoryLockName, oneAtATimeEverywhere } from './one-at-a-time.js';

// On PostgreSQL a second connection stands for another app process holding the phone's lock: the work
// must wait for it. On PGlite (one process) the in-process queue is the whole guarantee.
let handle: DatabaseHandle;
let other: DatabaseHandle | undefined;
let drop = async () => {};

beforeAll(async () => {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    handle = await createDatabase({ pgliteDir: 'memory://' });
    return;
  }
  const server = await createServerTestDatabase(serverUrl);
  drop = server.drop;
  handle = await createDatabase({ url: server.url, poolSize: 3 });
  other = await createDatabase({ url: server.url, poolSize: 1 });
});
afterAll(async () => {
  await other?.close();
  await handle.close();
  await drop();
});

describe('one message of a phone at a time, in every process', () => {
  it('waits while another process holds the phone, then runs; works of one key never overlap', async () => {
    const log: string[] = [];
    const work = (name: string) => async () => {
      log.push(`${name} start`);
      await sleep(20);
      log.push(`${name} end`);
    };
    if (other) {
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      const locked = new Promise<void>((resolve) => {
        void other!.db.transaction().execute(async (trx) => {
          await sql`select pg_advisory_xact_lock(hashtextextended(${advisoryLockName('c:+221')}, 0))`.execute(trx);
          resolve();
          await held;
          log.push('other process done');
        });
      });
      await locked;
      const waiting = oneAtATimeEverywhere(handle.db, handle.kind, 'c:+221', work('here'));
      await sleep(150);
      expect(log).toEqual([]);
      release();
      await waiting;
      expect(log).toEqual(['other process done', 'here start', 'here end']);
      log.length = 0;
    }
    await Promise.all(['a', 'b', 'c'].map((name) => oneAtATimeEverywhere(handle.db, handle.kind, 'c:+221', work(name))));
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
  });
});
