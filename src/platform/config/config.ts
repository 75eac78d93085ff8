import { randomBytes } from 'node:crypto';
import { z } from 'zod';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  DEMO_MODE: booleanFromEnv.optional(),
  TRUST_PROXY: booleanFromEnv.default(false),
  UPLOAD_MAX_MB: z.coerce.number().positive().max(200).default(10),
  DATA_UPLOAD_MAX_MB: z.coerce.number().positive().max(10000).default(200),
  RATE_LIMIT_POST_PER_MINUTE: z.coerce.number().int().positive().default(60),
  PAGE_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(10),
  SEED_DEMO: booleanFromEnv.default(true),
  LEDGER_SIGNING_KEY: z.string().min(1).optional(),
  QUEUE_MODE: z.enum(['inline', 'worker']).optional(),
  CHANNEL_PROVIDERS: z.string().min(1).optional(),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  publicUrl: string | undefined;
  databaseUrl: string | undefined;
  dataDir: string;
  logLevel: string;
  sessionSecret: string;
  /** Demo mode shows one-time codes on screen so anyone can try the platform. */
  demoMode: boolean;
  trustProxy: boolean;
  uploadMaxBytes: number;
  /** Open-data files (streamed to storage, never held in memory) may be larger than other uploads. */
  dataUploadMaxBytes: number;
  postRateLimitPerMinute: number;
  /** How long a shared cache in front of the app (docs/deploy.md) may keep a page that is the same for every visitor; 0: never. */
  pageCacheSeconds: number;
  seedDemo: boolean;
  /** Ed25519 private key (PKCS#8 PEM or base64 DER) signing the ledger's tree heads; outside production one is kept in DATA_DIR. */
  ledgerSigningKey: string | undefined;
  /** How queued jobs run (docs/queue.md); unset: `worker` when the app runs its jobs (the server), else `inline`. */
  queueMode: 'inline' | 'worker' | undefined;
  /** SMS and WhatsApp providers per commune, as JSON (read by the channels module, docs/modules/channels.md); unset: the outbox. */
  channelProviders: string | undefined;
}

/** The site's address for links in messages and feeds: PUBLIC_URL, else where the server listens. */
export function publicBaseUrl(config: Pick<Config, 'publicUrl' | 'host' | 'port'>): string {
  const url = config.publicUrl ?? `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  return url.replace(/\/+$/, '');
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment once at start; every bad value is reported, not just the first. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = configSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message} (got ${JSON.stringify(present[String(issue.path[0])])})`),
    );
  }
  const values = parsed.data;
  if (values.NODE_ENV === 'production' && !values.SESSION_SECRET) {
    throw new ConfigError(['SESSION_SECRET: required in production (at least 32 random characters)']);
  }
  return {
    env: values.NODE_ENV,
    host: values.HOST,
    port: values.PORT,
    publicUrl: values.PUBLIC_URL,
    databaseUrl: values.DATABASE_URL,
    dataDir: values.DATA_DIR,
    logLevel: values.LOG_LEVEL,
    sessionSecret: values.SESSION_SECRET ?? randomBytes(32).toString('hex'),
    demoMode: values.DEMO_MODE ?? values.NODE_ENV !== 'production',
    trustProxy: values.TRUST_PROXY,
    uploadMaxBytes: Math.round(values.UPLOAD_MAX_MB * 1024 * 1024),
    dataUploadMaxBytes: Math.round(values.DATA_UPLOAD_MAX_MB * 1024 * 1024),
    postRateLimitPerMinute: values.RATE_LIMIT_POST_PER_MINUTE,
    pageCacheSeconds: values.PAGE_CACHE_SECONDS,
    seedDemo: values.SEED_DEMO,
    ledgerSigningKey: values.LEDGER_SIGNING_KEY,
    queueMode: values.QUEUE_MODE,
    channelProviders: values.CHANNEL_PROVIDERS,
  };
}
