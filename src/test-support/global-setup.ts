import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildTemplates } from './migrated-template.js';

/** Vitest global setup (project "unit"): the run's template databases (migrated, and migrated + seeded). */
export default async function setup(): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'palabre-template-'));
  const remove = await buildTemplates(process.env.DATABASE_URL, dir);
  return async () => {
    await remove();
    rmSync(dir, { recursive: true, force: true });
  };
}
