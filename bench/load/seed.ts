import { fileURLToPath } from 'node:url';
import { type Kysely, sql } from 'kysely';
import type { PlatformTables } from '../../src/platform/db/platform-tables.js';
import { calendarOf } from '../../src/modules/requests/deadlines/calendar.js';
import { complaintDueOn } from '../../src/modules/requests/deadlines/due.js';
import { ensureRequestDefaults } from '../../src/modules/requests/defaults.js';
import { hashAccessCode } from '../../src/modules/requests/reference.js';
import { benchApp } from '../in-process.js';
import { databaseUrl, env, serverUrlOrExit, withClient } from './lib.js';

/**
 * The national-scale seed of the load benchmarks (issue 12), on PostgreSQL:
 *
 *   eval "$(PGPORT=5471 scripts/pg-local.sh)"
 *   npm run bench:load:seed                  # seeds (or reuses, with BENCH_REUSE=1) and prints the sizes and time
 *
 * Environment:
 *   BENCH_DATABASE_URL / DATABASE_URL   a PostgreSQL server whose role may CREATEDB (required)
 *   BENCH_SCALE=1        1: 100 communes, 1,000,000 proposals, 1,000,000 supports, 100,000 ballots,
 *                        200,000 complaints, 300,000 users; 0.01 for tests and CI (communes stay 100)
 *   BENCH_REUSE=1        keep a database already seeded at this scale (default: seed afresh)
 *   BENCH_DB             database name (default palabre_load_<scale>)
 *
 * The application creates the schema (its migrations) and the demo network first, so the real tables,
 * triggers and constraints are used; the bulk rows are then written in set-based SQL (`generate_series`).
 * The counter triggers are paused during the bulk load and the counters they keep are computed once
 * afterwards, then checked (`checkConsistency`): supports per proposal, proposals per channel, participants and
 * their figures per consultation, one voter row per ballot, request reference counters and deadlines.
 */

export interface Sizes {
  communes: number;
  users: number;
  proposals: number;
  supports: number;
  ballots: number;
  complaints: number;
}

export interface Seeded {
  database: string;
  url: string;
  sizes: Sizes;
  seconds: number;
  reused: boolean;
}

export function sizesAt(scale: number): Sizes {
  const n = (full: number, least: number) => Math.max(least, Math.round(full * scale));
  return { communes: 100, users: n(300_000, 3_000), proposals: n(1_000_000, 1_000), supports: n(1_000_000, 1_000), ballots: n(100_000, 500), complaints: n(200_000, 1_000) };
}

/** Items 1..total spread over the communes 0..99, most in a few: the first takes ~30 %, the first five ~45 %. */
const skewFunction = sql`
  create or replace function bench_load_commune_of(n bigint, total bigint) returns int language sql immutable as
  $$ select least(99, floor(100 * power(((n * 7919) % total)::float8 / total, 4)))::int $$`;

const ageBands = `(array['18-24','25-34','35-49','50-64','65+'])`;

type Db = Kysely<PlatformTables>;
const run = (db: Db, query: ReturnType<typeof sql>) => query.execute(db);

