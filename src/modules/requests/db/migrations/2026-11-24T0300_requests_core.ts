import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the application.

const idColumn = (c: any) => c.primaryKey().defaultTo(sql`gen_random_uuid()`);
const communeColumn = (c: any) => c.notNull().references('communes.id').onDelete('cascade');

async function createSettings(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('request_services')
    .addColumn('id', 'uuid', idColumn)
    .addColumn('commune_id', 'uuid', communeColumn)
    .addColumn('name', 'jsonb', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('request_categories')
    .addColumn('id', 'uuid', idColumn)
    .addColumn('commune_id', 'uuid', communeColumn)
    // The Open311 service_code: stable, short, safe in a URL.
    .addColumn('code', 'text', (c) => c.notNull().check(sql`code ~ '^[a-z0-9][a-z0-9_-]{0,39}$'`))
    .addColumn('name', 'jsonb', (c) => c.notNull())
    .addColumn('description', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('response_days', 'integer', (c) => c.notNull().check(sql`response_days between 1 and 250`))
    .addColumn('sensitive', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('designated_user_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('default_service_id', 'uuid', (c) => c.references('request_services.id').onDelete('set null'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addUniqueConstraint('request_categories_code_unique', ['commune_id', 'code'])
    .execute();

  await db.schema
    .createTable('request_routes')
    .addColumn('id', 'uuid', idColumn)
    .addColumn('commune_id', 'uuid', communeColumn)
    .addColumn('category_id', 'uuid', (c) => c.notNull().references('request_categories.id').onDelete('cascade'))
    // null: every neighbourhood without a route of its own.
    .addColumn('neighbourhood', 'text')
    .addColumn('service_id', 'uuid', (c) => c.notNull().references('request_services.id').onDelete('cascade'))
    .execute();
  await sql`create unique index request_routes_one_per_cell on request_routes (category_id, coalesce(neighbourhood, ''))`.execute(db);

  await db.schema
    .createTable('request_states')
    .addColumn('id', 'uuid', idColumn)
    .addColumn('commune_id', 'uuid', communeColumn)
    .addColumn('code', 'text', (c) => c.notNull().check(sql`code ~ '^[a-z0-9][a-z0-9_-]{0,39}$'`))
    .addColumn('name', 'jsonb', (c) => c.notNull())
    // What the state means to the rules (a commune may add several states of one stage).
    .addColumn('stage', 'text', (c) => c.notNull().check(sql`stage in ('received', 'acknowledged', 'in_progress', 'resolved', 'rejected', 'reopened')`))
    .addColumn('open311_status', 'text', (c) => c.notNull().check(sql`open311_status in ('open', 'closed')`))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('request_states_code_unique', ['commune_id', 'code'])
    .execute();
}

async function createRequests(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('request_counters')
    .addColumn('commune_id', 'uuid', communeColumn)
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_number', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('request_counters_pk', ['commune_id', 'prefix', 'year'])
    .execute();

  await db.schema
    .createTable('requests')
    .addColumn('id', 'uuid', idColumn)
    .addColumn('commune_id', 'uuid', communeColumn)
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('complaint', 'information')`))
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('access_code_hash', 'text', (c) => c.notNull())
    .addColumn('category_id', 'uuid', (c) => c.references('request_categories.id'))
    .addColumn('subject', 'text', (c) => c.check(sql`length(subject) <= 300`))
    .addColumn('description', 'text', (c) => c.notNull().check(sql`length(description) between 1 and 4000`))
    .addColumn('neighbourhood', 'text')
    .addColumn('latitude', 'double precision', (c) => c.check(sql`latitude between -90 and 90`))
    .addColumn('longitude', 'double precision', (c) => c.check(sql`longitude between -180 and 180`))
    .addColumn('address', 'text', (c) => c.check(sql`length(address) <= 300`))
    .addColumn('photo_file_id', 'uuid', (c) => c.references('stored_files.id').onDelete('set null'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('is_open', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('service_id', 'uuid', (c) => c.references('request_services.id').onDelete('set null'))
    .addColumn('assignee_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('is_private', 'boolean', (c) => c.notNull().defaultTo(false))
    // Filed in a sensitive category (staff conduct, corruption): only its designated person and the administrators see it.
    .addColumn('sensitive', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('web', 'mediator', 'sms', 'open311')`))
    // Who asked: known to staff only, never published, never exported.
    .addColumn('reporter_user_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('reporter_name', 'text', (c) => c.check(sql`length(reporter_name) <= 200`))
    .addColumn('reporter_phone', 'text')
    .addColumn('reporter_email', 'text')
    .addColumn('reporter_locale', 'text')
    .addColumn('assisted_participant_id', 'uuid', (c) => c.references('assisted_participants.id').onDelete('set null'))
    .addColumn('recorded_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('submitted_on', 'date', (c) => c.notNull())
    .addColumn('due_on', 'date')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('answered_at', 'timestamptz')
    .addColumn('closed_at', 'timestamptz')
    .addUniqueConstraint('requests_reference_unique', ['commune_id', 'reference'])
    .addCheckConstraint('requests_position_pair', sql`(latitude is null) = (longitude is null)`)
    .addCheckConstraint('requests_complaint_category', sql`kind <> 'complaint' or category_id is not null`)
    .execute();
  await db.schema.createIndex('requests_queue_idx').on('requests').columns(['commune_id', 'kind', 'is_open', 'due_on']).execute();
  await db.schema.createIndex('requests_recent_idx').on('requests').columns(['commune_id', 'kind', 'created_at']).execute();
  await db.schema.createIndex('requests_reporter_idx').on('requests').columns(['reporter_user_id']).execute();

  await db.schema
    .createTable('request_events')
    .addColumn('id', 'uuid', idColumn)
    .addColumn('commune_id', 'uuid', communeColumn)
    .addColumn('request_id', 'uuid', (c) => c.notNull().references('requests.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('submitted', 'status', 'message', 'assigned', 'deadline', 'note')`))
    .addColumn('author', 'text', (c) => c.notNull().check(sql`author in ('citizen', 'commune', 'system')`))
    // Kept for the audit trail; never shown to the public.
    .addColumn('actor_user_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('status', 'text')
    .addColumn('reason', 'text')
    .addColumn('body', 'text', (c) => c.check(sql`length(body) <= 8000`))
    // What the public reads when the body had to be redacted; the original stays private.
    .addColumn('public_body', 'text', (c) => c.check(sql`length(public_body) <= 8000`))
    .addColumn('is_public', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('file_id', 'uuid', (c) => c.references('stored_files.id').onDelete('set null'))
    .addColumn('public_file_id', 'uuid', (c) => c.references('stored_files.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('request_closures')
    .addColumn('id', 'uuid', idColumn)
    .addColumn('commune_id', 'uuid', communeColumn)
    .addColumn('starts_on', 'date', (c) => c.notNull())
    .addColumn('ends_on', 'date', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`length(reason) between 1 and 300`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('request_closures_dates', sql`ends_on >= starts_on`)
    .execute();
  await db.schema.createIndex('request_events_request_idx').on('request_events').columns(['request_id', 'created_at']).execute();
}

export async function up(db: Kysely<any>): Promise<void> {
  await createSettings(db);
  await createRequests(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['request_closures', 'request_events', 'requests', 'request_counters', 'request_states', 'request_routes', 'request_categories', 'request_services']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
