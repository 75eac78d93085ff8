/*
 * The import's fast path: lines of UTF-8 bytes → COPY bytes, without a string per cell. Decoding, splitting into
 * cells and building one string per row cost 1.0–1.6 s per million rows; reading the bytes where they lie and
 * writing the COPY line into one buffer per piece, 0.34–0.60 s (docs/performance.md). It only takes what
 * it is sure of — lines without quotes or carriage returns (the caller checks), cells whose conversion needs no
 * trimming and no "missing" test — and hands everything else to the text converters (convert.ts), a cell or a whole
 * row at a time, so that both paths give the same COPY text, counts and refusals (a property test checks it).
 */
import type { DatastoreSchema } from '../datastore/table-schema.js';
import type { CopyTextBuilder } from './copy-text.js';
import { cellConverter, converterOf, longestMissingToken, type Convert } from './convert.js';
import { byteNumberFormat, scanNumberBytes, type ByteNumberFormat } from './number-text.js';

const [tab, lineFeed, backslash] = [9, 10, 92];
const lowerT = 116;
const upperN = 78;

/** A growing buffer of COPY bytes; one per piece, handed over to the main thread without a copy. */
export class CopyBytesWriter {
  bytes: Buffer;
  length = 0;

  constructor(capacity: number) {
    this.bytes = Buffer.allocUnsafeSlow(Math.max(64, capacity));
  }

  /** Room for `more` bytes after `length`. */
  reserve(more: number): void {
    if (this.length + more <= this.bytes.length) return;
    const larger = Buffer.allocUnsafeSlow(Math.max(this.bytes.length * 2, this.length + more));
    this.bytes.copy(larger, 0, 0, this.length);
    this.bytes = larger;
  }

  writeString(text: string): void {
    this.reserve(text.length * 3);
    this.length += this.bytes.write(text, this.length, 'utf8');
  }

  /** The bytes written: a view on a buffer that nothing else shares, so it can be transferred. */
  result(): Uint8Array {
    return new Uint8Array(this.bytes.buffer, this.bytes.byteOffset, this.length);
  }
}

/** How the byte path treats a column: text copied (escaped), numbers scanned, values from a cache, or the text converter. */
type ColumnPlan =
  | { kind: 'text' }
  | { kind: 'number'; format: ByteNumberFormat }
  | { kind: 'date'; date: DateBytes; convert: Convert }
  | { kind: 'cached'; convert: Convert }
  | { kind: 'converter' };

function planOf(field: DatastoreSchema['fields'][number]): ColumnPlan {
  switch (field.type) {
    case 'string':
      return { kind: 'text' };
    case 'integer':
    case 'number': {
      const format = byteNumberFormat({ decimalChar: field.decimalChar, groupChar: field.groupChar, integer: field.type === 'integer' });
      return format ? { kind: 'number', format } : { kind: 'converter' };
    }
    case 'date': {
      const date = dateBytesOf(field.format ?? '%Y-%m-%d');
      return date ? { kind: 'date', date, convert: converterOf(field) } : { kind: 'converter' };
    }
    // Booleans take a handful of distinct texts: each is converted once.
    case 'boolean':
      return { kind: 'cached', convert: converterOf(field) };
    default:
      return { kind: 'converter' };
  }
}

/** A positive integer's decimal digits at `at`; returns where they end. */
function writeDigits(value: number, out: Uint8Array, at: number): number {
  let digits = 1;
  for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits += 1;
  let rest = value;
  for (let i = at + digits - 1; i >= at; i--) {
    out[i] = 48 + (rest % 10);
    rest = Math.floor(rest / 10);
  }
  return at + digits;
}

/** Where day, month and year stand in a date format's three numbers, and the character between them. */
interface DateBytes {
  separator: number;
  order: ('d' | 'm' | 'y')[];
}

/** The byte reading of the import's date formats ("%d/%m/%Y"…); null for a format it does not know. */
export function dateBytesOf(format: string): DateBytes | null {
  const match = /^%([dmY])([/.-])%([dmY])\2%([dmY])$/.exec(format);
  if (!match) return null;
  const order = [match[1], match[3], match[4]].map((part) => (part === 'Y' ? 'y' : part)) as DateBytes['order'];
  return new Set(order).size === 3 ? { separator: match[2]!.charCodeAt(0), order } : null;
}

/**
 * The date's year·10⁴ + month·10² + day when the bytes have the format's shape (day and month of one or two
 * digits, a year of four: as the converter's patterns), else -1. Whether that date exists is the converter's call.
 */
