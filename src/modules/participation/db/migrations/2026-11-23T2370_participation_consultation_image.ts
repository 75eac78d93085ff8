import { type Kysely, sql } from 'kysely';

// Frozen in time. A consultation may carry one image (re-encoded by the upload pipeline, shown on its page).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table consultations add column image_file_id uuid references stored_files(id) on delete set null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table consultations drop column if exists image_file_id`.execute(db);
}
