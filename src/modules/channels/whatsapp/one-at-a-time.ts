import { type Kysely, sql } from 'kysely';

const inFlight = new Map<string, Promise<unknown>>();

/**
 * Runs `work` after every earlier work of the same key has settled (in this process); other keys are not held up.
 * Across processes see `oneAtATimeEverywhere`; Meta does not promise order either.
 */
export function oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
  const next = (inFlight.get(key) ?? Promise.resolve()).catch(() => undefined).then(work);
  inFlight.set(key, next);
  const forget = () => {
    if (inFlight.get(key) === next) inFlight.delete(key);
  };
  next.then(forget, forget);
  return next;
}

/**
 * `oneAtATime`, and on PostgreSQL also one at a time across every app process: a transaction holds an advisory
 * lock on the key while `work` runs on other connections. The lock goes with the transaction, so a process that
 * dies mid-work releases it. The in-process queue stays in front so that waiting costs no extra connection.
 * PGlite is owned by one process (and its one connection would be held by the transaction), so the queue suffices.
 */
/** The advisory lock's name for a key (exported for the test that holds it from another connection). */
export const advisoryLockName = (key: string) => `whatsapp:${key}`;

export function oneAtATimeEverywhere<T>(db: Kysely<any>, kind: 'pglite' | 'postgres', key: string, work: () => Promise<T>): Promise<T> {
  if (kind === 'pglite') return oneAtATime(key, work);
  return oneAtATime(key, () =>
    db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(hashtextextended(${advisoryLockName(key)}, 0))`.execute(trx);
      return work();
    }),
  );
}
