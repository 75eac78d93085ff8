import { type Kysely, sql } from 'kysely';

// Frozen in time. Votes by phone (module channels): the channel 'ussd' (and later 'sms', 'whatsapp') on voters and
// ballots, and a voter key 'phone:<E.164>' for a phone that no account verified (the phone is the person).
const channels = { after: sql`channel in ('web', 'paper', 'mediator', 'ussd', 'sms', 'whatsapp')`, before: sql`channel in ('web', 'paper', 'mediator')` };
const voterKeys = { after: sql`voter_key ~ '^((user|assisted):[0-9a-f-]{36}|phone:\\+[0-9]{6,15})$'`, before: sql`voter_key ~ '^(user|assisted):[0-9a-f-]{36}$'` };

async function replaceCheck(db: Kysely<any>, table: string, column: string, check: ReturnType<typeof sql>): Promise<void> {
  const checks = await sql<{ name: string }>`
    select conname as name from pg_constraint
    where conrelid = ${table}::regclass and contype = 'c' and pg_get_constraintdef(oid) like ${`%${column}%`}`.execute(db);
  for (const { name } of checks.rows) await sql`alter table ${sql.table(table)} drop constraint ${sql.id(name)}`.execute(db);
  await sql`alter table ${sql.table(table)} add constraint ${sql.id(`${table}_${column}_check`)} check (${check})`.execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['budget_voters', 'budget_ballots']) await replaceCheck(db, table, 'channel', channels.after);
  await replaceCheck(db, 'budget_voters', 'voter_key', voterKeys.after);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from budget_voters where voter_key like 'phone:%'`.execute(db);
  for (const table of ['budget_voters', 'budget_ballots']) {
    await sql`update ${sql.table(table)} set channel = 'web' where channel in ('ussd', 'sms', 'whatsapp')`.execute(db);
    await replaceCheck(db, table, 'channel', channels.before);
  }
  await replaceCheck(db, 'budget_voters', 'voter_key', voterKeys.before);
}
