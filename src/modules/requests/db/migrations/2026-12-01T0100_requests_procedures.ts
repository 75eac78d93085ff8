import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the application.

const kindsWithProcedure = sql`kind in ('complaint', 'information', 'procedure')`;
const kindsBefore = sql`kind in ('complaint', 'information')`;
const stages = sql`('received', 'missing_information', 'in_progress', 'ready', 'collected', 'refused')`;

async function replaceKindCheck(db: Kysely<any>, check: ReturnType<typeof sql>): Promise<void> {
  const checks = await sql<{ name: string }>`
    select conname as name from pg_constraint
    where conrelid = 'requests'::regclass and contype = 'c' and pg_get_constraintdef(oid) like '%kind = ANY%'
      and pg_get_constraintdef(oid) not like '%category_id%'`.execute(db);
  for (const { name } of checks.rows) await sql`alter table requests drop constraint ${sql.id(name)}`.execute(db);
  await sql`alter table requests add constraint requests_kind_check check (${check})`.execute(db);
}

async function addProcedureColumns(db: Kysely<any>): Promise<void> {
  // Lets the requests and the fields point at a procedure of their own commune only (composite foreign keys).
  await sql`alter table commune_services add constraint commune_services_id_commune_unique unique (id, commune_id)`.execute(db);
  await db.schema
    .alterTable('requests')
    .addColumn('procedure_id', 'uuid')
    // What the resident answered on the procedure's form: personal data, shown to them and the civil-status office only.
    .addColumn('answers', 'jsonb')
    .addColumn('ready_at', 'timestamptz')
    .addColumn('collected_at', 'timestamptz')
    .execute();
  await sql`alter table requests add constraint requests_procedure_fk foreign key (procedure_id, commune_id) references commune_services (id, commune_id)`.execute(db);
  await sql`alter table requests add constraint requests_procedure_shape check (kind <> 'procedure' or (procedure_id is not null and answers is not null and stage in ${stages} and status = stage))`.execute(db);
  await db.schema.createIndex('requests_procedure_idx').on('requests').columns(['commune_id', 'procedure_id']).execute();
}

async function createFields(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('request_procedure_fields')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('commune_id', 'uuid', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('service_id', 'uuid', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull().check(sql`key ~ '^[a-z][a-z0-9_]{0,39}$'`))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('text', 'long_text', 'choice', 'file', 'yes_no', 'number')`))
    .addColumn('label', 'jsonb', (c) => c.notNull())
    .addColumn('help', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('required', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('options', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('min_value', 'numeric')
    .addColumn('max_value', 'numeric')
    .addColumn('max_length', 'integer', (c) => c.check(sql`max_length between 1 and 10000`))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('request_procedure_fields_key_unique', ['service_id', 'key'])
    .execute();
  await sql`alter table request_procedure_fields add constraint request_procedure_fields_service_fk foreign key (service_id, commune_id) references commune_services (id, commune_id) on delete cascade`.execute(db);

  // Scans attached to a procedure request: private, served only through the requests module's checked handler.
  await db.schema
    .createTable('request_files')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('commune_id', 'uuid', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('request_id', 'uuid', (c) => c.notNull().references('requests.id').onDelete('cascade'))
    .addColumn('field_key', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('byte_size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('request_files_request_idx').on('request_files').columns(['request_id']).execute();
}

export async function up(db: Kysely<any>): Promise<void> {
  await replaceKindCheck(db, kindsWithProcedure);
  await addProcedureColumns(db);
  await createFields(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('request_files').ifExists().execute();
  await db.schema.dropTable('request_procedure_fields').ifExists().execute();
  await sql`delete from requests where kind = 'procedure'`.execute(db);
  await db.schema.alterTable('requests').dropConstraint('requests_procedure_shape').execute();
  await db.schema.alterTable('requests').dropConstraint('requests_procedure_fk').execute();
  await db.schema.alterTable('requests').dropColumn('procedure_id').dropColumn('answers').dropColumn('ready_at').dropColumn('collected_at').execute();
  await sql`alter table commune_services drop constraint commune_services_id_commune_unique`.execute(db);
  await replaceKindCheck(db, kindsBefore);
}
