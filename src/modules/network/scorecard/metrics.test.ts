import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PalabreModule } from '../../../platform/module.js';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import ar from '../i18n/metrics.ar.json' with { type: 'json' };
import en from '../i18n/metrics.en.json' with { type: 'json' };
import fr from '../i18n/metrics.fr.json' with { type: 'json' };
import pt from '../i18n/metrics.pt.json' with { type: 'json' };
import type { MetricCommune, MetricWindow } from './metric.js';
import { createScorecardMetrics, percentOf, scorecardMetrics, youthAgeBands } from './metrics.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const commune = async (slug: string): Promise<MetricCommune> => t.services.db.selectFrom('communes').select(['id', 'slug', 'time_zone', 'enabled_modules']).where('slug', '=', slug).executeTakeFirstOrThrow();
const lastYear: MetricWindow = { from: new Date(Date.now() - 365 * 86_400_000), to: new Date() };

describe('the scorecard metric registry', () => {
  it('has unique ids named after their module, with a how-it-is-computed text in every language', () => {
    const ids = scorecardMetrics.map((metric) => metric.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(16);
    for (const metric of scorecardMetrics) {
      expect(metric.id).toMatch(/^[a-z-]+\.[a-z_]+$/);
      const key = metric.howKey.replace(/^network\./, '');
      expect(metric.howKey).toBe(`network.metrics.${metric.id.split('.')[1]}`);
      for (const catalogue of [fr, en, pt, ar] as Record<string, string>[]) expect(catalogue[key], `${metric.howKey}`).toBeTruthy();
      expect(metric.dataPath('ndar-toute')).toMatch(/^\/ndar-toute(\/|$)/);
    }
  });

  it('links each metric to a public page that exists', async () => {
    for (const path of new Set(scorecardMetrics.map((metric) => metric.dataPath('ndar-toute')))) {
      expect((await t.request(null, 'GET', path)).statusCode, path).toBe(200);
    }
  });

  it('rounds shares to one decimal and has no value when nothing was counted', () => {
    expect(percentOf(1, 3)).toEqual({ value: 33.3, numerator: 1, denominator: 3 });
    expect(percentOf(2, 3).value).toBe(66.7);
    expect(percentOf(0, 0)).toEqual({ value: null, numerator: 0, denominator: 0 });
    expect(youthAgeBands).toEqual(['15-24', '25-34']);
  });

  it('computes every metric on the seeded demo commune, within its unit range', async () => {
    const ndar = await commune('ndar-toute');
    for (const metric of scorecardMetrics) {
      const result = await metric.compute(t.services.db, ndar, lastYear);
      if (result.value === null) continue;
      expect(result.value, metric.id).toBeGreaterThanOrEqual(0);
      if (metric.unit === 'percent') expect(result.value, metric.id).toBeLessThanOrEqual(100);
      if (result.denominator !== undefined && result.numerator !== undefined) expect(result.numerator, metric.id).toBeLessThanOrEqual(result.denominator);
    }
  });

  it('has no data (not zero) for shares and medians of a window with nothing in it', async () => {
    const ndar = await commune('ndar-toute');
    const longAgo: MetricWindow = { from: new Date('2012-01-01T00:00:00Z'), to: new Date('2012-07-01T00:00:00Z') };
    const values = Object.fromEntries(await Promise.all(scorecardMetrics.map(async (metric) => [metric.id, (await metric.compute(t.services.db, ndar, longAgo)).value] as const)));
    // Module exports are live data, and the modules switched on are today's: those have a value whatever the window.
    const live = ['open-data.datasets_published', 'open-data.datasets_up_to_date', 'network.modules_enabled'];
    for (const [id, value] of Object.entries(values)) {
      if (live.includes(id)) expect(value, id).not.toBeNull();
      else if (id === 'accountability.forum_meetings_held' || id === 'channels.phone_channels_used') expect(value, id).toBe(0);
      else expect(value, id).toBeNull();
    }
    expect(values['open-data.datasets_up_to_date']).toBe(100);
  });

  it('wraps the modules\' figures: the median complaint resolution in days, the phone and mediator share', async () => {
    const ndar = await commune('ndar-toute');
    const byId = (id: string) => scorecardMetrics.find((metric) => metric.id === id)!;
    const median = await byId('requests.complaint_resolution_median_days').compute(t.services.db, ndar, lastYear);
    expect(median.value).toBeGreaterThanOrEqual(0);
    const share = await byId('channels.phone_contributions_share').compute(t.services.db, ndar, lastYear);
    expect(share.denominator).toBeGreaterThan(0);
    expect(share.value).toBe(Math.round((share.numerator! / share.denominator!) * 1000) / 10);
  });

  it('counts the switched-on modules over the modules a commune can switch on', async () => {
    const ndar = await commune('ndar-toute');
    const metrics = createScorecardMetrics(async () => t.services.modules);
    const metric = metrics.find((m) => m.id === 'network.modules_enabled')!;
    const switchable = t.services.modules.filter((module) => !module.alwaysOn).map((module) => module.id);
    expect(switchable).toEqual(['participation', 'budgeting', 'finances', 'accountability', 'requests', 'channels', 'network']);
    const all = await metric.compute(t.services.db, ndar, lastYear);
    expect(all).toEqual(percentOf(switchable.filter((id) => ndar.enabled_modules.includes(id)).length, 7));
    // Always-on modules and unknown names in the list count for nothing.
    const few = await metric.compute(t.services.db, { ...ndar, enabled_modules: ['commune', 'open-data', 'requests', 'retired-module'] }, lastYear);
    expect(few).toEqual({ value: 14.3, numerator: 1, denominator: 7 });
    const fromInstall = await scorecardMetrics.find((m) => m.id === 'network.modules_enabled')!.compute(t.services.db, ndar, lastYear);
    expect(fromInstall).toEqual(all);
  });
});

describe('metrics with known answers', () => {
  const longAgo: MetricWindow = { from: new Date('2015-01-01T00:00:00Z'), to: new Date('2015-07-01T00:00:00Z') };
  const byId = (id: string, metrics = scorecardMetrics) => metrics.find((metric) => metric.id === id)!;

  it('adds up meeting attendance and budget voters for the women and youth shares', async () => {
    const ndar = await commune('ndar-toute');
    const db = t.services.db;
    await sql`insert into consultation_meetings (commune_id, consultation_id, starts_at, location, agenda, minutes, attendance_women, attendance_men, attendance_youth)
      select commune_id, id, '2015-03-01T10:00:00Z', 'Mairie', 'Budget', '', 6, 4, 5 from consultations where commune_id = ${ndar.id} limit 1`.execute(db);
    const round = await sql<{ id: string }>`insert into budget_rounds (commune_id, title, description, currency, total_amount, per_neighbourhood, rule, max_choices, require_verified_phone, allow_assisted, allow_ballot_change)
      values (${ndar.id}, '{"fr":"Budget 2015"}', '{"fr":"Test"}', 'XOF', 1000, false, 'approval', 3, false, true, false) returning id`.execute(db);
    for (const [phone, gender, band] of [['+221770000001', 'female', '15-24'], ['+221770000002', 'male', '65+']] as const) {
      await sql`insert into budget_voters (commune_id, round_id, voter_key, channel, gender, age_band, created_at) values (${ndar.id}, ${round.rows[0]!.id}, ${`phone:${phone}`}, 'web', ${gender}, ${band}, '2015-04-01T10:00:00Z')`.execute(db);
    }
    // Women: 6 + 1 of 10 + 2; young: 5 + 1 of 12.
    expect(await byId('participation.women_share').compute(db, ndar, longAgo)).toEqual({ value: 58.3, numerator: 7, denominator: 12 });
    expect(await byId('participation.youth_share').compute(db, ndar, longAgo)).toEqual({ value: 50, numerator: 6, denominator: 12 });
    const tiznit = await commune('tiznit-el-jadida');
    expect((await byId('participation.women_share').compute(db, tiznit, longAgo)).value).toBeNull();
  });

  it('counts the module exports with rows of the switched-on modules as published and up to date', async () => {
    const ndar = await commune('ndar-toute');
    const exportOf = (id: string, rows: number) => ({ id, titleKey: 'network.module_name', rows: async () => Array.from({ length: rows }, () => ({ id })) });
    const modules = [
      { id: 'requests', i18n: {}, openDataExports: [exportOf('complaints', 3), exportOf('nothing-yet', 0)] },
      { id: 'not-installed-here', i18n: {}, openDataExports: [exportOf('other', 1)] },
    ] as unknown as PalabreModule[];
    const metrics = createScorecardMetrics(async () => modules);
    expect(await byId('open-data.datasets_published', metrics).compute(t.services.db, ndar, longAgo)).toEqual({ value: 1 });
    expect(await byId('open-data.datasets_up_to_date', metrics).compute(t.services.db, ndar, longAgo)).toEqual({ value: 100, numerator: 1, denominator: 1 });
    expect(await byId('open-data.datasets_up_to_date', metrics).compute(t.services.db, { ...ndar, enabled_modules: [] }, longAgo)).toEqual({ value: null, numerator: 0, denominator: 0 });
  });
});
