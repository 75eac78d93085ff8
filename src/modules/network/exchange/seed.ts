import type { SeedContext } from '../../../platform/module.js';
import { exchangeDb } from './tables.js';

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);

/** Two questions between Ndar Toute and Tiznit El Jadida staff, in French; the first answered and resolved. */
export async function seedExchange(context: SeedContext): Promise<void> {
  const ndar = context.communes.get('ndar-toute');
  const tiznit = context.communes.get('tiznit-el-jadida');
  const ndarStaff = context.users.get('ndar-toute:staff');
  const tiznitStaff = context.users.get('tiznit-el-jadida:staff');
  if (!ndar || !tiznit || !ndarStaff || !tiznitStaff) return;
  const db = exchangeDb(context.db);

  const budget = await db.insertInto('network_exchange_threads').values({
    commune_id: ndar.id, author_id: ndarStaff, principle: 'transparency', module_tag: 'finances', created_at: hoursAgo(72), last_activity_at: hoursAgo(50),
    title: 'Comment rendre le budget citoyen lisible pour tous ?',
    body: 'Nous publions le budget en ligne, mais peu d’habitants le lisent.\n\nAvez-vous essayé une version courte, avec des dessins ou en langue locale ? Qu’est-ce qui a marché chez vous ?',
  }).returning('id').executeTakeFirstOrThrow();
  const answer = await db.insertInto('network_exchange_replies').values({
    thread_id: budget.id, commune_id: tiznit.id, author_id: tiznitStaff, created_at: hoursAgo(50),
    body: 'À Tiznit, nous faisons une page recto-verso en arabe et en amazigh, lue aussi à la radio locale le jour du vote du budget.\n\nLes questions des auditeurs nous ont montré ce qui restait obscur : les recettes propres et la dette.',
  }).returning('id').executeTakeFirstOrThrow();
  await db.updateTable('network_exchange_threads').set({ status: 'resolved', accepted_reply_id: answer.id }).where('id', '=', budget.id).execute();

  const forum = await db.insertInto('network_exchange_threads').values({
    commune_id: tiznit.id, author_id: tiznitStaff, principle: 'participation', module_tag: 'participation', created_at: hoursAgo(30), last_activity_at: hoursAgo(6),
    title: 'Faire venir les jeunes aux réunions de quartier',
    body: 'Nos réunions de quartier attirent surtout des personnes âgées. Comment avez-vous impliqué les jeunes ?',
  }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('network_exchange_replies').values({
    thread_id: forum.id, commune_id: ndar.id, author_id: ndarStaff, created_at: hoursAgo(6),
    body: 'Nous tenons les réunions le samedi après-midi au terrain de football, et les associations de jeunes en animent une partie.',
  }).execute();

  await db.insertInto('network_exchange_follows').values([
    { thread_id: budget.id, user_id: ndarStaff, following: true },
    { thread_id: budget.id, user_id: tiznitStaff, following: true },
    { thread_id: forum.id, user_id: tiznitStaff, following: true },
    { thread_id: forum.id, user_id: ndarStaff, following: true },
  ]).execute();
}
