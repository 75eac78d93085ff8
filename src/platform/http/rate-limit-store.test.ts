import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/create-database.js';
import { createTestDatabase } from '../../test-support/test-database.js';
import { ensureRateLimitTable, forgetExpiredRateLimits, postgresRateLimitStore } from './rate-limit-store.js';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
  await Promise.all([ensureRateLimitTable(database.db), ensureRateLimitTable(database.db)]);
});
afterAll(() => database.close());

type Store = InstanceType<ReturnType<typeof postgresRateLimitStore>>;
const hit = (store: Store, key: string, windowMs: number) =>
  new Promise<{ current: number; ttl: number }>((resolve, reject) => store.incr(key, (error, result) => (error ? reject(error) : resolve(result!)), windowMs, 10));

describe('rate-limit counters in the database', () => {
  it('count hits in a window, start again once it is over, and keep each route apart', async () => {
    const Store = postgresRateLimitStore(database.db);
    const global = new Store({} as never);
    const counts = [];
    for (let i = 0; i < 3; i++) counts.push((await hit(global, '10.0.0.1', 60_000)).current);
    expect(counts).toEqual([1, 2, 3]);
    expect((await hit(global, '10.0.0.1', 60_000)).ttl).toBeGreaterThan(58_000);

    const route = global.child({ routeInfo: { method: 'POST', url: '/sign-in' } } as never);
    expect((await hit(route, '10.0.0.1', 60_000)).current).toBe(1);

    expect((await hit(global, '10.0.0.2', 100)).current).toBe(1);
    expect((await hit(global, '10.0.0.2', 100)).current).toBe(2);
    await sleep(150);
    expect((await hit(global, '10.0.0.2', 100)).current).toBe(1);
  });

  it('forget the counters whose window is over', async () => {
    const store = new (postgresRateLimitStore(database.db))({} as never);
    await hit(store, 'short', 50);
    await hit(store, 'long', 60_000);
    await sleep(100);
    await forgetExpiredRateLimits(database.db);
    const { rows } = await sql<{ key: string }>`select key from rate_limit_hits where key in ('global|short', 'global|long')`.execute(database.db);
    expect(rows.map((r) => r.key)).toEqual(['global|long']);
  });
});
