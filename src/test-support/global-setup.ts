import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildMigratedTemplate } from './migrated-template.js';

/** Vitest global setup (project "unit"): one migrated template database for the whole run. */
export default async function setup(): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'palabre-template-'));
  const remove = await buildMigratedTemplate(process.env.DATABASE_URL, join(dir, 'pglite.tar'));
  return async () => {
    await remove();
    rmSync(dir, { recursive: true, force: true });
  };
}
