import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the application.

export async function up(db: Kysely<any>): Promise<void> {
  // A message received by WhatsApp or USSD that staff turn into a proposal keeps the channel it came by.
  await sql`alter table proposals drop constraint proposals_channel_check`.execute(db);
  await sql`alter table proposals add constraint proposals_channel_check check (channel in ('web', 'mediator', 'sms', 'meeting', 'whatsapp', 'ussd'))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table proposals drop constraint proposals_channel_check`.execute(db);
  await sql`alter table proposals add constraint proposals_channel_check check (channel in ('web', 'mediator', 'sms', 'meeting'))`.execute(db);
}
