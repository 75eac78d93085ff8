import { sql } from 'kysely';
import type { PalabreApp } from '../src/app.js';
import { insertTemplateSteps } from '../src/modules/programme/path/commands.js';
import { benchApp, printLatencyTable, staffCookie, type TimedPage } from './in-process.js';

/**
 * The programme's pages that measure the assisted path from live data, with BENCH_DEPLOYMENTS deployments in cohort 1
 * (default 100: one per commune, each with the six template steps, four of them read from the commune's scorecard),
 * against the commune home of the same app: the operator's board (every deployment measured), a deployment's page and
 * a commune's programme page. In process, one call at a time (BENCH_CALLS each, default 50). PGlite, or PostgreSQL
 * with BENCH_DATABASE_URL.
 */
const wanted = Number(process.env.BENCH_DEPLOYMENTS ?? 100);
const calls = Number(process.env.BENCH_CALLS ?? 50);

/** Communes copied from Ndar Toute, each with a selected commune application, a volunteer and a deployment in cohort 1. */
async function seedDeployments(palabre: PalabreApp, count: number): Promise<void> {
  const { db } = palabre.services;
  await sql`
    insert into communes (slug, name, country, region, default_locale, enabled_locales, time_zone, currency, contact, enabled_modules)
    select 'mesure-' || g, jsonb_build_object('fr', 'Commune de mesure ' || g), country, region, default_locale, enabled_locales, time_zone, currency, contact, enabled_modules
    from communes cross join generate_series(1, ${count}) g where slug = 'ndar-toute'`.execute(db);
  const applications = (audience: string, prefix: string, commune: boolean) => sql`
    insert into programme_applications (call_id, reference, commune_id, applicant_name, country, answers, status, submitted_at, decided_at)
    select k.id, ${prefix} || c.slug, ${commune ? sql`c.id` : sql`null`}, 'Candidature ' || c.slug, 'MA', '{}'::jsonb, 'selected', now(), now()
    from communes c cross join programme_calls k join programme_cohorts h on h.id = k.cohort_id
    where c.slug like 'mesure-%' and h.slug = 'cohorte-1' and k.audience = ${audience}`.execute(db);
  await applications('communes', 'BENCH-C-', true);
  await applications('volunteers', 'BENCH-V-', false);
  const { rows } = await sql<{ id: string; starts_on: string; ends_on: string }>`
    insert into programme_deployments (cohort_id, commune_id, commune_application_id, volunteer_application_id, starts_on, ends_on, status, terms)
    select h.id, c.id, ca.id, va.id, h.path_starts_on, h.path_ends_on, 'active', '[]'::jsonb
    from communes c
    join programme_applications ca on ca.reference = 'BENCH-C-' || c.slug
    join programme_applications va on va.reference = 'BENCH-V-' || c.slug
    join programme_calls k on k.id = ca.call_id join programme_cohorts h on h.id = k.cohort_id
    returning id, starts_on::text, ends_on::text`.execute(db);
  for (const row of rows) await insertTemplateSteps(db, row.id, row.starts_on, row.ends_on, (template) => `Étape ${template}`);
  await sql`analyze`.execute(db);
}

const palabre = await benchApp();
const existing = await sql<{ n: number }>`select count(*)::int as n from programme_deployments`.execute(palabre.services.db);
await seedDeployments(palabre, wanted - existing.rows[0]!.n);
const cookie = await staffCookie(palabre, '+221770000080');
const deployment = await sql<{ id: string }>`select d.id from programme_deployments d join communes c on c.id = d.commune_id where c.slug = 'mesure-1'`.execute(palabre.services.db);
const pages: TimedPage[] = [
  ['commune home, /ndar-toute/', '/ndar-toute/', undefined],
  [`operator's board, ${wanted} deployments measured`, '/admin/programme/board?cohort=cohorte-1', cookie],
  ["a deployment's page (operator)", `/network/programme/deployments/${deployment.rows[0]!.id}`, cookie],
  ["a commune's programme page", '/mesure-1/programme', undefined],
];
await printLatencyTable(palabre.app, `Programme pages on ${palabre.services.databaseKind}, ${wanted} deployments (${calls} calls each, in process)`, pages, calls);
await palabre.close();
