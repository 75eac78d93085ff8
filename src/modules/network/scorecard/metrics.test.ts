import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    expect(ids).toHaveLength(15);
    for (const metric of scorecardMetrics) {
      expect(metric.id).toMatch(/^[a-z-]+\.[a-z_]+$/);
      const key = metric.howKey.replace(/^network\./, '');
      expect(metric.howKey).toBe(`network.metrics.${metric.id.split('.')[1]}`);
      for (const catalogue of [fr, en, pt, ar] as Record<string, string>[]) expect(catalogue[key], `${metric.howKey}`).toBeTruthy();
      expect(metric.dataPath('ndar-toute')).toMatch(/^\/ndar-toute(\/|$)/);
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
