import { type Kysely, sql } from 'kysely';

/** What a backup records about its database, and what a verified restore must find again. */
export interface DatabaseInventory {
  /** Applied migrations, by name, in order. */
  migrations: string[];
  /** Row count of every table of the application's schemas. */
  tables: Record<string, number>;
  /** Ballots per budget round and the weight each project received: the tally a restore must reproduce. */
  ballots: Record<string, number>;
}

/** The schemas the application owns: all but PostgreSQL's own (modules such as open data keep tables outside public). */
export const userSchemasSql = sql`(select nspname from pg_namespace where left(nspname, 3) <> 'pg_' and nspname <> 'information_schema')`;

// Tables that exist only when their module is installed: every query below is guarded by this.
// Named `table` in public and `schema.table` elsewhere.
async function tableNames(db: Kysely<any>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select case when table_schema = 'public' then table_name else table_schema || '.' || table_name end as name
    from information_schema.tables
    where table_schema in ${userSchemasSql} and table_type = 'BASE TABLE' order by table_schema <> 'public', 1`.execute(db);
  return rows.map((row) => row.name);
}

export async function takeInventory(db: Kysely<any>): Promise<DatabaseInventory> {
  const names = await tableNames(db);
  const tables: Record<string, number> = {};
  for (const name of names) {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(name)}`.execute(db);
    tables[name] = Number(rows[0]!.n);
  }
  const migrations = names.includes('kysely_migration')
    ? (await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db)).rows.map((row) => row.name)
    : [];
  return { migrations, tables, ballots: names.includes('budget_ballot_choices') ? await ballotTally(db) : {} };
}

async function ballotTally(db: Kysely<any>): Promise<Record<string, number>> {
  const tally: Record<string, number> = {};
  const ballots = await sql<{ round_id: string; n: number }>`
    select round_id, count(*)::int as n from budget_ballots group by round_id order by round_id`.execute(db);
  for (const row of ballots.rows) tally[`round:${row.round_id}`] = Number(row.n);
  const weights = await sql<{ project_id: string; n: number }>`
    select project_id, sum(weight)::int as n from budget_ballot_choices group by project_id order by project_id`.execute(db);
  for (const row of weights.rows) tally[`project:${row.project_id}`] = Number(row.n);
  return tally;
}

/**
 * Counters kept by triggers must equal a fresh count of the rows they summarise: a restore that skipped
 * triggers or lost rows shows here. Returns one line per disagreement (empty: all agree).
 */
export async function counterMismatches(db: Kysely<any>): Promise<string[]> {
  const names = new Set(await tableNames(db));
  const problems: string[] = [];
  if (names.has('proposal_supports')) {
    const { rows } = await sql<{ id: string; kept: number; counted: number }>`
      select p.id, p.support_count as kept, (select count(*)::int from proposal_supports s where s.proposal_id = p.id) as counted
      from proposals p
      where p.support_count <> (select count(*) from proposal_supports s where s.proposal_id = p.id)`.execute(db);
    for (const row of rows) problems.push(`proposal ${row.id}: support_count ${row.kept} but ${row.counted} supports`);
  }
  if (names.has('consultation_figures')) {
    const { rows } = await sql<{ id: string; kept: number; counted: number }>`
      select c.id, coalesce(f.n, 0) as kept, (select count(*)::int from consultation_participants cp where cp.consultation_id = c.id) as counted
      from consultations c
      left join consultation_figures f on f.consultation_id = c.id and f.dimension = 'participants' and f.key = ''
      where coalesce(f.n, 0) <> (select count(*) from consultation_participants cp where cp.consultation_id = c.id)`.execute(db);
    for (const row of rows) problems.push(`consultation ${row.id}: ${row.kept} participants counted but ${row.counted} rows`);
  }
  return problems;
}

/** Differences between two inventories, one line each (empty: identical). */
export function inventoryDifferences(expected: DatabaseInventory, found: DatabaseInventory): string[] {
  const problems: string[] = [];
  if (expected.migrations.join('\n') !== found.migrations.join('\n')) problems.push('applied migrations differ');
  for (const [what, a, b] of [
    ['table', expected.tables, found.tables],
    ['ballots', expected.ballots, found.ballots],
  ] as const) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (a[key] !== b[key]) problems.push(`${what} ${key}: ${a[key] ?? 'absent'} in the backup, ${b[key] ?? 'absent'} restored`);
    }
  }
  return problems;
}
