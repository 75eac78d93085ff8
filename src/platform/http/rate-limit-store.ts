import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { type Kysely, sql } from 'kysely';

/**
 * Rate-limit counters in PostgreSQL, so that several app processes (npm run start:cluster, or several
 * machines behind a proxy) count one person's posts together instead of each allowing the limit.
 * The table is UNLOGGED: counters need no crash safety (a crash forgets at most one window) and skip the WAL.
 * It is created here rather than by a migration because it holds nothing worth migrating or backing up.
 */
const table = 'rate_limit_hits';

/** Creates the counters table once per database; the advisory lock keeps processes starting together from racing on the catalogue. */
export async function ensureRateLimitTable(db: Kysely<any>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${table}))`.execute(trx);
    await sql`create unlogged table if not exists ${sql.table(table)} (
      key text primary key,
      hits integer not null,
      window_ends_at timestamptz not null
    )`.execute(trx);
  });
}

/** Deletes the counters whose window is over (the upkeep job). */
export async function forgetExpiredRateLimits(db: Kysely<any>): Promise<void> {
  await sql`delete from ${sql.table(table)} where window_ends_at <= now()`.execute(db);
}

interface Hit {
  hits: number;
  ttl_ms: number;
}

/** One more hit for `key`: a window over restarts at 1; the database clock decides, so processes agree. */
async function countHit(db: Kysely<any>, key: string, windowMs: number): Promise<Hit> {
  const { rows } = await sql<Hit>`
    insert into ${sql.table(table)} as r (key, hits, window_ends_at)
    values (${key}, 1, now() + ${windowMs} * interval '1 millisecond')
    on conflict (key) do update set
      hits = case when r.window_ends_at <= now() then 1 else r.hits + 1 end,
      window_ends_at = case when r.window_ends_at <= now() then excluded.window_ends_at else r.window_ends_at end
    returning hits, greatest(0, ceil(extract(epoch from (window_ends_at - now())) * 1000))::integer as ttl_ms`.execute(db);
  return rows[0]!;
}

/** The store class @fastify/rate-limit instantiates; `scope` separates routes with their own limits, as the memory store's children do. */
export function postgresRateLimitStore(db: Kysely<any>): FastifyRateLimitStoreCtor {
  class PostgresRateLimitStore implements FastifyRateLimitStore {
    constructor(_options?: unknown, private readonly scope = 'global') {}

    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number): void {
      countHit(db, `${this.scope}|${key}`, timeWindow).then(
        ({ hits, ttl_ms }) => callback(null, { current: hits, ttl: ttl_ms }),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    }

    /** A route with its own limit; @fastify/rate-limit really passes the merged options, with the route as `routeInfo`. */
    child(options: Parameters<FastifyRateLimitStore['child']>[0]): FastifyRateLimitStore {
      const route = (options as unknown as { routeInfo?: { method?: string | string[]; url?: string } }).routeInfo ?? {};
      return new PostgresRateLimitStore(undefined, `${[route.method ?? ''].flat().join(',')} ${route.url ?? ''}`);
    }
  }
  return PostgresRateLimitStore;
}
