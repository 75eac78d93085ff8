import { sql } from 'kysely';
import type { PalabreApp } from '../src/app.js';

/**
 * Bulk data for the proposal-list benchmark, written in SQL so it loads in seconds: users, proposals in
 * the first consultation of a commune, and supports (each user supports `perUser` distinct proposals).
 * The support-count trigger is paused during the load and the counts recomputed once afterwards.
 */
export async function seedProposals(palabre: PalabreApp, slug: string, proposals: number, users: number, perUser: number): Promise<string> {
  const db = palabre.services.db;
  const commune = await db.selectFrom('communes').select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
  const { rows } = await sql<{ id: string; phase_id: string }>`
    select c.id, p.id as phase_id from consultations c join consultation_phases p on p.consultation_id = c.id
    where c.commune_id = ${commune.id} order by p.starts_on limit 1`.execute(db);
  const consultation = rows[0]!;
  await sql`insert into users (phone_e164, display_name) select '+22179' || lpad(g::text, 7, '0'), 'Bench ' || g from generate_series(1, ${users}) g`.execute(db);
  await sql`
    insert into proposals (commune_id, consultation_id, phase_id, author_id, channel, title, body, created_at)
    select ${commune.id}, ${consultation.id}, ${consultation.phase_id}, u.id, 'web', 'Proposition ' || g, 'Texte de la proposition ' || g,
           now() - (g || ' seconds')::interval
    from generate_series(1, ${proposals}) g
    join (select id, row_number() over (order by id) as n from users where display_name like 'Bench %') u on u.n = 1 + (g % ${users})`.execute(db);
  await sql`alter table proposal_supports disable trigger proposal_supports_count`.execute(db);
  await sql`
    with bench_users as (select id, row_number() over (order by id) as n from users where display_name like 'Bench %'),
         bench_proposals as (select id, row_number() over (order by id) - 1 as n from proposals where consultation_id = ${consultation.id})
    insert into proposal_supports (commune_id, proposal_id, user_id)
    select ${commune.id}, p.id, u.id
    from bench_users u cross join generate_series(0, ${perUser - 1}) k
    join bench_proposals p on p.n = ((u.n * 7919 + k * 104729) % ${proposals})
    on conflict do nothing`.execute(db);
  await sql`alter table proposal_supports enable trigger proposal_supports_count`.execute(db);
  await sql`update proposals p set support_count = s.n from (select proposal_id, count(*) as n from proposal_supports group by proposal_id) s where s.proposal_id = p.id`.execute(db);
  // As autovacuum would have done on a live PostgreSQL: the counters' rows were rewritten on every insert.
  await sql`vacuum analyze`.execute(db);
  return consultation.id;
}
