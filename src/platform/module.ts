import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { Config } from './config/config.js';
import type { Catalogues } from './i18n/i18n.js';
import type { PlatformTables } from './db/platform-tables.js';
import type { CommuneRole } from './db/platform-tables.js';
import type { FileStorage } from './storage/storage.js';
import type { PlatformServices } from './http/context.js';
import type { MessageSender } from './messaging/message-sender.js';
import type { QueueHandler } from './queue/job-queue.js';
import type { MessageDelivery } from './queue/queued-message-sender.js';

/** Adds a module's routes to a Fastify scope; the scope's prefix depends on where they are mounted. */
export type RouteRegistrar = (app: FastifyInstance) => void | Promise<void>;

export interface NavigationEntry {
  /** i18n key of the label. */
  labelKey: string;
  /** Path relative to the commune root, e.g. "news" → /<commune>/news. */
  path: string;
  area: 'public' | 'admin';
  /** Order in menus, smaller first. */
  order?: number;
  /** Roles that see this entry (admin area); omitted = everyone. */
  roles?: CommuneRole[];
}

/** A page outside any commune (e.g. /network/scorecard), listed on the network home page. */
export interface NetworkLink {
  labelKey: string;
  /** Absolute path. */
  path: string;
  /** Shown to platform administrators only (programme back-office pages). */
  platformAdminOnly?: boolean;
}

export interface AccountLink {
  labelKey: string;
  path: string;
  /** Only on the account page, not in every page's header (settings rarely visited). */
  accountPageOnly?: boolean;
}

export interface OpenDataExport {
  /** Stable identifier, e.g. "commune-news". */
  id: string;
  titleKey: string;
  /** What the rows are, for the dataset's description (optional). */
  descriptionKey?: string;
  /** Rows published for one commune; the open-data module serves them as CSV and JSON. */
  rows(db: Kysely<PlatformTables>, communeId: string): Promise<Record<string, unknown>[]>;
  /** Whether the commune has any row, without building them (default: `rows` is not empty); for costly rows. */
  hasRows?(db: Kysely<PlatformTables>, communeId: string): Promise<boolean>;
}

/** Work done periodically while the server runs (and once by `npm run jobs:once`). */
export interface ModuleJob {
  /** Stable identifier for logs, e.g. "participation.digests". */
  id: string;
  everyMinutes: number;
  /** Must be safe to run twice at once or twice in a row (another process may run it too). */
  run(services: PlatformServices, now: Date): Promise<void>;
}

export interface SeedContext {
  db: Kysely<PlatformTables>;
  config: Config;
  storage: FileStorage;
  /** Communes created by the platform seed, by slug. */
  communes: Map<string, { id: string; slug: string }>;
  /** Demo accounts by key, e.g. "ndar-toute:staff". */
  users: Map<string, string>;
  /** For a seed that runs what the application runs (e.g. loading a demo file as an upload would be). */
  services: PlatformServices;
}

/** The contract every module fulfils; src/modules.ts lists the modules explicitly. */
export interface PalabreModule {
  id: string;
  /** Public pages under /<commune>/… */
  communeRoutes?: RouteRegistrar;
  /** Back-office pages under /<commune>/admin/… */
  adminRoutes?: RouteRegistrar;
  /** Pages outside any commune, e.g. network-wide lists. */
  networkRoutes?: RouteRegistrar;
  navigation?: NavigationEntry[];
  /** Network-wide pages, linked from the network home page. */
  networkLinks?: NetworkLink[];
  migrations: Record<string, Migration>;
  seed?: (context: SeedContext) => Promise<void>;
  openDataExports?: OpenDataExport[];
  /** Interface strings; keys are namespaced by the module id. */
  i18n: Catalogues;
  /** Links shown to signed-in people beside "my account", e.g. an inbox (absolute paths), and on the account page. */
  accountLinks?: AccountLink[];
  /** Periodic work, started when the server listens (not in tests). */
  jobs?: ModuleJob[];
  /** Workers for named queue jobs (src/platform/queue); they run in the background, retried on failure. */
  queueHandlers?: QueueHandler<PlatformServices>[];
  /**
   * Who really delivers the queued messages (`messages.send` jobs), given the outbox to fall back on; one module at
   * most supplies it (channels: SMS and WhatsApp providers). `createApp({ deliverySender })` overrides it.
   */
  messageDelivery?: (outbox: MessageSender) => MessageDelivery<PlatformServices>;
  /** Modules a commune cannot switch off (its own site). */
  alwaysOn?: boolean;
  /** The module's name as administrators see it when they switch modules on or off. */
  nameKey?: string;
}
