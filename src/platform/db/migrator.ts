import type { Kysely } from 'kysely';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';

/** Named migrations from one owner (the platform or a module). */
export interface MigrationSet {
  owner: string;
  migrations: Record<string, Migration>;
}

// Kysely reads migrations from one provider; modules each bring their own, so they are merged here.
class CompositeMigrationProvider implements MigrationProvider {
  constructor(private readonly sets: MigrationSet[]) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const merged: Record<string, Migration> = {};
    const ownerOf = new Map<string, string>();
    for (const set of this.sets) {
      for (const [name, migration] of Object.entries(set.migrations)) {
        const existing = ownerOf.get(name);
        if (existing) throw new Error(`Migration name "${name}" is used by both ${existing} and ${set.owner}`);
        ownerOf.set(name, set.owner);
        merged[name] = migration;
      }
    }
    return merged;
  }
}

export async function migrateToLatest(db: Kysely<any>, sets: MigrationSet[]): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new CompositeMigrationProvider(sets) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
}
