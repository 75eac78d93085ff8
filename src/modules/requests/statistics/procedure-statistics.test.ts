import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Commune } from '../../../platform/db/platform-tables.js';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { ensureRequestDefaults } from '../defaults.js';
import { proceduresReadyWithinDelay as exported } from '../index.js';
import { procedureDb } from '../procedures/tables.js';
import { procedureStatisticsExport, procedureStatisticsRows } from './procedure-statistics-export.js';
import { announcedDueOn, type ProcedureStatistics, procedureStatistics, proceduresReadyWithinDelay } from './procedure-statistics.js';

let t: TestApp;
let a: Commune;
let b: Commune;
let counter = 0;
const procedures: Record<string, string> = {};

// Distinctive personal data: none of it may reach the page or the export.
const secret = { name: 'Awa Zqxjv-Ndiaye', phone: '+221779990417', answer: 'Confidentiel-Qwrtzp', reference: 'DA-2026-77' };

// Stages are read at noon on 1 July 2026 (Dakar is on UTC all year); the period "12m" covers June 2026.
const now = new Date('2026-07-01T12:00:00Z');
const today = '2026-07-01';

async function newCommune(slug: string): Promise<Commune> {
  const row = await t.services.db
    .insertInto('communes')
    .values({ slug, name: JSON.stringify({ fr: `Commune ${slug}` }), country: 'SN', region: JSON.stringify({ fr: 'Région test' }), default_locale: 'fr', enabled_locales: JSON.stringify(['fr', 'en', 'ar']), time_zone: 'Africa/Dakar', currency: 'XOF', contact: '{}', enabled_modules: JSON.stringify(['commune', 'requests']) })
    .returningAll()
    .executeTakeFirstOrThrow();
  await ensureRequestDefaults(t.services.db, row.id);
  return row;
}

async function procedure(commune: Commune, key: string, title: string, delayDays: number | null, basis: 'legal' | 'usual' | null, kind = 'procedure'): Promise<void> {
  const row = await sql<{ id: string }>`
    insert into commune_services (commune_id, category, title, description, delay, location, opening_hours, position, kind, delay_days, delay_basis)
    values (${commune.id}, 'civil_status', ${JSON.stringify({ fr: title, ar: `${title} (ar)` })}, '{"fr":"x"}', '{}', '{}', '{}', ${counter++}, ${kind}, ${delayDays}, ${basis})
    returning id`.execute(t.services.db);
  procedures[key] = row.rows[0]!.id;
}

interface Fixture {
  procedure: string;
  filed: string;
  stage: 'received' | 'missing_information' | 'in_progress' | 'ready' | 'collected' | 'refused';
  /** Day it became ready (10:00 UTC); collected the day after when the stage is collected. */
  ready?: string;
  refused?: string;
}

async function insert(commune: Commune, f: Fixture): Promise<void> {
  counter += 1;
  const readyAt = f.ready ? `${f.ready}T10:00:00Z` : null;
  const closedAt = f.stage === 'refused' ? `${f.refused}T10:00:00Z` : f.stage === 'collected' ? `${f.ready}T23:00:00Z` : null;
  await procedureDb(t.services.db)
    .insertInto('requests')
    .values({
      commune_id: commune.id,
      kind: 'procedure',
      reference: `${secret.reference}${String(100 + counter)}`,
      access_code_hash: 'fixture',
      description: 'Extrait',
      procedure_id: procedures[f.procedure]!,
      answers: JSON.stringify({ nom: secret.answer }),
      status: f.stage,
      stage: f.stage,
      is_open: !closedAt,
      is_private: true,
      channel: 'web',
      reporter_name: secret.name,
      reporter_phone: secret.phone,
      submitted_on: f.filed,
      ready_at: readyAt,
      collected_at: f.stage === 'collected' ? closedAt : null,
      answered_at: readyAt ?? closedAt,
      closed_at: closedAt,
    })
    .execute();
}

