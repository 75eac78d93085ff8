import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import type { MetricCommune } from './metric.js';
import { scorecardMetrics } from './metrics.js';

let t: TestApp;
let ndar: MetricCommune;

// Long before the demo data: only the requests written here fall in March 2014 (Dakar is on UTC all year).
const march = { from: new Date('2014-03-01T00:00:00Z'), to: new Date('2014-04-01T00:00:00Z') };

/** A procedure request on the demo birth-extract procedure (announced: 2 calendar days), straight into the table. */
async function request(reference: string, filed: string, stage: string, readyAt: string | null) {
  await sql`
    insert into requests (commune_id, kind, reference, access_code_hash, description, procedure_id, answers, status, stage, is_private, channel, submitted_on, ready_at)
    select ${ndar.id}, 'procedure', ${reference}, 'fixture', 'Extrait', id, '{}'::jsonb, ${stage}, ${stage}, true, 'web', ${filed}, ${readyAt}
    from commune_services where commune_id = ${ndar.id} and kind = 'procedure' and title->>'fr' ilike '%naissance%' order by position limit 1`.execute(t.services.db);
}

beforeAll(async () => {
  t = await createTestApp();
  ndar = await t.services.db.selectFrom('communes').select(['id', 'slug', 'time_zone', 'enabled_modules']).where('slug', '=', 'ndar-toute').executeTakeFirstOrThrow();
  // Ready in 2 days (within), in 4 days (late), and still in progress past its due day at the window's end (late).
  await request('DA-2014-00001', '2014-03-03', 'ready', '2014-03-05T10:00:00Z');
  await request('DA-2014-00002', '2014-03-10', 'ready', '2014-03-14T10:00:00Z');
  await request('DA-2014-00003', '2014-03-20', 'in_progress', null);
});
afterAll(async () => t?.close());

describe('administrative procedures ready within the announced delay', () => {
  const metric = scorecardMetrics.find((m) => m.id === 'requests.procedures_ready_within_delay')!;

  it('is a share in per cent of the requests filed in the window, linked to the public statistics', async () => {
    expect(await metric.compute(t.services.db, ndar, march)).toEqual({ value: 33.3, numerator: 1, denominator: 3 });
    expect(metric.unit).toBe('percent');
    expect(metric.dataPath('ndar-toute')).toBe('/ndar-toute/requests/procedures/statistics');
  });

  it('has no value when nothing was ready or due', async () => {
    expect(await metric.compute(t.services.db, ndar, { from: new Date('2013-01-01T00:00:00Z'), to: new Date('2013-02-01T00:00:00Z') })).toEqual({ value: null, numerator: 0, denominator: 0 });
  });
});
