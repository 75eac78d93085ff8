import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { hostileStrings } from '../../test-support/hostile-strings.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { cellValue, columnsOf, datasetCsv } from './downloads.js';

let t: TestApp;
const news = '/tiznit-el-jadida/data/tiznit-el-jadida-commune-news';

beforeAll(async () => {
  t = await createTestApp();
  // Hostile news titles in Tiznit: the CSV must carry each one as one inert cell.
  // Plain SQL: the commune module's tables are its own business; only its export is under test here.
  const communeId = await t.communeId('tiznit-el-jadida');
  // PostgreSQL refuses NUL in text (the forms drop it before it gets there).
  for (const hostile of [...hostileStrings.map((h) => h.value.replace(/\0/g, '')), '=HYPERLINK("http://x","clic")']) {
    await sql`insert into news_posts (commune_id, title, body, status, publish_at)
      values (${communeId}, ${JSON.stringify({ fr: hostile })}::jsonb, '{"fr":"x"}'::jsonb, 'published', ${new Date('2026-01-02T03:04:05Z')})`.execute(t.services.db);
  }
});
afterAll(() => t.close());

describe('rows as a table', () => {
  it('the header is the union of the keys in first-seen order; dates in ISO 8601, objects and arrays as JSON text', () => {
    expect(columnsOf([{ a: 1, b: 2 }, { c: 3, a: 4 }, {}])).toEqual(['a', 'b', 'c']);
    expect(cellValue(new Date('2026-11-23T10:00:00Z'))).toBe('2026-11-23T10:00:00.000Z');
    expect(cellValue({ fr: 'é', n: [1, 2] })).toBe('{"fr":"é","n":[1,2]}');
    expect(cellValue(['a', 'b'])).toBe('["a","b"]');
    expect(cellValue(true)).toBe('true');
    expect(cellValue(null)).toBe('');
    expect(datasetCsv([{ a: 1 }, { b: 'x,y' }], { bom: false })).toBe('a,b\r\n1,\r\n,"x,y"\r\n');
  });
});

describe('downloads', () => {
  it('CSV: UTF-8 without a byte-order mark unless ?bom=1, as an attachment, cached five minutes', async () => {
    const plain = await t.request(null, 'GET', `${news}.csv`);
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(plain.headers['content-disposition']).toBe('attachment; filename="tiznit-el-jadida-commune-news.csv"');
    expect(plain.headers['cache-control']).toBe('public, max-age=300');
    expect(plain.rawPayload[0]).not.toBe(0xef);
    expect(plain.body.split('\r\n')[0]).toBe('id,title,published_at,url');
    const excel = await t.request(null, 'GET', `${news}.csv?bom=1`);
    expect([...excel.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(excel.body.slice(1)).toBe(plain.body);
  });

  it('CSV: hostile titles stay whole, quoted and with formulas defused', async () => {
    const body = (await t.request(null, 'GET', `${news}.csv`)).body;
    expect(body).toContain(`"'=HYPERLINK(""http://x"",""clic"")"`);
    expect(body).toContain('"<script>alert(""xss-1"")</script>"');
    expect(body).toContain('2026-01-02T03:04:05.000Z');
    expect(body).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it('JSON: an envelope with the dataset name, the time it was made and the rows', async () => {
    const response = await t.request(null, 'GET', `${news}.json`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="tiznit-el-jadida-commune-news.json"');
    expect(response.headers['cache-control']).toBe('public, max-age=300');
    const body = response.json() as { dataset: string; generated_at: string; rows: { title: string }[] };
    expect(Object.keys(body)).toEqual(['dataset', 'generated_at', 'rows']);
    expect(body.dataset).toBe('tiznit-el-jadida-commune-news');
    expect(new Date(body.generated_at).toISOString()).toBe(body.generated_at);
    expect(body.rows.map((r) => r.title)).toContain(hostileStrings[0]!.value);
  });

  it('an unknown name, or another commune’s dataset, is not found', async () => {
    for (const path of ['/ndar-toute/data/tiznit-el-jadida-commune-news.csv', '/ndar-toute/data/tiznit-el-jadida-commune-news.json', '/ndar-toute/data/nothing.csv', '/ndar-toute/data/ndar-toute-commune-news.xlsx']) {
      expect((await t.request(null, 'GET', path)).statusCode, path).toBe(404);
    }
    const ndar = await t.request(null, 'GET', '/ndar-toute/data/ndar-toute-commune-news.csv');
    expect(ndar.statusCode).toBe(200);
    expect(ndar.body).not.toContain('xss-1');
  });
});