beforeAll(async () => {
  t = await createTestApp();
  a = await newCommune('proc-stats-a');
  b = await newCommune('proc-stats-b');
  await procedure(a, 'legal', 'Extrait de naissance', 3, 'legal');
  await procedure(a, 'usual', 'Certificat de résidence', 3, 'usual');
  await procedure(a, 'none', 'Légalisation de signature', null, null);
  await procedure(a, 'service', 'Location de salle', null, null, 'service');
  await procedure(b, 'b', 'Extrait de mariage', 1, 'usual');
  // A commune closure on 23–25 June (25 June is also a public holiday in Senegal).
  await t.services.db.withTables<{ request_closures: { commune_id: string; starts_on: string; ends_on: string; reason: string } }>().insertInto('request_closures').values({ commune_id: a.id, starts_on: '2026-06-23', ends_on: '2026-06-25', reason: 'Fermeture' }).execute();
  const fixturesA: Fixture[] = [
    // Legal, 3 working days. Filed Friday 5 June: due Wednesday 10 (the weekend does not count), ready that day: within.
    { procedure: 'legal', filed: '2026-06-05', stage: 'collected', ready: '2026-06-10' },
    // Filed Monday 15: due Thursday 18, ready Friday 19: late.
    { procedure: 'legal', filed: '2026-06-15', stage: 'ready', ready: '2026-06-19' },
    // Filed Monday 22: the closure pushes the due day to Tuesday 30; ready that day: within.
    { procedure: 'legal', filed: '2026-06-22', stage: 'ready', ready: '2026-06-30' },
    // Still in progress, due Thursday 4 June: late.
    { procedure: 'legal', filed: '2026-06-01', stage: 'in_progress' },
    // Filed 30 June, due 3 July: not yet due, not counted.
    { procedure: 'legal', filed: '2026-06-30', stage: 'received' },
    // Refused: counted as refused, never as late.
    { procedure: 'legal', filed: '2026-06-02', stage: 'refused', refused: '2026-06-20' },
    // Usual, 3 calendar days. Filed Friday 5: due Monday 8; ready then (within), ready Tuesday 9 (late).
    { procedure: 'usual', filed: '2026-06-05', stage: 'ready', ready: '2026-06-08' },
    { procedure: 'usual', filed: '2026-06-05', stage: 'ready', ready: '2026-06-09' },
    // Due 29 June, not ready: late. Due 1 July (today), not ready: not counted yet.
    { procedure: 'usual', filed: '2026-06-26', stage: 'in_progress' },
    { procedure: 'usual', filed: '2026-06-28', stage: 'missing_information' },
    { procedure: 'usual', filed: '2026-06-10', stage: 'collected', ready: '2026-06-11' },
    // No announced delay: counted, ready, but never within or late.
    { procedure: 'none', filed: '2026-06-01', stage: 'ready', ready: '2026-06-11' },
    { procedure: 'none', filed: '2026-06-02', stage: 'missing_information' },
    // Before the 12 months.
    { procedure: 'usual', filed: '2025-01-10', stage: 'ready', ready: '2025-01-20' },
  ];
  for (const f of fixturesA) await insert(a, f);
  // Another commune: ready the next day, within its delay, and another one late.
  await insert(b, { procedure: 'b', filed: '2026-06-05', stage: 'ready', ready: '2026-06-06' });
  await insert(b, { procedure: 'b', filed: '2026-06-05', stage: 'ready', ready: '2026-06-20' });
});
afterAll(async () => t?.close());

const row = (s: ProcedureStatistics, key: string) => s.procedures.find((p) => p.procedureId === procedures[key]);

describe('the announced delay', () => {
  const calendar = { country: 'SN', closures: [{ from: '2026-06-23', to: '2026-06-25' }] };
  it('counts a legal delay in working days of the commune calendar and a usual one in calendar days', () => {
    expect(announcedDueOn('2026-06-05', 3, 'legal', calendar)).toBe('2026-06-10');
    expect(announcedDueOn('2026-06-05', 3, 'usual', calendar)).toBe('2026-06-08');
    expect(announcedDueOn('2026-06-22', 3, 'legal', calendar)).toBe('2026-06-30');
    expect(announcedDueOn('2026-06-22', 3, 'legal', { country: 'SN', closures: [] })).not.toBe('2026-06-30');
    expect(announcedDueOn('2026-06-05', 0, 'legal', calendar)).toBe('2026-06-05');
  });
});

describe('procedure statistics', () => {
  it('gives exact figures per procedure and overall', async () => {
    const s = await procedureStatistics(t.services.db, a, '12m', today, now);
    expect(s.since).toBe('2025-07-02');
    expect(s.procedures.map((p) => p.procedureId)).toEqual([procedures.legal, procedures.usual, procedures.none]);
    // Days to ready 5, 4 and 8: median 5; within 2 of 4 (one late when ready, one late still in progress).
    expect(row(s, 'legal')).toMatchObject({ received: 6, ready: 3, medianDaysToReady: 5, refused: 1, delayReached: 4, readyWithinDelay: 2 });
    // Days 3, 4 and 1: median 3; within 2 of 4 (the one due today is not counted).
    expect(row(s, 'usual')).toMatchObject({ received: 5, ready: 3, medianDaysToReady: 3, refused: 0, delayReached: 4, readyWithinDelay: 2 });
    expect(row(s, 'none')).toMatchObject({ received: 2, ready: 1, medianDaysToReady: 10, refused: 0, delayReached: 0, readyWithinDelay: 0 });
    // Days 1, 3, 4, 4, 5, 8, 10: median 4.
    expect(s.overall).toEqual({ received: 13, ready: 7, medianDaysToReady: 4, refused: 1, delayReached: 8, readyWithinDelay: 4 });
  });

  it('counts by filing day in each period', async () => {
    expect((await procedureStatistics(t.services.db, a, 'all', today, now)).overall).toMatchObject({ received: 14, ready: 8, delayReached: 9, readyWithinDelay: 4 });
    // 30 days: from 2 June, so the two filed on 1 June are left out.
    const month = await procedureStatistics(t.services.db, a, '30d', today, now);
    expect(month.since).toBe('2026-06-02');
    expect(month.overall).toMatchObject({ received: 11, delayReached: 7, readyWithinDelay: 4 });
  });

  it('keeps communes apart', async () => {
    const s = await procedureStatistics(t.services.db, b, '12m', today, now);
    expect(s.procedures).toHaveLength(1);
    expect(s.overall).toEqual({ received: 2, ready: 2, medianDaysToReady: 8, refused: 0, delayReached: 2, readyWithinDelay: 1 });
    expect(s.procedures.map((p) => p.procedureId)).not.toContain(procedures.legal);
  });

  it('reads the stages as they stood at a past instant', async () => {
    // On 10 June at midnight: the one filed on 5 June was not ready yet and not due; the one refused on 20 June was
    // then still waiting past its due day (5 June): late.
    const s = await procedureStatistics(t.services.db, a, '12m', '2026-06-09', new Date('2026-06-10T00:00:00Z'));
    expect(row(s, 'legal')).toMatchObject({ received: 3, ready: 0, refused: 0, delayReached: 2, readyWithinDelay: 0 });
  });
});

