import { createApp } from './app.js';
import { ConfigError, type Config, loadConfig, publicBaseUrl } from './platform/config/config.js';
import { seedDemoIfEmpty } from './seed.js';

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

const config = readConfig();
const logger = {
  level: config.logLevel,
  redact: ['req.headers.cookie', 'req.headers.authorization'],
  ...(config.env === 'development' && process.stdout.isTTY ? { transport: { target: 'pino-pretty' } } : {}),
};
// Under start:cluster only one worker runs the periodic module jobs; every worker takes queued jobs.
const palabre = await createApp({ config, logger, jobs: true, periodicJobs: process.env.PALABRE_PERIODIC_JOBS !== 'off' });
const { app } = palabre;
if (config.seedDemo && (await seedDemoIfEmpty(palabre.services))) app.log.info('seeded the demo network');

// Finish requests in flight, then close the database, when the process manager asks us to stop.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    app.log.info({ signal }, 'shutting down');
    palabre.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}

await app.listen({ host: config.host, port: config.port });
console.log(`Palabre is running at ${publicBaseUrl(config)}/ (database: ${palabre.services.databaseKind})`);
