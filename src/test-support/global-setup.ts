import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildTemplates, seededSetup } from './migrated-template.js';

/**
 * Vitest global setup (projects "unit" and "browser"): the run's template databases (migrated, and migrated +
 * seeded). Both projects name it: the first to run builds them, the other finds them in the environment.
 */
export default async function setup(): Promise<() => Promise<void>> {
  if (seededSetup()) return async () => {};
  const dir = mkdtempSync(join(tmpdir(), 'palabre-template-'));
  const remove = await buildTemplates(process.env.DATABASE_URL, dir);
  return async () => {
    await remove();
    rmSync(dir, { recursive: true, force: true });
  };
}