describe('the scorecard figure', () => {
  it('is the share ready within the delay of the requests filed in the window, as they stood at its end', async () => {
    const june = { from: new Date('2026-06-01T00:00:00Z'), to: new Date('2026-07-01T00:00:00Z') };
    expect(await proceduresReadyWithinDelay(t.services.db, a.id, a.time_zone, june)).toEqual({ numerator: 4, denominator: 8 });
    // Filed 1–9 June, read on 10 June: usual ready on 8 (within) and on 9 (late); legal ones filed 1 and 2 June not
    // ready past their due day (late, the refusal came later); the one filed on 5 June not yet due.
    const early = { from: new Date('2026-06-01T00:00:00Z'), to: new Date('2026-06-10T00:00:00Z') };
    expect(await exported(t.services.db, a.id, a.time_zone, early)).toEqual({ numerator: 1, denominator: 4 });
    expect(await proceduresReadyWithinDelay(t.services.db, b.id, b.time_zone, june)).toEqual({ numerator: 1, denominator: 2 });
    expect(await proceduresReadyWithinDelay(t.services.db, a.id, a.time_zone, { from: new Date('2020-01-01'), to: new Date('2020-02-01') })).toEqual({ numerator: 0, denominator: 0 });
  });
});

describe('the public page and the export', () => {
  it('shows the default period (12 months), the chart with its table, and is linked from the requests and services pages', async () => {
    const page = await t.request(null, 'GET', '/proc-stats-a/requests/procedures/statistics');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<option value="12m" selected');
    expect(page.body).toContain('Extrait de naissance');
    expect(page.body).toContain('<svg');
    expect(page.body).toContain(`id="procedure-${procedures.legal}"`);
    expect(page.body).toContain('id="procedures-overall"');
    expect(page.body).not.toContain('Location de salle');
    expect(page.body).not.toContain('<script');
    const unknown = await t.request(null, 'GET', '/proc-stats-a/requests/procedures/statistics?period=<script>');
    expect(unknown.statusCode).toBe(200);
    expect(unknown.body).toContain('<option value="12m" selected');
    const all = await t.request(null, 'GET', '/proc-stats-a/requests/procedures/statistics?period=all', undefined, { headers: { 'accept-language': 'ar' } });
    expect(all.statusCode).toBe(200);
    expect(all.body).toContain('<option value="all" selected');
    expect(all.body).toContain('dir="rtl"');
    expect((await t.request(null, 'GET', '/proc-stats-a/requests')).body).toContain('href="/proc-stats-a/requests/procedures/statistics"');
    expect((await t.request(null, 'GET', '/proc-stats-a/services')).body).toContain('href="/proc-stats-a/requests/procedures/statistics"');
  });

  it('exports one row per procedure with the documented columns', async () => {
    expect(procedureStatisticsExport.id).toBe('requests-procedures-statistics');
    const rows = await procedureStatisticsRows(t.services.db, a.id);
    expect(rows).toHaveLength(3);
    // Read today (after July 2026): the one filed on 30 June is now late too, 2 within of 5.
    expect(rows[0]).toEqual({ procedure_id: procedures.legal, procedure: 'Extrait de naissance', delay_days: 3, delay_basis: 'legal', received: 6, ready: 3, median_days_to_ready: 5, ready_within_delay_share: 40, refused: 1 });
    expect(rows[2]).toMatchObject({ procedure: 'Légalisation de signature', delay_days: null, ready_within_delay_share: null });
    expect(await procedureStatisticsRows(t.services.db, b.id)).toHaveLength(1);
  });

  it('shows no personal data: no reference, answer, name or phone', async () => {
    const csv = await t.request(null, 'GET', '/proc-stats-a/data/proc-stats-a-requests-procedures-statistics.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('median_days_to_ready');
    const bodies = [(await t.request(null, 'GET', '/proc-stats-a/requests/procedures/statistics?period=all')).body, JSON.stringify(await procedureStatisticsRows(t.services.db, a.id)), csv.body];
    for (const body of bodies) for (const value of Object.values(secret)) expect(body).not.toContain(value);
  });
});
