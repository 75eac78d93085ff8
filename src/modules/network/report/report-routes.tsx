import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { toCsv, type CsvValue } from '../../../platform/http/csv.js';
import { sendPage } from '../../../platform/http/render.js';
import { type LocalizedText, pickLocalized } from '../../../platform/i18n/locales.js';
import { contributionKinds, statisticChannels } from '../../channels/index.js';
import { memberCommunes } from '../scorecard/snapshots.js';
import { scorecardSource } from '../scorecard/source.js';
import { clampPeriod, defaultPeriod, type Period, type ProgrammeReport, programmeReport } from './report.js';
import { ReportPage } from './report-views.js';

const open = { config: { access: 'public' as const } };
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const querySchema = z.object({ from: month.optional().catch(undefined), to: month.optional().catch(undefined), commune: z.string().regex(/^[a-z0-9-]+$/).optional().catch(undefined) });

/** The period asked for (its last three years at most), or the last twelve months when it is reversed. */
function periodOf(query: z.output<typeof querySchema>): Period {
  const fallback = defaultPeriod();
  return clampPeriod({ from: query.from ?? fallback.from, to: query.to ?? fallback.to }) ?? fallback;
}

async function buildReport(request: FastifyRequest) {
  const query = querySchema.parse(request.query ?? {});
  const { db } = request.server.platform;
  const members = await memberCommunes(db);
  const chosen = query.commune ? members.filter((c) => c.slug === query.commune) : members;
  const report = await programmeReport(db, scorecardSource(), chosen.map((c) => ({ ...c, name: c.name as LocalizedText })), periodOf(query));
  const choices: [string, string][] = members.map((c) => [c.slug, pickLocalized(c.name as LocalizedText, request.locale)?.value ?? c.slug]);
  return { report, commune: chosen.length === 1 && query.commune ? query.commune : null, choices };
}

/** One row per commune and figure: easy to filter and pivot in a spreadsheet. */
function reportRows(report: ProgrammeReport): CsvValue[][] {
  const rows: CsvValue[][] = [['commune', 'country', 'period_from', 'period_to', 'section', 'key', 'value', 'numerator', 'denominator']];
  const { from, to } = report.period;
  for (const c of report.communes) {
    const row = (section: string, key: string, value: number | null, numerator?: number, denominator?: number) => rows.push([c.slug, c.country, from, to, section, key, value, numerator, denominator]);
    row('score', 'overall', c.card.overall);
    for (const p of c.card.principles) {
      row('score', `principle:${p.principle}`, p.score);
      for (const r of p.indicators) row('indicator', r.indicator.id, r.measured.value, r.measured.numerator, r.measured.denominator);
    }
    for (const kind of contributionKinds) row('contributions_by_kind', kind, c.byKind[kind]);
    for (const channel of statisticChannels) row('contributions_by_channel', channel, c.byChannel[channel]);
  }
  return rows;
}

function reportJson(report: ProgrammeReport) {
  return {
    period: report.period,
    network: report.network,
    communes: report.communes.map((c) => ({
      commune: c.slug,
      country: c.country,
      name: c.name,
      overall: c.card.overall,
      principles: Object.fromEntries(c.card.principles.map((p) => [p.principle, p.score])),
      indicators: Object.fromEntries(c.card.principles.flatMap((p) => p.indicators).map((r) => [r.indicator.id, { metric: r.indicator.metric, ...r.measured, score: r.score }])),
      contributions: { byKind: c.byKind, byChannel: c.byChannel, total: c.total },
    })),
  };
}

const fileName = (report: ProgrammeReport, extension: string) => `palabre-report-${report.period.from}-${report.period.to}.${extension}`;

export function reportRoutes(app: FastifyInstance): void {
  app.get('/network/report', open, async (request, reply: FastifyReply) => {
    const { report, commune, choices } = await buildReport(request);
    return sendPage(request, reply, (ctx) => <ReportPage ctx={ctx} report={report} commune={commune} choices={choices} />);
  });
  app.get('/network/report.csv', open, async (request, reply) => {
    const { report } = await buildReport(request);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${fileName(report, 'csv')}"`).send(toCsv(reportRows(report), { bom: false }));
  });
  app.get('/network/report.json', open, async (request, reply) => {
    const { report } = await buildReport(request);
    return reply.type('application/json; charset=utf-8').header('content-disposition', `inline; filename="${fileName(report, 'json')}"`).send(reportJson(report));
  });
}
