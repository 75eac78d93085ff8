import { sql } from 'kysely';
import type { PalabreApp } from '../src/app.js';
import { benchApp, printLatencyTable, staffCookie, type TimedPage } from './in-process.js';

/**
 * Administrative-procedure requests at scale: BENCH_REQUESTS requests (default 50,000) of Ndar Toute's marriage
 * extract spread over the last 400 days, at every stage, then the public statistics page (two periods), the
 * civil-status office's queue and one request's page, against the commune home of the same app. In process, one
 * call at a time (BENCH_CALLS each, default 50). PGlite, or PostgreSQL with BENCH_DATABASE_URL.
 */
const requests = Number(process.env.BENCH_REQUESTS ?? 50_000);
const calls = Number(process.env.BENCH_CALLS ?? 50);

/** Requests in plain SQL (seconds, not minutes): one in five still received or in progress, most ready or collected. */
async function seedRequests(palabre: PalabreApp, count: number): Promise<void> {
  const { db } = palabre.services;
  await sql`
    with procedure as (
      select s.id, s.commune_id from commune_services s join communes c on c.id = s.commune_id
      where c.slug = 'ndar-toute' and s.kind = 'procedure' and s.title->>'fr' ilike '%mariage%' limit 1),
    generated as (
      select g, (array['received', 'in_progress', 'ready', 'collected', 'collected', 'refused'])[1 + g % 6] as stage,
             (current_date - (g % 400))::date as filed
      from generate_series(1, ${count}) g)
    insert into requests (commune_id, kind, reference, access_code_hash, description, procedure_id, answers, status, stage,
                          is_open, is_private, channel, submitted_on, ready_at, collected_at, created_at, updated_at)
    select p.commune_id, 'procedure', 'DA-BENCH-' || g, 'x', 'Extrait d''acte de mariage', p.id,
           jsonb_build_object('epoux', 'Mesure ' || g, 'annee', 2000, 'copies', 1), stage, stage,
           stage not in ('collected', 'refused'), true, 'web', filed,
           case when stage in ('ready', 'collected') then filed + (g % 9) * interval '1 day' + interval '10 hours' end,
           case when stage = 'collected' then filed + (g % 9 + 2) * interval '1 day' end,
           filed + interval '9 hours', filed + interval '9 hours'
    from generated, procedure p`.execute(db);
  await sql`analyze`.execute(db);
}

const palabre = await benchApp();
await seedRequests(palabre, requests);
const cookie = await staffCookie(palabre, '+221770000008');
const one = await sql<{ id: string }>`select id from requests where reference = 'DA-BENCH-7'`.execute(palabre.services.db);
const pages: TimedPage[] = [
  ['commune home, /ndar-toute/', '/ndar-toute/', undefined],
  ['procedure statistics, last 12 months', '/ndar-toute/requests/procedures/statistics', undefined],
  ['procedure statistics, all time', '/ndar-toute/requests/procedures/statistics?period=all', undefined],
  ["civil-status office's queue", '/ndar-toute/admin/requests/procedures', cookie],
  ['one request with its personal data (audited view)', `/ndar-toute/admin/requests/procedures/${one.rows[0]!.id}`, cookie],
];
await printLatencyTable(palabre.app, `Procedure requests on ${palabre.services.databaseKind}, ${requests} requests (${calls} calls each, in process)`, pages, calls);
await palabre.close();
