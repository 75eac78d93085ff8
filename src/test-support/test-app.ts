import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { type AppOptions, createApp, type PalabreApp } from '../app.js';
import { createSession, sessionCookieName } from '../platform/auth/session-store.js';
import { loadConfig } from '../platform/config/config.js';
import { seedDemoIfEmpty } from '../seed.js';
import { seededSetup } from './migrated-template.js';
import { createTestDatabase } from './test-database.js';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const testCsrfToken = 'test-csrf-token-0123456789abcdefghijkl';

export interface TestApp extends PalabreApp {
  /** Demo account user ids by key, e.g. "ndar-toute:staff". */
  users: Map<string, string>;
  communeId(slug: string): Promise<string>;
  /** Cookie header of a fresh session for a demo account (or anonymous when key is null). */
  cookiesFor(key: string | null): Promise<string>;
  /** GET or POST as a demo account; POST bodies are form-encoded with a valid CSRF token. */
  request(
    key: string | null,
    method: 'GET' | 'POST',
    url: string,
    /** A list repeats the field, as ticked checkboxes of one name do. */
    form?: Record<string, string | string[]>,
    extra?: Partial<InjectOptions>,
  ): Promise<LightMyRequestResponse>;
}

function formBody(form: Record<string, string | string[]>): string {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(form)) for (const one of [value].flat()) body.append(name, one);
  return body.toString();
}

/** Configuration for tests: own data directory, demo mode (codes on screen), no practical POST limit. */
export function testConfig(env: Record<string, string> = {}) {
  return loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'palabre-test-')),
    LOG_LEVEL: 'silent',
    DEMO_MODE: 'true',
    RATE_LIMIT_POST_PER_MINUTE: '10000',
    ...env,
  });
}

/**
 * Starting from the run's seeded template, when there is one and the test keeps the secrets the seed used: a copy
 * of the seed's data directory and those secrets as environment.
 */
function seededStart(env: Record<string, string>): { env: Record<string, string> } | undefined {
  const setup = seededSetup();
  if (!setup || Object.keys(setup.env).some((name) => name in env) || 'DATA_DIR' in env) return undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'palabre-test-'));
  cpSync(setup.dataDir, dataDir, { recursive: true });
  return { env: { ...setup.env, DATA_DIR: dataDir } };
}

/** A migrated app on a fresh database, seeded with the demo network unless told otherwise. */
export async function createTestApp(
  options: { seed?: boolean; env?: Record<string, string>; modules?: AppOptions['modules']; logger?: AppOptions['logger'] } = {},
): Promise<TestApp> {
  const fromSeeded = options.seed !== false && !options.modules ? seededStart(options.env ?? {}) : undefined;
  const config = testConfig({ ...fromSeeded?.env, ...options.env });
  // The whole app's migrations (and seed): a copy of the run's template (a module list of its own migrates from empty).
  const database = await createTestDatabase(options.modules ? {} : { from: fromSeeded ? 'seeded' : 'migrated' });
  const palabre = await createApp({
    config,
    database,
    ...(options.modules ? { modules: options.modules } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const users = new Map<string, string>();
  if (options.seed !== false) {
    if (!fromSeeded) await seedDemoIfEmpty(palabre.services);
    const rows = await palabre.services.db.selectFrom('users').select(['id', 'phone_e164', 'email']).execute();
    const { demoAccounts } = await import('../seed.js');
    for (const account of demoAccounts) {
      const row = rows.find((r) => r.phone_e164 === account.identifier || r.email === account.identifier);
      if (row) users.set(account.key, row.id);
    }
  }
  const cookiesFor = async (key: string | null) => {
    const base = `palabre_csrf=${testCsrfToken}`;
    if (!key) return base;
    const userId = users.get(key);
    if (!userId) throw new Error(`no demo account ${key}`);
    const staff = !key.endsWith(':citizen');
    const { token } = await createSession(palabre.services.db, {
      userId,
      kind: staff ? 'staff' : 'citizen',
      ip: null,
      userAgent: 'test',
    });
    return `${base}; ${sessionCookieName}=${token}`;
  };
  return {
    ...palabre,
    users,
    communeId: async (slug) =>
      (await palabre.services.db.selectFrom('communes').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id,
    cookiesFor,
    request: async (key, method, url, form, extra = {}) => {
      const cookie = await cookiesFor(key);
      const payload = form ? formBody({ _csrf: testCsrfToken, ...form }) : undefined;
      const { headers: extraHeaders, ...rest } = extra;
      return palabre.app.inject({
        method,
        url,
        payload,
        ...rest,
        headers: {
          cookie,
          ...(payload ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
          ...(extraHeaders ?? {}),
        },
      } as InjectOptions);
    },
  };
}
