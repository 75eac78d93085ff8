import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { modules as domainModules } from './modules.js';
import { authArea } from './platform/auth/area.js';
import { administrationArea } from './platform/administration/area.js';
import { ledgerArea } from './platform/ledger/area.js';
import type { Config } from './platform/config/config.js';
import { createDatabase, type DatabaseHandle, pgliteDirectory } from './platform/db/create-database.js';
import { migrateToLatest } from './platform/db/migrator.js';
import { platformMigrations } from './platform/db/platform-migrations.js';
import type { PlatformServices } from './platform/http/context.js';
import { AppError } from './platform/http/errors.js';
import { buildServer } from './platform/http/server.js';
import { startJobs } from './platform/jobs/scheduler.js';
import { coreCatalogues } from './platform/i18n/catalogues.js';
import { MessageRegistry } from './platform/i18n/i18n.js';
import { type MessageSender, OutboxMessageSender } from './platform/messaging/message-sender.js';
import type { PalabreModule, RouteRegistrar } from './platform/module.js';
import { JobQueue, type JobQueueOptions } from './platform/queue/job-queue.js';
import { type MessageDelivery, messageDeliveryHandler, QueuedMessageSender } from './platform/queue/queued-message-sender.js';
import { LocalFileStorage } from './platform/storage/storage.js';

const stylesheetPath = fileURLToPath(new URL('../public/app.css', import.meta.url));

/** Platform areas (accounts, administration, the tamper-evident record) first, then the domain modules listed in modules.ts. */
export const allModules: readonly PalabreModule[] = [authArea, administrationArea, ledgerArea, ...domainModules];

export interface AppOptions {
  config: Config;
  /** An already opened database (tests); otherwise opened from the configuration. */
  database?: DatabaseHandle;
  logger?: boolean | object;
  modules?: readonly PalabreModule[];
  /** Run the modules' periodic jobs once the server listens (the server entry point; tests leave them off). */
  jobs?: boolean;
  /** With `jobs`, also run the periodic module jobs (default); off in all but one process of a cluster (src/cluster.ts). */
  periodicJobs?: boolean;
  /** Who really delivers messages taken from the queue (default: the outbox). */
  deliverySender?: MessageSender;
  /** Queue timings and clock (tests). */
  queue?: Omit<JobQueueOptions, 'mode'>;
}

export interface PalabreApp {
  app: FastifyInstance;
  services: PlatformServices;
  close(): Promise<void>;
}

function buildMessages(modules: readonly PalabreModule[]): MessageRegistry {
  const messages = new MessageRegistry();
  messages.register('core', coreCatalogues);
  for (const module of modules) messages.register(module.id, module.i18n);
  return messages;
}

/** Module pages answer only in communes that switched the module on. */
function whenEnabled(module: PalabreModule, routes: RouteRegistrar): RouteRegistrar {
  return async (scope) => {
    if (!module.alwaysOn) {
      scope.addHook('onRequest', async (request) => {
        if (request.commune && !request.commune.enabled_modules.includes(module.id)) {
          throw new AppError('MODULE_DISABLED', module.id);
        }
      });
    }
    await routes(scope);
  };
}

async function mountModules(app: FastifyInstance, modules: readonly PalabreModule[]): Promise<void> {
  for (const module of modules) {
    if (module.networkRoutes) await app.register(async (scope) => module.networkRoutes!(scope));
    if (module.adminRoutes) await app.register(whenEnabled(module, module.adminRoutes), { prefix: '/:commune/admin' });
    if (module.communeRoutes) await app.register(whenEnabled(module, module.communeRoutes), { prefix: '/:commune' });
  }
}

/** The delivery a module supplies (the channels module's providers), else the outbox. */
function moduleDelivery(modules: readonly PalabreModule[], outbox: MessageSender): MessageSender | MessageDelivery<PlatformServices> {
  const supplier = modules.find((module) => module.messageDelivery);
  return supplier?.messageDelivery ? supplier.messageDelivery(outbox) : outbox;
}

/** The job queue with the platform's and the modules' handlers; inline unless the app runs its workers (docs/queue.md). */
function createQueue(database: DatabaseHandle, modules: readonly PalabreModule[], options: AppOptions): JobQueue<PlatformServices> {
  const mode = options.config.queueMode ?? (options.jobs ? 'worker' : 'inline');
  const queue = new JobQueue<PlatformServices>(database.db, { ...options.queue, mode });
  queue.register(messageDeliveryHandler(options.deliverySender ?? moduleDelivery(modules, new OutboxMessageSender(database.db))));
  for (const handler of modules.flatMap((module) => module.queueHandlers ?? [])) queue.register(handler);
  return queue;
}

export async function createApp(options: AppOptions): Promise<PalabreApp> {
  const { config } = options;
  const modules = options.modules ?? allModules;
  const database =
    options.database ??
    (await createDatabase({
      url: config.databaseUrl,
      pgliteDir: pgliteDirectory(config.dataDir),
      onIdleError: (error) => console.error(`database: idle connection closed by the server (${error.message})`),
    }));
  await migrateToLatest(database.db, [
    platformMigrations,
    ...modules.map((module) => ({ owner: module.id, migrations: module.migrations })),
  ]);
  const queue = createQueue(database, modules, options);
  const services: PlatformServices = {
    config,
    db: database.db,
    databaseKind: database.kind,
    copyIn: database.copyIn,
    messages: buildMessages(modules),
    messageSender: new QueuedMessageSender(queue),
    queue,
    storage: new LocalFileStorage(join(config.dataDir, 'files')),
    modules,
  };
  const app = await buildServer(services, { logger: options.logger ?? false, stylesheetPath });
  queue.bind(services, app.log);
  await mountModules(app, modules);
  if (options.jobs) {
    let stopJobs = () => {};
    app.addHook('onListen', async () => {
      if (options.periodicJobs !== false) stopJobs = startJobs(modules, services, app.log);
      queue.start();
    });
    app.addHook('onClose', async () => {
      stopJobs();
      await queue.stop();
    });
  }
  await app.ready();
  return {
    app,
    services,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