export function readDate(source: Uint8Array, start: number, end: number, format: DateBytes): number {
  let [day, month, year] = [0, 0, 0];
  let at = start;
  for (let part = 0; part < 3; part++) {
    const from = at;
    let value = 0;
    while (at < end && source[at]! >= 48 && source[at]! <= 57) value = value * 10 + source[at++]! - 48;
    const digits = at - from;
    const kind = format.order[part]!;
    if (kind === 'y' ? digits !== 4 : digits < 1 || digits > 2) return -1;
    if (part < 2) {
      if (source[at] !== format.separator) return -1;
      at += 1;
    }
    if (kind === 'd') day = value;
    else if (kind === 'm') month = value;
    else year = value;
  }
  return at === end ? year * 10_000 + month * 100 + day : -1;
}

/** Visible ASCII: a byte that `trim()` never removes and that no wider character contains. */
const isVisible = (code: number) => code > 32 && code < 0x7f;

/** Failure of the byte path for one cell: the row goes to the text converters, which give the exact refusal. */
const refused = -1;

/**
 * Converts complete, quote-free, CR-free lines of UTF-8 bytes; shares its counts and header state with the
 * text path's `CopyTextBuilder`, which also converts the rows this path hands over.
 */
export class ByteCopyConverter {
  private readonly plans: ColumnPlan[];
  private readonly cell: ReturnType<typeof cellConverter>;
  private readonly longestMissing: number;
  private readonly delimiter: number;
  /** Where each cell of the current row starts (and, at [count], where the row ends plus one). */
  private readonly starts: Int32Array;
  private readonly columns: number;
  /** ISO dates by year·10⁴ + month·10² + day; booleans' answers by their bytes (7 bits each, no byte is zero). */
  private readonly dates = new Map<number, string | null>();
  private readonly shortTexts = new Map<number, string | null>();
  /** Bytes the current row may still need: kept free after a cell written by the text converter. */
  private rowRoom = 0;

  constructor(schema: DatastoreSchema, private readonly delimiterText: string, private readonly builder: CopyTextBuilder) {
    this.plans = schema.fields.map(planOf);
    this.cell = cellConverter(schema);
    this.longestMissing = longestMissingToken(schema);
    this.delimiter = delimiterText.charCodeAt(0);
    this.columns = schema.fields.length;
    this.starts = new Int32Array(this.columns + 1);
  }

  /** Whether this delimiter can be found byte by byte (one ASCII character). */
  static handles(delimiter: string): boolean {
    return delimiter.length === 1 && delimiter.charCodeAt(0) < 0x80 && delimiter !== '"';
  }

  /**
   * The lines of `source` (each ended by a line feed, except perhaps the last one) into `out`; `line` is the file
   * line of the first. Returns the line after the last.
   */
  convert(source: Buffer, line: number, out: CopyBytesWriter): number {
    let from = 0;
    let current = line;
    while (from < source.length) {
      const feed = source.indexOf(lineFeed, from);
      const end = feed === -1 ? source.length : feed;
      this.row(source, from, end, current, out);
      current += 1;
      from = end + 1;
    }
    return current;
  }

  private row(source: Buffer, start: number, end: number, line: number, out: CopyBytesWriter): void {
    if (this.builder.awaitingHeader || !this.splitCells(source, start, end)) return this.byText(source, start, end, line, out);
    const counts = this.builder.counts;
    const mark = out.length;
    // `_id`, the cells (at most two bytes out per byte in, escapes), and a `\N` per empty cell.
    this.rowRoom = 2 * (end - start) + 3 * this.columns + 24;
    out.reserve(this.rowRoom);
    out.length = writeDigits(counts.rowsLoaded + 1, out.bytes, out.length);
    out.bytes[out.length++] = tab;
    for (let index = 0; index < this.columns; index++) {
      const written = this.cellAt(source, index, out);
      if (written === refused) {
        out.length = mark;
        return this.byText(source, start, end, line, out);
      }
      out.bytes[out.length++] = index === this.columns - 1 ? lineFeed : tab;
    }
    counts.rowsLoaded += 1;
  }

  /** Finds the cells; false when their count is not the schema's or the row may be blank (the text path decides). */
  private splitCells(source: Buffer, start: number, end: number): boolean {
    const starts = this.starts;
    const delimiter = this.delimiter;
    starts[0] = start;
    let count = 1;
    let visible = start < end && isVisible(source[start]!);
    for (let i = start; i < end; i++) {
      if (source[i] !== delimiter) continue;
      if (count === this.columns) return false;
      starts[count++] = i + 1;
      visible ||= i + 1 < end && isVisible(source[i + 1]!);
    }
    starts[count] = end + 1;
    return count === this.columns && visible;
  }

