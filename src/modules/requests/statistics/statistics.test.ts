import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Commune } from '../../../platform/db/platform-tables.js';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { ensureRequestDefaults } from '../defaults.js';
import { complaintRows, informationStatisticsRows, requestsExports } from '../exports.js';
import { requestsDb, scoped } from '../queries/requests-db.js';
import { complaintStatistics, periodStart } from './complaint-statistics.js';

let t: TestApp;
let a: Commune;
let b: Commune;
let counter = 0;

async function newCommune(slug: string, timeZone: string): Promise<Commune> {
  const row = await t.services.db
    .insertInto('communes')
    .values({ slug, name: JSON.stringify({ fr: `Commune ${slug}` }), country: 'SN', region: JSON.stringify({ fr: 'Région test' }), default_locale: 'fr', enabled_locales: JSON.stringify(['fr', 'en']), time_zone: timeZone, currency: 'XOF', contact: '{}', enabled_modules: JSON.stringify(['commune', 'requests']) })
    .returningAll()
    .executeTakeFirstOrThrow();
  await ensureRequestDefaults(t.services.db, row.id);
  return row;
}

interface Fixture {
  category?: string;
  kind?: 'complaint' | 'information';
  neighbourhood?: string | null;
  submitted: string;
  due: string;
  status: string;
  answeredAt?: string;
  isPrivate?: boolean;
  sensitive?: boolean;
  refusalGround?: string;
}

const closingStatuses = new Set(['resolved', 'rejected', 'answered_full', 'answered_part', 'refused']);

