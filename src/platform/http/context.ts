import type { Kysely } from 'kysely';
import type { Config } from '../config/config.js';
import type { CopyIn } from '../db/create-database.js';
import type { Commune, PlatformTables } from '../db/platform-tables.js';
import type { MessageRegistry, Translate } from '../i18n/i18n.js';
import type { Locale } from '../i18n/locales.js';
import type { MessageSender } from '../messaging/message-sender.js';
import type { PalabreModule } from '../module.js';
import type { JobQueue } from '../queue/job-queue.js';
import type { Actor } from '../permissions/actor.js';
import type { FileStorage } from '../storage/storage.js';

/** Services the platform hands to every module through `app.platform`. */
export interface PlatformServices {
  config: Config;
  db: Kysely<PlatformTables>;
  databaseKind: 'pglite' | 'postgres';
  /** Bulk loading with COPY (see create-database.ts). */
  copyIn: CopyIn;
  messages: MessageRegistry;
  /** Goes through the queue (`messages.send` jobs). */
  messageSender: MessageSender;
  /** Background jobs with retries and dead letters (docs/queue.md). */
  queue: JobQueue<PlatformServices>;
  storage: FileStorage;
  modules: readonly PalabreModule[];
}

declare module 'fastify' {
  interface FastifyInstance {
    platform: PlatformServices;
  }
  interface FastifyRequest {
    actor: Actor;
    locale: Locale;
    t: Translate;
    /** The commune named in the URL, for routes under /<commune>/. */
    commune: Commune | null;
    /**
     * The visitor's CSRF token, issued (cookie set) on first use: a page that shows no form sets no cookie,
     * so a shared cache in front of the app may keep it (page-cache.ts).
     */
    csrfToken(): string;
    /** Raw session token from the cookie, to sign out. */
    sessionToken: string | null;
  }
}

export function requireCommune(commune: Commune | null): Commune {
  if (!commune) throw new Error('route used outside a commune scope');
  return commune;
}
