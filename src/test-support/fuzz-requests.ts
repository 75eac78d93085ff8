import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { hostileStrings } from './hostile-strings.js';
import { testCsrfToken } from './test-app.js';

/**
 * Generators of hostile HTTP requests for the fuzz suite (src/fuzz/hostile-routes.test.ts): every shape a
 * careless client or an attacker may send, built with fast-check so that a seed replays a run exactly.
 */

/** The hostile-string corpus: the rendering corpus plus SQL, paths, invisible characters, emoji. */
export const hostileCorpus: string[] = [
  ...hostileStrings.map((h) => h.value),
  "' OR '1'='1",
  "1; DROP TABLE users; --",
  "'); delete from proposals where ('1'='1",
  '../../../../etc/passwd',
  '..%2f..%2f..%2fetc%2fpasswd',
  'C:\\Windows\\system32\\config\\SAM',
  '\u200B\u200C\u200D\uFEFF',
  '\u202Egnp.exe',
  'avant\u0000après',
  '👩🏾‍🌾🇸🇳🔥'.repeat(20),
  '\uD800 lone surrogate',
  '{{7*7}}${7*7}<%= 7*7 %>',
  '__proto__',
  'constructor',
  '-1',
  '1e309',
  'NaN',
  '9'.repeat(40),
  '2026-02-30',
  '',
  ' ',
  'x'.repeat(70_000),
];

/** Raw payloads that must never come back unescaped in an HTML page. */
export const markupPayloads = hostileCorpus.filter((value) => /[<>]/.test(value));

const sourceRoot = fileURLToPath(new URL('..', import.meta.url));

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/**
 * Every form field name the code knows (form inputs and zod schema keys), so that generated bodies reach
 * the validation and handling code behind the CSRF check instead of bouncing on an empty form.
 */
export function knownFieldNames(): string[] {
  const names = new Set<string>();
  for (const file of sourceFiles(sourceRoot)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/name[=:]\s*["'`]([a-z_][a-z0-9_]*)["'`]/g)) names.add(match[1]!);
    for (const match of text.matchAll(/^\s+([a-z_][a-z0-9_]*): z\./gm)) names.add(match[1]!);
  }
  names.delete('_csrf');
  return [...names].sort();
}

/** A plausible value for a field, guessed from its name, so that one hostile field among good ones gets far. */
export function plausibleValue(field: string, existingId: string): string {
  if (/date|_on$|_at$|deadline|from|until/.test(field)) return '2026-12-01';
  if (/(^|_)id$|_ids?$/.test(field)) return existingId;
  if (/amount|count|year|position|quantity|number|rank|max|min|seats|budget|cost|score|page|limit|days|weight/.test(field)) return '5';
  if (/email/.test(field)) return 'someone@example.org';
  if (/phone/.test(field)) return '+221770009999';
  if (/url|link|website/.test(field)) return 'https://example.org/page';
  if (/locale|language/.test(field)) return 'fr';
  return 'Texte ordinaire';
}

export type Shape =
  | { kind: 'form'; fields: Record<string, string | string[]> }
  | { kind: 'json'; body: unknown }
  | { kind: 'deep-json'; depth: number }
  | { kind: 'huge'; bytes: number }
  | { kind: 'invalid-utf8'; fields: string[] }
  | { kind: 'multipart'; variant: MultipartVariant; fields: Record<string, string> }
  | { kind: 'missing' };

const multipartVariants = ['file-for-text', 'nameless-part', 'duplicate-fields', 'truncated', 'wrong-boundary', 'many-parts', 'huge-file'] as const;
export type MultipartVariant = (typeof multipartVariants)[number];

const hostileValue = fc.constantFrom(...hostileCorpus);
const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.array(hostileValue, { maxLength: 3 }),
  fc.dictionary(fc.constantFrom('a', '__proto__', 'constructor', 'toString'), hostileValue, { maxKeys: 3 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);

/** Form fields: a few known names, each hostile, plausible, or repeated (an array where one value is expected). */
function formFields(fieldNames: string[], existingId: string): fc.Arbitrary<Record<string, string | string[]>> {
  const pick = fc.subarray(fieldNames, { minLength: 0, maxLength: Math.min(40, fieldNames.length) });
  return pick.chain((names) =>
    fc.tuple(...names.map((name) => fc.oneof(hostileValue, fc.constant(plausibleValue(name, existingId)), fc.array(hostileValue, { minLength: 2, maxLength: 3 })))).map(
      (values) => Object.fromEntries(names.map((name, index) => [name, values[index]!])),
    ),
  ).map((fields) => ({ ...Object.fromEntries(fieldNames.map((name) => [name, plausibleValue(name, existingId)])), ...fields }));
}

/** Any hostile request shape for a POST route. */
export function postShape(fieldNames: string[], existingId: string): fc.Arbitrary<Shape> {
  return fc.oneof(
    { weight: 4, arbitrary: formFields(fieldNames, existingId).map((fields) => ({ kind: 'form' as const, fields })) },
    { weight: 2, arbitrary: fc.dictionary(fc.constantFrom(...fieldNames), wrongType, { maxKeys: 12 }).map((body) => ({ kind: 'json' as const, body })) },
    { weight: 1, arbitrary: fc.integer({ min: 200, max: 20_000 }).map((depth) => ({ kind: 'deep-json' as const, depth })) },
    { weight: 1, arbitrary: fc.integer({ min: 1_100_000, max: 1_300_000 }).map((bytes) => ({ kind: 'huge' as const, bytes })) },
    { weight: 1, arbitrary: fc.subarray(fieldNames, { minLength: 1, maxLength: 8 }).map((fields) => ({ kind: 'invalid-utf8' as const, fields })) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom(...multipartVariants), fc.dictionary(fc.constantFrom(...fieldNames), hostileValue, { maxKeys: 6 }))
        .map(([variant, fields]) => ({ kind: 'multipart' as const, variant, fields })),
    },
    { weight: 1, arbitrary: fc.constant({ kind: 'missing' as const }) },
  );
}

/** A query string of hostile values for a GET route. */
export function queryShape(fieldNames: string[]): fc.Arbitrary<Record<string, string>> {
  return fc.dictionary(fc.constantFrom(...fieldNames.filter((name) => name.length < 20)), hostileValue.map((v) => v.slice(0, 2000)), { maxKeys: 6 });
}

/** A value for a path parameter: a real id (of the other commune), an unknown id, or hostile text. */
export function pathValue(existingIds: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(...existingIds, '00000000-0000-4000-8000-000000000000', '0', '-1'),
    hostileValue.map((value) => encodeURIComponent(value.slice(0, 300).replace(/[\uD800-\uDFFF]/g, '\uFFFD')) || '%20'),
  );
}

