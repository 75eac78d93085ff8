import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { networkDb } from '../db/tables.js';
import { computeScorecard, monthStart, type ScorecardSource } from './compute.js';
import type { ScorecardConfig } from './config.js';
import type { MetricCommune, ScorecardMetric } from './metric.js';
import { memberCommunes, takeMissingSnapshots, takeSnapshot } from './snapshots.js';
import { forgetScorecards, scorecardSource } from './source.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const snapshots = (communeId: string) => networkDb(t.services.db).selectFrom('network_scorecard_snapshots').selectAll().where('commune_id', '=', communeId);

/** Two metrics whose values depend on the window and the commune: the engine must pass both through. */
function fakeSource(): { source: ScorecardSource; seen: { commune: string; from: Date; to: Date }[] } {
  const seen: { commune: string; from: Date; to: Date }[] = [];
  const metric = (id: string, value: (c: MetricCommune) => number | null): ScorecardMetric => ({
    id,
    unit: 'percent',
    howKey: 'network.scorecard.no_data',
    dataPath: (slug) => `/${slug}/data`,
    compute: async (_db, commune, window) => {
      seen.push({ commune: commune.slug, from: window.from, to: window.to });
      return { value: value(commune), numerator: 3, denominator: 4 };
    },
  });
  const text = { fr: 'x' };
  const config: ScorecardConfig = {
    windowMonths: 3,
    principles: [{ id: 'transparency', weight: 1 }, { id: 'participation', weight: 1 }, { id: 'accountability', weight: 1 }, { id: 'innovation', weight: 1 }],
    indicators: [
      { id: 'share', metric: 'fake.share', principle: 'transparency', weight: 1, scoring: { direction: 'higher', zero: 0, full: 100 }, title: text, definition: text },
      { id: 'none', metric: 'fake.none', principle: 'innovation', weight: 1, scoring: { direction: 'higher', zero: 0, full: 100 }, title: text, definition: text },
    ],
  };
  const metrics = new Map([metric('fake.share', (c) => (c.slug === 'ndar-toute' ? 75 : 25)), metric('fake.none', () => null)].map((m) => [m.id, m]));
  return { source: { config, metrics }, seen };
}

describe('the scorecard engine', () => {
  it('measures each commune over the configured window and keeps one snapshot per month, never rewritten', async () => {
    const { source, seen } = fakeSource();
    const [ndar] = (await memberCommunes(t.services.db)).filter((c) => c.slug === 'ndar-toute');
    const card = await computeScorecard(t.services.db, source, ndar!, { from: new Date('2026-08-01'), to: new Date('2026-11-01') });
    expect(card.overall).toBe(75);
    expect(card.principles.find((p) => p.principle === 'innovation')!.score).toBeNull();

    const month = new Date(Date.UTC(2025, 0, 1));
    await takeSnapshot(t.services.db, source, ndar!, month);
    expect(seen.at(-1)).toMatchObject({ commune: 'ndar-toute', from: new Date(Date.UTC(2024, 10, 1)), to: new Date(Date.UTC(2025, 1, 1)) });
    const rows = await snapshots(ndar!.id).where('month', '=', '2025-01-01').orderBy('indicator').execute();
    expect(rows.map(({ indicator, value, score, numerator, denominator }) => ({ indicator, value, score, numerator, denominator }))).toEqual([
      { indicator: 'none', value: null, score: null, numerator: 3, denominator: 4 },
      { indicator: 'overall', value: null, score: 75, numerator: null, denominator: null },
      { indicator: 'principle:accountability', value: null, score: null, numerator: null, denominator: null },
      { indicator: 'principle:innovation', value: null, score: null, numerator: null, denominator: null },
      { indicator: 'principle:participation', value: null, score: null, numerator: null, denominator: null },
      { indicator: 'principle:transparency', value: null, score: 75, numerator: null, denominator: null },
      { indicator: 'share', value: 75, score: 75, numerator: 3, denominator: 4 },
    ]);
  });

  it('the job fills each member commune’s last complete month once', async () => {
    const now = new Date(Date.UTC(2030, 5, 15));
    const source = scorecardSource();
    expect(await takeMissingSnapshots(t.services.db, source, now)).toBe(2);
    expect(await takeMissingSnapshots(t.services.db, source, now)).toBe(0);
    const ndar = await t.communeId('ndar-toute');
    expect(await snapshots(ndar).where('month', '=', '2030-05-01').where('indicator', '=', 'overall').select('month').execute()).toHaveLength(1);
  });

  it('the demo starts with six months of history', async () => {
    const ndar = await t.communeId('ndar-toute');
    const months = await snapshots(ndar).where('indicator', '=', 'overall').where('month', '>=', monthStart(new Date(), -6).toISOString().slice(0, 10)).select('month').execute();
    expect(months.length).toBeGreaterThanOrEqual(6);
  });
});

