import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the application.

const communeColumn = (c: any) => c.notNull().references('communes.id').onDelete('cascade');

export async function up(db: Kysely<any>): Promise<void> {
  // The language a phone chose in a USSD or SMS session, used for its next sessions.
  await db.schema
    .createTable('channel_phone_preferences')
    .addColumn('commune_id', 'uuid', communeColumn)
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull().check(sql`locale in ('fr', 'en', 'pt', 'ar')`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('channel_phone_preferences_pk', ['commune_id', 'phone'])
    .execute();

  // What a USSD session did, once per session and path: a provider retrying the same request files nothing twice.
  await db.schema
    .createTable('channel_ussd_actions')
    .addColumn('commune_id', 'uuid', communeColumn)
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('reference', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('channel_ussd_actions_pk', ['commune_id', 'idempotency_key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('channel_ussd_actions').ifExists().execute();
  await db.schema.dropTable('channel_phone_preferences').ifExists().execute();
}
