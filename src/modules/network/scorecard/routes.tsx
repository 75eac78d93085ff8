import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Commune } from '../../../platform/db/platform-tables.js';
import { AppError } from '../../../platform/http/errors.js';
import { toCsv } from '../../../platform/http/csv.js';
import { sendPage } from '../../../platform/http/render.js';
import type { LocalizedText } from '../../../platform/i18n/locales.js';
import { principles } from './config.js';
import { biggestGains } from './scoring.js';
import { standingOf } from './standing.js';
import { memberCommunes, trendsOf } from './snapshots.js';
import { liveScorecard, scorecardSource } from './source.js';
import { type CommuneRow, type Listing, NetworkScorecardPage, principleScore, type SortKey } from './network-views.js';
import { CommuneScorecardPage, type IndicatorView } from './views.js';

const open = { config: { access: 'public' as const } };

async function communeScorecard(request: FastifyRequest, reply: FastifyReply) {
  const commune = request.commune as Commune | null;
  if (!commune) throw new AppError('COMMUNE_NOT_FOUND');
  const { db } = request.server.platform;
  const source = scorecardSource();
  const { window, card } = await liveScorecard(db, commune);
  const trends = await trendsOf(db, commune.id);
  const indicators = new Map<string, IndicatorView>(
    card.principles.flatMap((p) => p.indicators).map((result) => [result.indicator.id, { result, metric: source.metrics.get(result.indicator.metric), trend: trends.get(result.indicator.id) ?? [] }]),
  );
  const gains = biggestGains(source.config, card);
  const network = await Promise.all((await memberCommunes(db)).map(async (member) => (member.id === commune.id ? card : (await liveScorecard(db, member)).card)));
  const standing = standingOf(card, network);
  return sendPage(request, reply, (ctx) => <CommuneScorecardPage ctx={ctx} props={{ card, window, indicators, gains, standing }} />);
}

const listingSchema = z.object({
  country: z.string().regex(/^[A-Z]{2}$/).optional().catch(undefined),
  sort: z.enum(['name', 'overall', ...principles]).catch('overall'),
  dir: z.enum(['asc', 'desc']).catch('desc'),
});

async function communeRows(request: FastifyRequest): Promise<CommuneRow[]> {
  const { db } = request.server.platform;
  const rows: CommuneRow[] = [];
  for (const commune of await memberCommunes(db)) rows.push({ slug: commune.slug, name: commune.name as LocalizedText, country: commune.country, card: (await liveScorecard(db, commune)).card });
  return rows;
}

function sortRows(rows: CommuneRow[], listing: Listing): CommuneRow[] {
  const key = (row: CommuneRow): number | string => (listing.sort === 'name' ? row.slug : listing.sort === 'overall' ? (row.card.overall ?? -1) : (principleScore(row.card, listing.sort as Exclude<SortKey, 'name' | 'overall'>) ?? -1));
  const sign = listing.dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => (key(a) < key(b) ? -sign : key(a) > key(b) ? sign : a.slug.localeCompare(b.slug)));
}

async function networkScorecard(request: FastifyRequest, reply: FastifyReply) {
  const parsed = listingSchema.parse(request.query ?? {});
  const listing: Listing = { country: parsed.country ?? null, sort: parsed.sort, dir: parsed.dir };
  const all = await communeRows(request);
  const countries = [...new Set(all.map((row) => row.country))].sort();
  const rows = sortRows(all.filter((row) => !listing.country || row.country === listing.country), listing);
  return sendPage(request, reply, (ctx) => <NetworkScorecardPage ctx={ctx} rows={rows} listing={listing} countries={countries} />);
}

/** Every commune's indicators as measured now, one row per indicator: for partners' monitoring spreadsheets. */
async function networkScorecardCsv(request: FastifyRequest, reply: FastifyReply) {
  const header = ['commune', 'country', 'principle', 'indicator', 'metric', 'value', 'numerator', 'denominator', 'score', 'window_from', 'window_to'];
  const lines: (string | number | null | undefined)[][] = [header];
  const { db } = request.server.platform;
  for (const commune of await memberCommunes(db)) {
    const { window, card } = await liveScorecard(db, commune);
    const span = [window.from.toISOString().slice(0, 10), window.to.toISOString().slice(0, 10)];
    for (const p of card.principles) {
      for (const r of p.indicators) lines.push([commune.slug, commune.country, p.principle, r.indicator.id, r.indicator.metric, r.measured.value, r.measured.numerator, r.measured.denominator, r.score, ...span]);
      lines.push([commune.slug, commune.country, p.principle, `principle:${p.principle}`, null, null, null, null, p.score, ...span]);
    }
    lines.push([commune.slug, commune.country, null, 'overall', null, null, null, null, card.overall, ...span]);
  }
  return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="network-scorecard.csv"').send(toCsv(lines, { bom: false }));
}

export function communeScorecardRoutes(app: FastifyInstance): void {
  app.get('/scorecard', open, communeScorecard);
}

export function networkScorecardRoutes(app: FastifyInstance): void {
  app.get('/network/scorecard', open, networkScorecard);
  app.get('/network/scorecard.csv', open, networkScorecardCsv);
}