async function timed(label: string, work: () => Promise<unknown>): Promise<void> {
  const started = Date.now();
  await work();
  console.log(`  ${label}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** 98 communes besides the two of the demo, each with the demo's profile and the default request settings. */
async function seedCommunes(db: Db): Promise<void> {
  await run(db, sql`
    insert into communes (slug, name, country, region, default_locale, enabled_locales, time_zone, currency, contact, enabled_modules)
    select 'commune-' || lpad(g::text, 3, '0'), jsonb_build_object('fr', 'Commune ' || g), c.country, c.region, c.default_locale, c.enabled_locales, c.time_zone, c.currency, c.contact, c.enabled_modules
    from communes c cross join generate_series(3, 100) g where c.slug = 'ndar-toute'`);
  const profileColumns = (await sql<{ name: string }>`select column_name as name from information_schema.columns where table_name = 'commune_profiles' and column_name not in ('commune_id', 'id') order by ordinal_position`.execute(db)).rows.map((r) => sql.ref(r.name));
  await run(db, sql`
    insert into commune_profiles (commune_id, ${sql.join(profileColumns)})
    select n.id, ${sql.join(profileColumns.map((c) => sql`p.${c}`))} from communes n cross join commune_profiles p join communes d on d.id = p.commune_id and d.slug = 'ndar-toute'
    where n.slug like 'commune-%'`);
  const communes = await db.selectFrom('communes').select('id').execute();
  for (const c of communes) await ensureRequestDefaults(db, c.id);
  // idx 0 is Ndar Toute (the big one browsed by the scenarios), 1 Tiznit El Jadida, then the others.
  await run(db, sql`
    create table bench_load_communes as
    select (row_number() over (order by slug <> 'ndar-toute', slug <> 'tiznit-el-jadida', slug) - 1)::int as idx, id, slug,
           null::uuid as consultation_id, null::uuid as phase_id, null::uuid as round_id
    from communes`);
  await run(db, sql`alter table bench_load_communes add primary key (idx)`);
}

/** One consultation per commune, open to proposals and supports. */
async function seedConsultations(db: Db): Promise<void> {
  await run(db, sql`update bench_load_communes set consultation_id = gen_random_uuid(), phase_id = gen_random_uuid(), round_id = gen_random_uuid()`);
  await run(db, sql`
    insert into consultations (id, commune_id, title, description, subject_type, influence_level, status)
    select consultation_id, id, '{"fr":"Grande consultation"}', '{"fr":"Consultation de mesure de charge"}', 'other', 'consult', 'published' from bench_load_communes`);
  await run(db, sql`
    insert into consultation_phases (id, commune_id, consultation_id, title, starts_on, ends_on, allows_proposals, allows_comments, allows_supports)
    select phase_id, id, consultation_id, '{"fr":"Propositions"}', current_date - 30, current_date + 60, true, true, true from bench_load_communes`);
}

async function seedUsers(db: Db, users: number): Promise<void> {
  await run(db, sql`
    insert into users (id, phone_e164, display_name, neighbourhood, gender, age_band)
    select md5('load-user-' || g)::uuid, '+22175' || lpad(g::text, 7, '0'), 'Habitant ' || g, 'Quartier ' || (g % 12),
           case when g % 2 = 0 then 'female' else 'male' end, ${sql.raw(ageBands)}[1 + g % 5]
    from generate_series(1, ${users}::int) g`);
}

async function seedProposalsAndSupports(db: Db, s: Sizes): Promise<void> {
  await timed('proposals', () =>
    run(db, sql`
      insert into proposals (id, commune_id, consultation_id, phase_id, author_id, channel, title, body, neighbourhood, created_at)
      select md5('load-proposal-' || g)::uuid, c.id, c.consultation_id, c.phase_id, md5('load-user-' || (1 + g % ${s.users}))::uuid, 'web',
             'Proposition ' || g, 'Texte de la proposition ' || g || ' : réparer la route, éclairer la place, curer le canal.', 'Quartier ' || (g % 12),
             now() - (g || ' seconds')::interval
      from generate_series(1, ${s.proposals}::int) g join bench_load_communes c on c.idx = bench_load_commune_of(g, ${s.proposals})`),
  );
  // Each user supports a few distinct proposals, popular ones (low numbers) more often: (user, k) pairs are unique
  // and k moves the proposal by a stride, so no pair repeats.
  const perUser = Math.ceil(s.supports / s.users);
  const stride = Math.max(1, Math.floor(s.proposals / perUser));
  await timed('supports', () =>
    run(db, sql`
      with picks as (
        select 1 + g % ${s.users} as u,
               1 + (floor(${s.proposals} * power(((g % ${s.users})::bigint * 104729 % ${s.users})::float8 / ${s.users}, 3))::bigint + (g / ${s.users}) * ${stride}) % ${s.proposals} as p
        from generate_series(0, ${s.supports - 1}::int) g)
      insert into proposal_supports (commune_id, proposal_id, user_id)
      select c.id, md5('load-proposal-' || p)::uuid, md5('load-user-' || u)::uuid
      from picks join bench_load_communes c on c.idx = bench_load_commune_of(p, ${s.proposals})`),
  );
}

/** What the paused triggers keep, computed once for the seeded consultations. */
async function computeParticipationCounters(db: Db): Promise<void> {
  const seeded = sql`(select consultation_id from bench_load_communes)`;
  await timed('support counts', () =>
    run(db, sql`
      update proposals p set support_count = s.n
      from (select s.proposal_id, count(*)::int as n from proposal_supports s join proposals q on q.id = s.proposal_id where q.consultation_id in ${seeded} group by s.proposal_id) s
      where s.proposal_id = p.id`),
  );
  await run(db, sql`
    insert into consultation_channel_counts (commune_id, consultation_id, channel, proposals)
    select commune_id, consultation_id, channel, count(*) from proposals where consultation_id in ${seeded} and merged_into_id is null group by 1, 2, 3`);
  await timed('participants', () =>
    run(db, sql`
      insert into consultation_participants (commune_id, consultation_id, participant_id, gender, age_band)
      select x.commune_id, x.consultation_id, x.participant, u.gender, u.age_band
      from (select p.commune_id, p.consultation_id, p.author_id as participant from proposals p where p.consultation_id in ${seeded}
            union
            select p.commune_id, p.consultation_id, s.user_id from proposal_supports s join proposals p on p.id = s.proposal_id where p.consultation_id in ${seeded}) x
      join users u on u.id = x.participant`),
  );
  await run(db, sql`
    insert into consultation_figures (commune_id, consultation_id, dimension, key, n)
    select commune_id, consultation_id, 'participants', '', count(*) from consultation_participants where consultation_id in ${seeded} group by 1, 2
    union all
    select commune_id, consultation_id, 'gender', coalesce(gender, 'unknown'), count(*) from consultation_participants where consultation_id in ${seeded} group by 1, 2, 4
    union all
    select commune_id, consultation_id, 'age_band', coalesce(age_band, 'unknown'), count(*) from consultation_participants where consultation_id in ${seeded} group by 1, 2, 4`);
}

const pausedTriggers: [string, string][] = [
  ['proposals', 'proposals_figures'],
  ['proposal_supports', 'proposal_supports_count'],
  ['proposal_supports', 'proposal_supports_participant'],
  ['consultation_participants', 'consultation_participants_figures'],
];

async function setTriggers(db: Db, enabled: boolean): Promise<void> {
  for (const [table, trigger] of pausedTriggers) await run(db, sql`alter table ${sql.table(table)} ${sql.raw(enabled ? 'enable' : 'disable')} trigger ${sql.ref(trigger)}`);
}

/** A budget round per commune whose vote has closed (results public), ten projects, and the ballots cast. */
async function seedBallots(db: Db, ballots: number): Promise<void> {
  await run(db, sql`
    insert into budget_rounds (id, commune_id, title, currency, total_amount, rule, max_choices, allow_assisted, status)
    select b.round_id, b.id, '{"fr":"Budget participatif (mesure)"}', c.currency, 50000000, 'approval', 3, false, 'published'
    from bench_load_communes b join communes c on c.id = b.id`);
  await run(db, sql`
    insert into budget_projects (id, commune_id, round_id, title, description, estimated_cost, feasibility)
    select md5('load-project-' || b.idx || '-' || k)::uuid, b.id, b.round_id, 'Projet ' || k, 'Projet soumis au vote', 1000000 * (k + 1), 'feasible'
    from bench_load_communes b cross join generate_series(0, 9) k`);
  // The phase goes in after the projects: the projects of a round are frozen once its vote has opened.
  await run(db, sql`
    insert into budget_round_phases (commune_id, round_id, kind, starts_at, ends_at)
    select id, round_id, 'voting', now() - interval '30 days', now() - interval '1 day' from bench_load_communes`);
  await timed('ballots', async () => {
    await run(db, sql`
      insert into budget_voters (round_id, commune_id, voter_key, channel, neighbourhood, gender, age_band, created_at)
      select b.round_id, b.id, 'user:' || u.id, 'web', u.neighbourhood, u.gender, u.age_band, now() - interval '10 days'
      from generate_series(1, ${ballots}::int) g join bench_load_communes b on b.idx = bench_load_commune_of(g, ${ballots})
      join users u on u.id = md5('load-user-' || g)::uuid`);
    await run(db, sql`
      insert into budget_ballots (id, commune_id, round_id, channel)
      select md5('load-ballot-' || g)::uuid, b.id, b.round_id, 'web'
      from generate_series(1, ${ballots}::int) g join bench_load_communes b on b.idx = bench_load_commune_of(g, ${ballots})`);
    await run(db, sql`
      insert into budget_ballot_choices (ballot_id, commune_id, project_id, weight)
      select md5('load-ballot-' || g)::uuid, b.id, md5('load-project-' || b.idx || '-' || ((g + k * 3) % 10))::uuid, 1
      from generate_series(1, ${ballots}::int) g join bench_load_communes b on b.idx = bench_load_commune_of(g, ${ballots}) cross join generate_series(0, 2) k`);
  });
}

/** Deadlines as the application computes them (working days, holidays, closures), per calendar, day and delay. */
async function seedDeadlines(db: Db): Promise<void> {
  await run(db, sql`create table bench_load_deadlines (commune_id uuid, submitted_on date, days int, due_on date, primary key (commune_id, submitted_on, days))`);
  const communes = await db.selectFrom('communes').select(['id', 'country']).execute();
  const days = (await sql<{ d: number }>`select distinct response_days as d from request_categories`.execute(db)).rows.map((r) => r.d);
  const today = new Date();
  const byCalendar = new Map<string, { communeIds: string[]; rows: [string, number, string][] }>();
  for (const commune of communes) {
    const calendar = await calendarOf(db, commune);
    const key = JSON.stringify(calendar);
    if (!byCalendar.has(key)) {
      const rows: [string, number, string][] = [];
      for (let back = 0; back < 366; back++) {
        const submitted = new Date(today.getTime() - back * 86_400_000).toISOString().slice(0, 10);
        for (const d of days) rows.push([submitted, d, complaintDueOn(submitted, d, calendar)]);
      }
      byCalendar.set(key, { communeIds: [], rows });
    }
    byCalendar.get(key)!.communeIds.push(commune.id);
  }
  for (const { communeIds, rows } of byCalendar.values()) {
    await run(db, sql`
      insert into bench_load_deadlines (commune_id, submitted_on, days, due_on)
      select c, r.submitted_on::date, r.days, r.due_on::date
      from unnest(${communeIds}::uuid[]) c cross join jsonb_to_recordset(${JSON.stringify(rows.map(([s, d, due]) => ({ submitted_on: s, days: d, due_on: due })))}::jsonb)
        as r(submitted_on text, days int, due_on text)`);
  }
}

/** Complaints over the past year, two in three of the older ones resolved; references continue each commune's series. */
async function seedComplaints(db: Db, complaints: number): Promise<void> {
  await seedDeadlines(db);
  await timed('complaints', async () => {
    await run(db, sql`
      create table bench_load_complaints as
      with raw as (
        select g, b.id as commune_id, (current_date - (g % 365))::date as submitted_on, g % 365 > 60 and g % 3 <> 0 as resolved
        from generate_series(1, ${complaints}::int) g join bench_load_communes b on b.idx = bench_load_commune_of(g, ${complaints}))
      select raw.*, extract(year from submitted_on)::int as year,
             row_number() over (partition by commune_id, extract(year from submitted_on) order by submitted_on, g) as number
      from raw`);
    await run(db, sql`
      insert into requests (commune_id, kind, reference, access_code_hash, category_id, description, neighbourhood, status, stage, is_open, channel,
                            reporter_user_id, reporter_name, submitted_on, due_on, created_at, updated_at, answered_at, closed_at)
      select x.commune_id, 'complaint', 'PL-' || x.year || '-' || lpad((coalesce(rc.last_number, 0) + x.number)::text, 5, '0'), ${hashAccessCode('BENCHCODE')},
             cat.id, 'Plainte ' || x.g || ' : la borne-fontaine du quartier est en panne depuis une semaine.', 'Quartier ' || (x.g % 12),
             st.code, st.stage, not x.resolved, 'web', md5('load-user-' || (1 + x.g % 1000))::uuid, 'Habitant ' || (1 + x.g % 1000),
             x.submitted_on, dl.due_on, x.submitted_on + time '10:00', x.submitted_on + time '10:00',
             case when x.resolved then x.submitted_on + time '10:00' + interval '3 days' end, case when x.resolved then x.submitted_on + time '10:00' + interval '3 days' end
      from bench_load_complaints x
      left join request_counters rc on rc.commune_id = x.commune_id and rc.prefix = 'PL' and rc.year = x.year
      join lateral (select id, response_days from request_categories c where c.commune_id = x.commune_id and c.active and not c.sensitive order by position offset (x.g % 8) limit 1) cat on true
      join bench_load_deadlines dl on dl.commune_id = x.commune_id and dl.submitted_on = x.submitted_on and dl.days = cat.response_days
      join lateral (select code, stage from request_states s where s.commune_id = x.commune_id and s.stage = case when x.resolved then 'resolved' else 'received' end order by position limit 1) st on true`);
    await run(db, sql`
      insert into request_counters (commune_id, prefix, year, last_number)
      select x.commune_id, 'PL', x.year, coalesce(max(rc.last_number), 0) + count(*)
      from bench_load_complaints x left join request_counters rc on rc.commune_id = x.commune_id and rc.prefix = 'PL' and rc.year = x.year
      group by x.commune_id, x.year
      on conflict (commune_id, prefix, year) do update set last_number = excluded.last_number`);
    await run(db, sql`
      insert into request_events (commune_id, request_id, kind, author, status, created_at)
      select r.commune_id, r.id, 'submitted', 'citizen', (select code from request_states s where s.commune_id = r.commune_id and s.stage = 'received' order by position limit 1), r.created_at
      from requests r where r.access_code_hash = ${hashAccessCode('BENCHCODE')}
      union all
      select r.commune_id, r.id, 'status', 'commune', r.status, r.closed_at from requests r where r.access_code_hash = ${hashAccessCode('BENCHCODE')} and r.stage = 'resolved'`);
  });
}

/** Fails when a counter or derived column disagrees with the rows it counts. Returns what was checked. */
export async function checkConsistency(db: Db): Promise<Record<string, number>> {
  const one = async (query: ReturnType<typeof sql>) => Number(((await query.execute(db)).rows[0] as { n: string }).n);
  const problems = {
    'proposals whose support_count differs from their supports': await one(sql`
      select count(*) as n from proposals p left join (select proposal_id, count(*) as n from proposal_supports group by proposal_id) s on s.proposal_id = p.id
      where p.support_count <> coalesce(s.n, 0)`),
    'consultations whose channel counts differ': await one(sql`
      select count(*) as n from consultation_channel_counts c
      where c.proposals <> (select count(*) from proposals p where p.consultation_id = c.consultation_id and p.channel = c.channel and p.merged_into_id is null)`),
    'consultations whose participant figure differs': await one(sql`
      select count(*) as n from consultation_figures f
      where f.dimension = 'participants' and f.n <> (select count(*) from consultation_participants p where p.consultation_id = f.consultation_id)`),
    'rounds whose voters and ballots differ': await one(sql`
      select count(*) as n from budget_rounds r
      where (select count(*) from budget_voters v where v.round_id = r.id) <> (select count(*) from budget_ballots b where b.round_id = r.id)`),
    'request series whose counter is behind a reference': await one(sql`
      select count(*) as n from (select commune_id, substr(reference, 1, 2) as prefix, substr(reference, 4, 4)::int as year, max(substr(reference, 9)::int) as top
                                 from requests group by 1, 2, 3) r
      left join request_counters c on c.commune_id = r.commune_id and c.prefix = r.prefix and c.year = r.year
      where coalesce(c.last_number, 0) < r.top`),
    'complaints without a deadline or before their filing': await one(sql`select count(*) as n from requests where kind = 'complaint' and (due_on is null or due_on < submitted_on)`),
  };
  const failed = Object.entries(problems).filter(([, n]) => n > 0);
  if (failed.length > 0) throw new Error(`inconsistent seed: ${failed.map(([what, n]) => `${n} ${what}`).join('; ')}`);
  return problems;
}

async function exists(serverUrl: string, name: string): Promise<boolean> {
  return withClient(serverUrl, async (c) => (await c.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1);
}

async function recordedSeed(url: string): Promise<{ sizes: Sizes; seconds: number } | null> {
  return withClient(url, async (c) => {
    const table = await c.query(`select to_regclass('bench_load_info') as t`);
    if (!table.rows[0].t) return null;
    const row = (await c.query<{ value: { sizes: Sizes; seconds: number } }>(`select value from bench_load_info where key = 'seed'`)).rows[0];
    return row?.value ?? null;
  });
}

/** The seeded database for this scale: reused when BENCH_REUSE=1 and a complete seed is there, else seeded afresh. */
export async function ensureSeed(serverUrl: string, scale: number, reuse: boolean): Promise<Seeded> {
  const database = process.env.BENCH_DB ?? `palabre_load_${String(scale).replace('.', '_')}`;
  const url = databaseUrl(serverUrl, database);
  if (reuse && (await exists(serverUrl, database))) {
    const recorded = await recordedSeed(url);
    if (recorded) return { database, url, sizes: recorded.sizes, seconds: recorded.seconds, reused: true };
  }
  await withClient(serverUrl, async (c) => {
    await c.query(`drop database if exists ${database} with (force)`);
    await c.query(`create database ${database}`);
  });
  const sizes = sizesAt(scale);
  const started = Date.now();
  console.log(`Seeding ${database}: ${JSON.stringify(sizes)}`);
  let palabre!: Awaited<ReturnType<typeof benchApp>>;
  await timed('migrations and demo network (the application)', async () => (palabre = await benchApp(url)));
  const db = palabre.services.db;
  try {
    await run(db, skewFunction);
    await timed('communes', () => seedCommunes(db));
    await seedConsultations(db);
    await timed('users', () => seedUsers(db, sizes.users));
    await setTriggers(db, false);
    try {
      await seedProposalsAndSupports(db, sizes);
      await computeParticipationCounters(db);
    } finally {
      await setTriggers(db, true);
    }
    await seedBallots(db, sizes.ballots);
    await seedComplaints(db, sizes.complaints);
    // As autovacuum would have done on a live server after such a load.
    await timed('vacuum analyze', () => run(db, sql`vacuum analyze`));
    await timed('consistency check', async () => console.log(`  ${JSON.stringify(await checkConsistency(db))}`));
    const seconds = Math.round((Date.now() - started) / 1000);
    await run(db, sql`create table bench_load_info (key text primary key, value jsonb not null)`);
    await run(db, sql`insert into bench_load_info (key, value) values ('seed', ${JSON.stringify({ sizes, seconds })}::jsonb)`);
    return { database, url, sizes, seconds, reused: false };
  } finally {
    await palabre.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const seeded = await ensureSeed(serverUrlOrExit('bench:load:seed'), env.number('BENCH_SCALE', 1), process.env.BENCH_REUSE === '1');
  console.log(`${seeded.reused ? 'Reused' : 'Seeded'} ${seeded.database}: ${JSON.stringify(seeded.sizes)} in ${seeded.seconds} s`);
}
