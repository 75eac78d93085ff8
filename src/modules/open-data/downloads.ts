import type { FastifyReply } from 'fastify';
import { type CsvValue, toCsv } from '../../platform/http/csv.js';
import type { CatalogueDataset } from './catalogue.js';

export type DatasetRow = Record<string, unknown>;

/** The header of a table built from rows that may not all carry the same keys: every key, in first-seen order. */
export function columnsOf(rows: DatasetRow[]): string[] {
  const columns = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) columns.add(key);
  return [...columns];
}

/** One value as a spreadsheet cell: dates in ISO 8601, objects and arrays as JSON text, the rest as is. */
export function cellValue(value: unknown): CsvValue {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function datasetCsv(rows: DatasetRow[], options: { bom: boolean }): string {
  const columns = columnsOf(rows);
  return toCsv([columns, ...rows.map((row) => columns.map((column) => cellValue(row[column])))], options);
}

/** The JSON download: an envelope rather than a bare array, so a reader knows what and when without the URL. */
export function datasetJson(dataset: CatalogueDataset, rows: DatasetRow[], generatedAt: Date): string {
  return JSON.stringify({ dataset: dataset.name, generated_at: generatedAt.toISOString(), rows });
}

// Regenerated from live data on each request: a short public cache spares the database when a link goes round.
export function sendDownload(reply: FastifyReply, filename: string, mediaType: string, body: string): FastifyReply {
  return reply
    .type(`${mediaType}; charset=utf-8`)
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'public, max-age=300')
    .send(body);
}