export interface BuiltRequest {
  payload?: string | Buffer;
  contentType?: string;
  /** Extra query (the multipart CSRF token, a GET's hostile query). */
  query?: string;
  /** The hostile values sent, to look for in the response. */
  sent: string[];
}

function urlEncoded(fields: Record<string, string | string[]>): string {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) body.append(name, one);
  return body.toString();
}

function multipartPart(boundary: string, name: string, value: string, filename?: string): string {
  const file = filename === undefined ? '' : `; filename="${filename}"\r\nContent-Type: application/octet-stream`;
  return `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${file}\r\n\r\n${value}\r\n`;
}

function multipartPayload(variant: MultipartVariant, fields: Record<string, string>): { payload: Buffer; contentType: string } {
  const boundary = '----fuzz-boundary';
  const entries = Object.entries(fields).map(([name, value]) => [name, value.slice(0, 5000)] as const);
  const parts: string[] = [];
  if (variant === 'file-for-text') for (const [name, value] of entries) parts.push(multipartPart(boundary, name, value, '../../evil<script>.exe'));
  if (variant === 'nameless-part') parts.push(`--${boundary}\r\nContent-Disposition: form-data\r\n\r\nno name\r\n`, `--${boundary}\r\n\r\nno headers\r\n`);
  if (variant === 'duplicate-fields') for (const [name, value] of entries) parts.push(multipartPart(boundary, name, value), multipartPart(boundary, name, value));
  if (variant === 'many-parts') for (let index = 0; index < 80; index++) parts.push(multipartPart(boundary, `field_${index}`, 'x'));
  if (variant === 'huge-file') parts.push(multipartPart(boundary, 'file', 'A'.repeat(12 * 1024 * 1024), 'huge.jpg'));
  if (variant === 'truncated' || variant === 'wrong-boundary') for (const [name, value] of entries) parts.push(multipartPart(boundary, name, value));
  const closing = variant === 'truncated' ? `--${boundary}\r\nContent-Disposition: form-data; name="cut"\r\n\r\nhalf` : `--${boundary}--\r\n`;
  const declared = variant === 'wrong-boundary' ? 'not-the-boundary' : boundary;
  return { payload: Buffer.from(parts.join('') + closing), contentType: `multipart/form-data; boundary=${declared}` };
}

function deepJson(depth: number): string {
  return `{"_csrf":"${testCsrfToken}","a":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;
}

// Bytes that are not UTF-8: a lone continuation byte, an overlong slash, a truncated sequence, 0xFF.
const invalidUtf8 = Buffer.from([0x80, 0xc0, 0xaf, 0xe2, 0x82, 0xff, 0xfe]);

/** Turns a shape into the bytes and headers of one request, with a valid CSRF token so the body is read. */
export function buildRequest(shape: Shape): BuiltRequest {
  const csrf = { _csrf: testCsrfToken };
  switch (shape.kind) {
    case 'form':
      return { payload: urlEncoded({ ...csrf, ...shape.fields }), contentType: 'application/x-www-form-urlencoded', sent: Object.values(shape.fields).flat() };
    case 'json':
      return { payload: JSON.stringify({ ...csrf, ...(shape.body as object) }), contentType: 'application/json', sent: [] };
    case 'deep-json':
      return { payload: deepJson(shape.depth), contentType: 'application/json', sent: [] };
    case 'huge':
      return { payload: `${urlEncoded(csrf)}&title=${'A'.repeat(shape.bytes)}`, contentType: 'application/x-www-form-urlencoded', sent: [] };
    case 'invalid-utf8': {
      const parts = [Buffer.from(urlEncoded(csrf))];
      for (const field of shape.fields) parts.push(Buffer.from(`&${field}=`), invalidUtf8, Buffer.from('%FF%FE%C0%AF'));
      return { payload: Buffer.concat(parts), contentType: 'application/x-www-form-urlencoded; charset=utf-8', sent: [] };
    }
    case 'multipart': {
      const { payload, contentType } = multipartPayload(shape.variant, shape.fields);
      return { payload, contentType, query: `_csrf=${testCsrfToken}`, sent: Object.values(shape.fields) };
    }
    case 'missing':
      return { payload: urlEncoded(csrf), contentType: 'application/x-www-form-urlencoded', sent: [] };
  }
}
