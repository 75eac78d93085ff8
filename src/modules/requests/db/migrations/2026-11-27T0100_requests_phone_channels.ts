import { type Kysely, sql } from 'kysely';

// Frozen in time. Complaints also arrive by USSD and WhatsApp (module channels); they keep their channel.
const withPhoneChannels = sql`channel in ('web', 'mediator', 'sms', 'open311', 'ussd', 'whatsapp')`;
const channelsBefore = sql`channel in ('web', 'mediator', 'sms', 'open311')`;

async function replaceChannelCheck(db: Kysely<any>, check: ReturnType<typeof sql>): Promise<void> {
  const checks = await sql<{ name: string }>`
    select conname as name from pg_constraint
    where conrelid = 'requests'::regclass and contype = 'c' and pg_get_constraintdef(oid) like '%channel%'`.execute(db);
  for (const { name } of checks.rows) await sql`alter table requests drop constraint ${sql.id(name)}`.execute(db);
  await sql`alter table requests add constraint requests_channel_check check (${check})`.execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  await replaceChannelCheck(db, withPhoneChannels);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`update requests set channel = 'sms' where channel in ('ussd', 'whatsapp')`.execute(db);
  await replaceChannelCheck(db, channelsBefore);
}