  /** Writes one cell's COPY text; `refused` when the row must go to the text path. */
  private cellAt(source: Buffer, index: number, out: CopyBytesWriter): number {
    const start = this.starts[index]!;
    const end = this.starts[index + 1]! - 1;
    const plan = this.plans[index]!;
    if (plan.kind === 'text') return this.text(source, start, end, index, out);
    // A typed cell may be "missing" only when empty, padded, or no longer than the longest token.
    if (end - start <= this.longestMissing || !isVisible(source[start]!) || !isVisible(source[end - 1]!)) return this.byConverter(source, start, end, index, out);
    if (plan.kind === 'number') {
      const after = scanNumberBytes(source, start, end, plan.format, out.bytes, out.length);
      if (after === refused) return this.byConverter(source, start, end, index, out);
      out.length = after;
      return after;
    }
    if (plan.kind === 'date') return this.date(source, start, end, plan, index, out);
    if (plan.kind === 'cached') return this.cached(source, start, end, plan.convert, index, out);
    return this.byConverter(source, start, end, index, out);
  }

  /** A text cell, escaped for COPY (no line end can be inside); a cell without a visible ASCII byte may be blank. */
  private text(source: Buffer, start: number, end: number, index: number, out: CopyBytesWriter): number {
    const bytes = out.bytes;
    let o = out.length;
    let visible = false;
    for (let i = start; i < end; i++) {
      const code = source[i]!;
      if (code === backslash) {
        bytes[o++] = backslash;
        bytes[o++] = backslash;
        visible = true;
      } else if (code === tab) {
        bytes[o++] = backslash;
        bytes[o++] = lowerT;
      } else {
        bytes[o++] = code;
        visible ||= isVisible(code);
      }
    }
    if (!visible) return this.byConverter(source, start, end, index, out);
    out.length = o;
    return o;
  }

  /**
   * A date: its day, month and year read from the bytes; whether it exists (and its ISO text) is asked of the
   * converter once per distinct date.
   */
  private date(source: Buffer, start: number, end: number, plan: Extract<ColumnPlan, { kind: 'date' }>, index: number, out: CopyBytesWriter): number {
    const key = readDate(source, start, end, plan.date);
    if (key === -1) return this.byConverter(source, start, end, index, out);
    let iso = this.dates.get(key);
    if (iso === undefined) {
      iso = plan.convert(source.toString('latin1', start, end));
      if (this.dates.size < 50_000) this.dates.set(key, iso);
    }
    if (iso === null) return refused;
    return this.ascii(iso, out);
  }

  /** A boolean: short ASCII texts are looked up by a number made of their bytes, without a string. */
  private cached(source: Buffer, start: number, end: number, convert: Convert, index: number, out: CopyBytesWriter): number {
    if (end - start > 7) return this.byConverter(source, start, end, index, out);
    let key = 0;
    for (let i = start; i < end; i++) {
      const code = source[i]!;
      if (code >= 0x80) return this.byConverter(source, start, end, index, out);
      key = key * 128 + code;
    }
    let value = this.shortTexts.get(key);
    if (value === undefined) {
      value = convert(source.toString('latin1', start, end));
      if (this.shortTexts.size < 1_000) this.shortTexts.set(key, value);
    }
    if (value === null) return refused;
    return this.ascii(value, out);
  }

  private ascii(value: string, out: CopyBytesWriter): number {
    const bytes = out.bytes;
    let o = out.length;
    for (let i = 0; i < value.length; i++) {
      const code = value.charCodeAt(i);
      if (code >= 0x80) {
        out.writeString(value);
        return out.length;
      }
      bytes[o++] = code;
    }
    out.length = o;
    return o;
  }

  /** The text converter's answer for one cell (missing values, padding, unusual formats, non-ASCII numbers). */
  private byConverter(source: Buffer, start: number, end: number, index: number, out: CopyBytesWriter): number {
    const value = this.cell(index, source.toString('utf8', start, end));
    if (typeof value !== 'string') return refused;
    if (value === '\\N') {
      out.bytes[out.length++] = backslash;
      out.bytes[out.length++] = upperN;
      return out.length;
    }
    out.writeString(value);
    out.reserve(this.rowRoom);
    return out.length;
  }

  /** The whole row through the text path: header, blank rows, wrong cell counts, refusals with their reason. */
  private byText(source: Buffer, start: number, end: number, line: number, out: CopyBytesWriter): void {
    const text = this.builder.add([{ line, cells: source.toString('utf8', start, end).split(this.delimiterText) }]);
    if (text) out.writeString(text);
  }
}
