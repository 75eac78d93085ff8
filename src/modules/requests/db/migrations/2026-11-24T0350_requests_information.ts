import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the application.

/**
 * Access-to-information requests: the law they were filed under, the form of answer wanted, the one extension,
 * the refusal ground, the appeal, a redacted public text; clock pauses while clarification is pending; documents
 * whose original must not be published.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('requests')
    // The law applies as it stood when the request was filed, even if the commune's country setting changes.
    .addColumn('law_country', 'text')
    .addColumn('answer_form', 'text', (c) => c.check(sql`answer_form in ('email', 'paper', 'on_site')`))
    .addColumn('extension_days', 'integer', (c) => c.check(sql`extension_days between 1 and 250`))
    .addColumn('extension_reason', 'text', (c) => c.check(sql`length(extension_reason) <= 2000`))
    .addColumn('refusal_ground', 'text')
    .addColumn('appealed_on', 'date')
    // What the public reads when the request text itself had to be redacted (a name, an address…).
    .addColumn('public_description', 'text', (c) => c.check(sql`length(public_description) <= 4000`))
    .execute();

  await db.schema
    .createTable('request_pauses')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('commune_id', 'uuid', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('request_id', 'uuid', (c) => c.notNull().references('requests.id').onDelete('cascade'))
    .addColumn('starts_on', 'date', (c) => c.notNull())
    // null: clarification still awaited, the clock is stopped.
    .addColumn('ends_on', 'date')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('request_pauses_dates', sql`ends_on is null or ends_on >= starts_on`)
    .execute();
  await db.schema.createIndex('request_pauses_request_idx').on('request_pauses').columns(['request_id', 'starts_on']).execute();
  // At most one open pause per request: two clarification requests at once would stop the clock twice.
  await sql`create unique index request_pauses_one_open on request_pauses (request_id) where ends_on is null`.execute(db);

  await db.schema
    .alterTable('request_events')
    // The original document must not be published: the public gets public_file_id, or nothing.
    .addColumn('file_withheld', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('request_events').dropColumn('file_withheld').execute();
  await db.schema.dropTable('request_pauses').ifExists().execute();
  await db.schema
    .alterTable('requests')
    .dropColumn('law_country')
    .dropColumn('answer_form')
    .dropColumn('extension_days')
    .dropColumn('extension_reason')
    .dropColumn('refusal_ground')
    .dropColumn('appealed_on')
    .dropColumn('public_description')
    .execute();
}