/** A request written straight into the table, with dates chosen by the test. */
async function insert(commune: Commune, f: Fixture): Promise<void> {
  const kind = f.kind ?? 'complaint';
  const category = f.category ? await scoped(t.services.db, commune.id).selectFrom('request_categories').select('id').where('code', '=', f.category).executeTakeFirstOrThrow() : null;
  counter += 1;
  const closed = closingStatuses.has(f.status);
  const row = await requestsDb(t.services.db)
    .insertInto('requests')
    .values({
      commune_id: commune.id,
      kind,
      reference: `${kind === 'complaint' ? 'PL' : 'AI'}-2026-${String(90000 + counter)}`,
      access_code_hash: 'fixture',
      category_id: category?.id ?? null,
      subject: kind === 'information' ? 'Budget' : null,
      description: 'Fixture',
      neighbourhood: f.neighbourhood === undefined ? null : f.neighbourhood,
      status: f.status,
      stage: kind === 'complaint' ? f.status : 'received',
      is_open: !closed,
      is_private: !!f.isPrivate || !!f.sensitive,
      sensitive: !!f.sensitive,
      channel: 'web',
      submitted_on: f.submitted,
      due_on: f.due,
      answered_at: f.answeredAt ?? null,
      closed_at: closed ? (f.answeredAt ?? null) : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (f.refusalGround) {
    await requestsDb(t.services.db).insertInto('request_events').values({ commune_id: commune.id, request_id: row.id, kind: 'status', author: 'commune', status: 'refused', reason: f.refusalGround, created_at: f.answeredAt! }).execute();
  }
}

beforeAll(async () => {
  t = await createTestApp();
  // Lagos: one hour ahead of UTC all year, to test "on or before the end of the due day" in the commune's time.
  a = await newCommune('stats-a', 'Africa/Lagos');
  b = await newCommune('stats-b', 'Africa/Dakar');
  const fixturesA: Fixture[] = [
    { category: 'roads', neighbourhood: 'Pikine', submitted: '2026-06-01', due: '2026-06-10', status: 'resolved', answeredAt: '2026-06-05T10:00:00Z' },
    // 23:30 in Lagos on the due day: on time.
    { category: 'roads', neighbourhood: 'Pikine', submitted: '2026-06-02', due: '2026-06-12', status: 'resolved', answeredAt: '2026-06-12T22:30:00Z' },
    // 00:30 in Lagos the day after: late.
    { category: 'waste', neighbourhood: 'Sor', submitted: '2026-06-03', due: '2026-06-10', status: 'resolved', answeredAt: '2026-06-10T23:30:00Z' },
    { category: 'waste', neighbourhood: null, submitted: '2026-06-20', due: '2026-06-25', status: 'received' },
    { category: 'lighting', neighbourhood: 'Sor', submitted: '2026-06-25', due: '2026-07-05', status: 'in_progress' },
    { category: 'staff-conduct', neighbourhood: 'Pikine', submitted: '2026-06-26', due: '2026-07-20', status: 'received', sensitive: true },
    { category: 'markets', neighbourhood: 'Sor', submitted: '2026-06-10', due: '2026-06-20', status: 'rejected', answeredAt: '2026-06-15T09:00:00Z' },
    { category: 'roads', neighbourhood: 'Pikine', submitted: '2025-01-10', due: '2025-01-20', status: 'received' },
    { category: 'waste', neighbourhood: 'Pikine', submitted: '2026-04-01', due: '2026-04-08', status: 'resolved', answeredAt: '2026-04-03T08:00:00Z', isPrivate: true },
    { category: 'other', neighbourhood: 'Guet Ndar', submitted: '2026-05-15', due: '2026-05-30', status: 'resolved', answeredAt: '2026-05-20T12:00:00Z' },
    // Access-to-information requests: never in the complaint figures.
    { kind: 'information', submitted: '2026-05-04', due: '2026-05-29', status: 'answered_full', answeredAt: '2026-05-20T10:00:00Z' },
    { kind: 'information', submitted: '2026-05-10', due: '2026-06-05', status: 'refused', answeredAt: '2026-06-10T10:00:00Z', refusalGround: 'personal-data' },
    { kind: 'information', submitted: '2026-05-12', due: '2026-06-08', status: 'submitted' },
    { kind: 'information', submitted: '2026-06-01', due: '2026-06-26', status: 'refused', answeredAt: '2026-06-05T10:00:00Z', refusalGround: 'personal-data' },
    { kind: 'information', submitted: '2026-06-02', due: '2026-06-27', status: 'refused', answeredAt: '2026-06-06T10:00:00Z', refusalGround: 'national-security' },
  ];
  for (const fixture of fixturesA) await insert(a, fixture);
  await insert(b, { category: 'waste', neighbourhood: 'Pikine', submitted: '2026-06-15', due: '2026-06-20', status: 'received' });
  await insert(b, { category: 'water', neighbourhood: 'Pikine', submitted: '2026-06-16', due: '2099-01-01', status: 'received' });
});
afterAll(() => t.close());

const today = '2026-06-30';
const countsOf = <K>(rows: { key: K; count: number }[]) => rows.map((r) => [r.key, r.count]);

describe('complaint statistics', () => {
  it('periods start on the right day, today included', () => {
    expect(periodStart('30d', today)).toBe('2026-06-01');
    expect(periodStart('90d', today)).toBe('2026-04-02');
    expect(periodStart('12m', today)).toBe('2025-07-01');
    expect(periodStart('12m', '2026-03-01')).toBe('2025-03-02');
    expect(periodStart('all', today)).toBeNull();
  });

  it('gives exact figures over the last 12 months, private and sensitive complaints counted', async () => {
    const s = await complaintStatistics(t.services.db, a, '12m', today);
    expect(s.received).toBe(9);
    // Resolution times 4, 10, 8, 2 and 5 days.
    expect(s.medianResolutionDays).toBe(5);
    expect(s.resolvedCount).toBe(5);
    expect(s.deadlineReached).toBe(7);
    expect(s.answeredOnTime).toBe(5);
    expect(s.overdueNow).toBe(2);
    const categoryCodes = new Map((await scoped(t.services.db, a.id).selectFrom('request_categories').select(['id', 'code']).execute()).map((c) => [c.id, c.code]));
    expect(Object.fromEntries(s.byCategory.map((r) => [categoryCodes.get(r.key!), r.count]))).toEqual({ roads: 2, waste: 3, lighting: 1, 'staff-conduct': 1, markets: 1, other: 1 });
    expect(countsOf(s.byNeighbourhood)).toEqual([['Pikine', 4], ['Sor', 3], ['Guet Ndar', 1], [null, 1]]);
    expect(countsOf(s.byStatus)).toEqual([['resolved', 5], ['received', 2], ['in_progress', 1], ['rejected', 1]]);
  });

  it('follows the period chosen', async () => {
    const last30 = await complaintStatistics(t.services.db, a, '30d', today);
    expect([last30.received, last30.medianResolutionDays, last30.deadlineReached, last30.answeredOnTime]).toEqual([7, 8, 5, 3]);
    const last90 = await complaintStatistics(t.services.db, a, '90d', today);
    expect([last90.received, last90.medianResolutionDays, last90.deadlineReached, last90.answeredOnTime]).toEqual([8, 6.5, 6, 4]);
    const all = await complaintStatistics(t.services.db, a, 'all', today);
    expect([all.received, all.medianResolutionDays, all.deadlineReached, all.answeredOnTime, all.overdueNow]).toEqual([10, 5, 8, 5, 2]);
  });

  it('counts only its own commune', async () => {
    const s = await complaintStatistics(t.services.db, b, 'all', today);
    expect(s.received).toBe(2);
    expect(s.overdueNow).toBe(1);
    expect(s.medianResolutionDays).toBeNull();
    expect(countsOf(s.byNeighbourhood)).toEqual([['Pikine', 2]]);
    const none = await complaintStatistics(t.services.db, b, '30d', '2026-08-01');
    expect(none.received).toBe(0);
  });

  it('serves the page with the period form, the charts and their tables, without script', async () => {
    const page = await t.request(null, 'GET', '/stats-a/requests/statistics?period=all');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('id="stat-received">10<');
    expect(page.body).toContain('<svg');
    expect(page.body).toContain('<table>');
    expect(page.body).toContain('Guet Ndar');
    expect(page.body).toContain('Comportement d’un agent');
    expect(page.body).not.toContain('<script');
    expect(page.body).toContain('<option value="all" selected');
    // Anything else than a known period shows the last 12 months; today is long after the fixtures' dates.
    const byDefault = await t.request(null, 'GET', '/stats-a/requests/statistics?period=<b>');
    expect(byDefault.body).toContain('id="stat-received">9<');
    expect(byDefault.body).toContain('<option value="12m" selected');
    expect((await t.request(null, 'GET', '/stats-a/requests/statistics?period=30d')).body).toContain('id="stat-received">0<');
    const other = await t.request(null, 'GET', '/stats-b/requests/statistics?period=all');
    expect(other.body).toContain('id="stat-received">2<');
    expect(other.body).not.toContain('Guet Ndar');
  });

  it('is linked from the requests home page', async () => {
    const home = await t.request(null, 'GET', '/stats-a/requests');
    expect(home.body).toContain('href="/stats-a/requests/statistics"');
  });
});

describe('open-data exports', () => {
  it('lists public complaints with exactly the documented columns, never private or sensitive ones', async () => {
    const rows = await complaintRows(t.services.db, a.id);
    expect(rows).toHaveLength(8);
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(['reference', 'category_code', 'category_name', 'neighbourhood', 'submitted_on', 'due_on', 'status', 'open311_status', 'closed_on', 'resolution_days', 'answered_within_deadline']);
    }
    expect(rows.some((r) => r.category_code === 'staff-conduct' || r.submitted_on === '2026-04-01')).toBe(false);
    const late = rows.find((r) => r.submitted_on === '2026-06-03')!;
    expect(late).toMatchObject({ category_code: 'waste', category_name: 'Ordures et assainissement', neighbourhood: 'Sor', due_on: '2026-06-10', status: 'resolved', open311_status: 'closed', closed_on: '2026-06-11', resolution_days: 8, answered_within_deadline: 'no' });
    expect(rows.find((r) => r.submitted_on === '2026-06-02')).toMatchObject({ closed_on: '2026-06-12', resolution_days: 10, answered_within_deadline: 'yes' });
    expect(rows.find((r) => r.status === 'rejected')).toMatchObject({ open311_status: 'closed', resolution_days: null, answered_within_deadline: 'yes' });
    expect(rows.find((r) => r.submitted_on === '2026-06-20')).toMatchObject({ open311_status: 'open', closed_on: null, answered_within_deadline: 'no' });
  });

  it('leaves "answered within the deadline" blank while the deadline runs, and keeps to its commune', async () => {
    const rows = await complaintRows(t.services.db, b.id);
    expect(rows.map((r) => [r.category_code, r.answered_within_deadline])).toEqual([['waste', 'no'], ['water', null]]);
  });

  it('gives access-to-information figures per month, with refusals by ground', async () => {
    expect(await informationStatisticsRows(t.services.db, a.id)).toEqual([
      { month: '2026-05', received: 3, answered: 2, answered_on_time: 1, refused: 1, refused_by_ground: 'personal-data: 1' },
      { month: '2026-06', received: 2, answered: 2, answered_on_time: 2, refused: 2, refused_by_ground: 'national-security: 1; personal-data: 1' },
    ]);
    expect(await informationStatisticsRows(t.services.db, b.id)).toEqual([]);
  });

  it('are declared for the open-data pages', () => {
    expect(requestsExports.map((e) => e.id)).toEqual(['requests-complaints', 'requests-information-statistics']);
  });
});
