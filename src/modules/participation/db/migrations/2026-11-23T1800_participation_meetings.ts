import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the application.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('consultation_meetings')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('commune_id', 'uuid', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('consultation_id', 'uuid', (c) => c.notNull().references('consultations.id').onDelete('cascade'))
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('agenda', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('minutes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('attendance_women', 'integer', (c) => c.check(sql`attendance_women >= 0`))
    .addColumn('attendance_men', 'integer', (c) => c.check(sql`attendance_men >= 0`))
    .addColumn('attendance_youth', 'integer', (c) => c.check(sql`attendance_youth >= 0`))
    .execute();
  await db.schema.createIndex('consultation_meetings_consultation_idx').on('consultation_meetings').columns(['consultation_id', 'starts_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('consultation_meetings').ifExists().execute();
}