describe('the scorecard pages', () => {
  it('shows a commune’s scorecard with every principle, indicator and how it is computed', async () => {
    await forgetScorecards(t.services.db);
    const page = await t.request(null, 'GET', '/ndar-toute/scorecard');
    expect(page.statusCode).toBe(200);
    for (const principle of ['Transparence', 'Participation citoyenne', 'Redevabilité', 'Innovation technologique']) expect(page.body).toContain(principle);
    expect(page.body).toContain('id="indicator-budget_published"');
    expect(page.body).toContain('Définition et calcul');
    expect(page.body).toContain('id="overall-score"');
    expect(page.body).toMatch(/id="standing">Rang dans le réseau : [12] sur 2/);
    expect((await t.request(null, 'GET', '/ndar-toute/scorecard', undefined, { headers: { 'accept-language': 'ar' } })).statusCode).toBe(200);
  });

  it('keeps each live scorecard in the database for ten minutes, shared by every process', async () => {
    await forgetScorecards(t.services.db);
    await t.request(null, 'GET', '/ndar-toute/scorecard');
    const ndarId = await t.communeId('ndar-toute');
    const kept = () => networkDb(t.services.db).updateTable('network_live_scorecards').where('commune_id', '=', ndarId);
    const row = await networkDb(t.services.db).selectFrom('network_live_scorecards').select('card').where('commune_id', '=', ndarId).executeTakeFirstOrThrow();
    // Another process reads the stored card rather than computing its own: a marked score shows.
    await kept().set({ card: JSON.stringify({ ...(row.card as object), overall: 12.3 }) }).execute();
    expect((await t.request(null, 'GET', '/ndar-toute/scorecard')).body).toMatch(/id="overall-score">12[.,]3/);
    await kept().set({ computed_at: new Date(Date.now() - 11 * 60 * 1000) }).execute();
    expect((await t.request(null, 'GET', '/ndar-toute/scorecard')).body).not.toMatch(/id="overall-score">12[.,]3/);
  });

  it('compares the network’s communes, sorted and filtered by country without JavaScript, and exports them', async () => {
    const byName = await t.request(null, 'GET', '/network/scorecard?sort=name&dir=asc');
    expect(byName.statusCode).toBe(200);
    expect(byName.body.indexOf('/ndar-toute/scorecard')).toBeLessThan(byName.body.indexOf('/tiznit-el-jadida/scorecard'));
    const reversed = await t.request(null, 'GET', '/network/scorecard?sort=name&dir=desc');
    expect(reversed.body.indexOf('/tiznit-el-jadida/scorecard')).toBeLessThan(reversed.body.indexOf('/ndar-toute/scorecard'));
    const morocco = await t.request(null, 'GET', '/network/scorecard?country=MA');
    expect(morocco.body).toContain('/tiznit-el-jadida/scorecard');
    expect(morocco.body).not.toContain('href="/ndar-toute/scorecard"');
    expect((await t.request(null, 'GET', '/network/scorecard?sort=<script>&country=zz')).statusCode).toBe(200);
    const csv = await t.request(null, 'GET', '/network/scorecard.csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe('commune,country,principle,indicator,metric,value,numerator,denominator,score,window_from,window_to');
    expect(lines.filter((l) => l.startsWith('ndar-toute,') && l.includes(',overall,'))).toHaveLength(1);
  });

  it('is linked from the network home page, with the programme back-office for platform administrators only', async () => {
    const home = await t.request(null, 'GET', '/');
    expect(home.body).toContain('href="/network/scorecard"');
    expect(home.body).toContain('href="/network/report"');
    expect(home.body).not.toContain('href="/admin/network/guides"');
    expect((await t.request('platform-admin', 'GET', '/')).body).toContain('href="/admin/network/guides"');
  });
});
