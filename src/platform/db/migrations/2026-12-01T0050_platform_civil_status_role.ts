import { type Kysely, sql } from 'kysely';

// Frozen in time. The civil-status office: the commune's officers who handle administrative-procedure requests and
// alone (with the administrators) read the personal data they carry.
const rolesWithCivilStatus = sql`role in ('citizen', 'staff', 'admin', 'moderator', 'mediator', 'civil_society', 'monitor', 'civil_status')`;
const rolesBefore = sql`role in ('citizen', 'staff', 'admin', 'moderator', 'mediator', 'civil_society', 'monitor')`;

/** The role check constraints of role_grants, whatever name the database gave them. */
async function roleChecks(db: Kysely<any>): Promise<string[]> {
  const result = await sql<{ name: string }>`
    select conname as name from pg_constraint
    where conrelid = 'role_grants'::regclass and contype = 'c' and pg_get_constraintdef(oid) like '%role%'`.execute(db);
  return result.rows.map((row) => row.name);
}

async function replaceRoleCheck(db: Kysely<any>, check: ReturnType<typeof sql>): Promise<void> {
  for (const name of await roleChecks(db)) await sql`alter table role_grants drop constraint ${sql.id(name)}`.execute(db);
  await sql`alter table role_grants add constraint role_grants_role_check check (${check})`.execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  await replaceRoleCheck(db, rolesWithCivilStatus);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from role_grants where role = 'civil_status'`.execute(db);
  await replaceRoleCheck(db, rolesBefore);
}
