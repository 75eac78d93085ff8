import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../platform/db/platform-tables.js';
import type { LocalizedText } from '../../platform/i18n/locales.js';
import { submitProposal } from './commands/proposal-commands.js';
import { activePhase, todayIn } from './phases.js';
import { phasesOf, scoped } from './queries/participation-queries.js';

/** Published consultations whose current phase takes proposals: where a message received by phone can go. */
export async function consultationsTakingProposals(db: Kysely<PlatformTables>, commune: { id: string; time_zone: string }): Promise<{ id: string; title: LocalizedText }[]> {
  const published = await scoped(db, commune.id).selectFrom('consultations').select(['id', 'title', 'manual_phase_id']).where('status', '=', 'published').orderBy('created_at', 'desc').limit(100).execute();
  const today = todayIn(commune.time_zone);
  const open = await Promise.all(published.map(async (c) => (activePhase(await phasesOf(db, commune.id, c.id), today, c.manual_phase_id)?.allows_proposals ? c : null)));
  return open.filter((c) => c !== null).map((c) => ({ id: c.id, title: c.title }));
}

/**
 * A message someone sent by SMS or WhatsApp, entered as a proposal by the officer who read it: the proposal keeps the
 * phone channel (participation figures by channel); its author is the sender's account when their phone is verified,
 * else the officer, who follows it and can relay the answer.
 */
export async function proposalFromMessage(
  db: Kysely<PlatformTables>,
  commune: { id: string; time_zone: string },
  input: { consultationId: string; title: string; body: string; phone: string; officerId: string; channel: 'sms' | 'whatsapp' },
): Promise<{ id: string }> {
  const account = await db.selectFrom('users').select('id').where('phone_e164', '=', input.phone).executeTakeFirst();
  return submitProposal(db, commune, input.consultationId, { title: input.title, body: input.body, authorId: account?.id ?? input.officerId, channel: input.channel });
}
