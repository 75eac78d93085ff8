import type { SeedContext } from '../../../../platform/module.js';
import { plansDb } from '../tables.js';
import { scopedComments } from './tables.js';

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);

/** Two residents' comments on the demo plan's second commitment: one answered with reasons, one still waiting. */
export async function seedComments(context: SeedContext): Promise<void> {
  const commune = context.communes.get('ndar-toute');
  const citizen = context.users.get('ndar-toute:citizen');
  if (!commune || !citizen) return;
  const commitment = await plansDb(context.db).selectFrom('accountability_commitments').select('id').where('commune_id', '=', commune.id).where('number', '=', 2).executeTakeFirst();
  if (!commitment) return;
  await scopedComments(context.db, commune.id).insertInto('accountability_comments', [
    {
      commitment_id: commitment.id, author_id: citizen, created_at: daysAgo(40),
      body: 'Les réunions de quartier ont lieu le mardi matin, quand les femmes sont au marché. Pouvez-vous en tenir le samedi ?',
      outcome: 'taken_into_account', responded_at: daysAgo(33), responded_by: context.users.get('ndar-toute:staff') ?? null,
      response: 'Oui : à partir de ce trimestre, une réunion sur deux a lieu le samedi à 16 h, dans chaque quartier.',
    },
    { commitment_id: commitment.id, author_id: citizen, created_at: daysAgo(6), body: 'Où peut-on lire les comptes rendus des réunions déjà tenues ?' },
  ]).execute();
}
