import { sql } from 'kysely';
import { forgetOldIdempotencyKeys } from '../http/idempotency.js';
import { forgetExpiredRateLimits } from '../http/rate-limit-store.js';
import type { ModuleJob } from '../module.js';

/**
 * Housekeeping of the platform's own tables. The embedded PGlite has no autovacuum: counters kept by
 * triggers (support counts, participation figures) leave dead row versions behind on every update, which
 * slows the pages that read them, so the embedded database is vacuumed every night. PostgreSQL does this itself.
 */
export const databaseUpkeepJobs: ModuleJob[] = [
  {
    id: 'platform.forget-idempotency-keys',
    everyMinutes: 60,
    run: async ({ db }, now) => {
      await forgetOldIdempotencyKeys(db, now);
    },
  },
  {
    id: 'platform.forget-expired-rate-limits',
    everyMinutes: 10,
    run: async ({ db }) => {
      await forgetExpiredRateLimits(db);
    },
  },
  {
    id: 'platform.vacuum-embedded-database',
    everyMinutes: 24 * 60,
    run: async ({ db, databaseKind }) => {
      if (databaseKind === 'pglite') await sql`vacuum analyze`.execute(db);
    },
  },
];
