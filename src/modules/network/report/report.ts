import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { LocalizedText } from '../../../platform/i18n/locales.js';
import { type ContributionKind, contributionKinds, contributionsInMonths, type StatisticChannel, statisticChannels } from '../../channels/index.js';
import { computeScorecard, type ScorecardSource } from '../scorecard/compute.js';
import type { MetricCommune, MetricValue, MetricWindow } from '../scorecard/metric.js';
import type { Scorecard } from '../scorecard/scoring.js';

/** A report's months, 'YYYY-MM', both included. */
export interface Period {
  from: string;
  to: string;
}

export const maxReportMonths = 36;

/** Every month of the period, in order; empty when `to` comes before `from`. */
export function monthsOf(period: Period): string[] {
  const [fromYear, fromMonth] = period.from.split('-').map(Number) as [number, number];
  const [toYear, toMonth] = period.to.split('-').map(Number) as [number, number];
  const count = (toYear - fromYear) * 12 + (toMonth - fromMonth) + 1;
  return Array.from({ length: Math.max(0, Math.min(count, maxReportMonths)) }, (_, i) => {
    const d = new Date(Date.UTC(fromYear, fromMonth - 1 + i, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  });
}

/** The period kept to its last `maxReportMonths` months; null when it ends before it starts. */
export function clampPeriod(period: Period): Period | null {
  const [toYear, toMonth] = period.to.split('-').map(Number) as [number, number];
  const earliest = new Date(Date.UTC(toYear, toMonth - maxReportMonths, 1)).toISOString().slice(0, 7);
  if (period.to < period.from) return null;
  return { from: period.from < earliest ? earliest : period.from, to: period.to };
}

/** The period as the scorecard's window: from the first day of its first month to the first day after its last. */
export function periodWindow(period: Period): MetricWindow {
  const [fromYear, fromMonth] = period.from.split('-').map(Number) as [number, number];
  const [toYear, toMonth] = period.to.split('-').map(Number) as [number, number];
  return { from: new Date(Date.UTC(fromYear, fromMonth - 1, 1)), to: new Date(Date.UTC(toYear, toMonth, 1)) };
}

/** The twelve months ending with the current one, like the live scorecard (a partner picks complete months). */
export function defaultPeriod(now = new Date()): Period {
  const month = (offset: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1)).toISOString().slice(0, 7);
  return { from: month(-11), to: month(0) };
}

type Tally<K extends string> = Record<K, number>;
const zeroes = <K extends string>(keys: readonly K[]): Tally<K> => Object.fromEntries(keys.map((k) => [k, 0])) as Tally<K>;

export interface CommuneReport {
  slug: string;
  name: LocalizedText;
  country: string;
  card: Scorecard;
  byKind: Tally<ContributionKind>;
  byChannel: Tally<StatisticChannel>;
  total: number;
  women: MetricValue | null;
  youth: MetricValue | null;
}

export interface ProgrammeReport {
  period: Period;
  window: MetricWindow;
  communes: CommuneReport[];
  network: { byKind: Tally<ContributionKind>; byChannel: Tally<StatisticChannel>; total: number };
}

const measuredBy = (card: Scorecard, metric: string): MetricValue | null => card.principles.flatMap((p) => p.indicators).find((r) => r.indicator.metric === metric)?.measured ?? null;

async function communeReport(db: Kysely<PlatformTables>, source: ScorecardSource, commune: MetricCommune & { name: LocalizedText; country: string }, period: Period): Promise<CommuneReport> {
  const card = await computeScorecard(db, source, commune, periodWindow(period));
  const byKind = zeroes(contributionKinds);
  const byChannel = zeroes(statisticChannels);
  for (const row of await contributionsInMonths(db, commune, monthsOf(period))) {
    byKind[row.kind] += row.count;
    byChannel[row.channel] += row.count;
  }
  const total = Object.values(byKind).reduce((sum, n) => sum + n, 0);
  return { slug: commune.slug, name: commune.name, country: commune.country, card, byKind, byChannel, total, women: measuredBy(card, 'participation.women_share'), youth: measuredBy(card, 'participation.youth_share') };
}

/** The programme's report for a period: each commune's scorecard over it, its contributions by kind and channel, and the sums. */
export async function programmeReport(db: Kysely<PlatformTables>, source: ScorecardSource, communes: (MetricCommune & { name: LocalizedText; country: string })[], period: Period): Promise<ProgrammeReport> {
  const reports: CommuneReport[] = [];
  for (const commune of communes) reports.push(await communeReport(db, source, commune, period));
  const byKind = zeroes(contributionKinds);
  const byChannel = zeroes(statisticChannels);
  for (const report of reports) {
    for (const kind of contributionKinds) byKind[kind] += report.byKind[kind];
    for (const channel of statisticChannels) byChannel[channel] += report.byChannel[channel];
  }
  return { period, window: periodWindow(period), communes: reports, network: { byKind, byChannel, total: reports.reduce((sum, r) => sum + r.total, 0) } };
}
