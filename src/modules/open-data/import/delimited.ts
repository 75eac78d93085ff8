/*
 * A CSV reader of our own: csv-parse spent two seconds per million rows, a third of the whole import, where this
 * one slices fields out of the decoded text with indexOf and charCodeAt. It reads what spreadsheets write:
 * quoted fields ("" for a quote, delimiters and line breaks inside), CRLF, LF or CR line ends, ragged rows
 * (kept as they are, for the caller to report), text after a closing quote (kept, as csv-parse's relax_quotes).
 */

const quote = 34;
const lineFeed = 10;
const carriageReturn = 13;

export interface DelimitedRow {
  /** Line of the file where the row starts (1 = the first line). */
  line: number;
  cells: string[];
}

interface Parsed {
  rows: DelimitedRow[];
  /** Where the first incomplete record starts: the caller prepends it to the next piece of text. */
  consumed: number;
  line: number;
}

/** The end of an unquoted field: the next delimiter or line end, or -1 when the text ends first. */
function fieldEnd(text: string, from: number, delimiter: number): number {
  for (let k = from; k < text.length; k++) {
    const code = text.charCodeAt(k);
    if (code === delimiter || code === lineFeed || code === carriageReturn) return k;
  }
  return -1;
}

/** A quoted field from its opening quote: its value and where it ends, or null when the text ends inside it. */
function quotedField(text: string, start: number, delimiter: number, final: boolean): { value: string; end: number } | null {
  let value = '';
  let from = start + 1;
  for (;;) {
    const closing = text.indexOf('"', from);
    if (closing === -1 || (closing + 1 >= text.length && !final)) {
      if (!final) return null;
      return { value: value + text.slice(from), end: text.length };
    }
    if (text.charCodeAt(closing + 1) === quote) {
      value += text.slice(from, closing + 1);
      from = closing + 2;
      continue;
    }
    value += text.slice(from, closing);
    const rest = fieldEnd(text, closing + 1, delimiter);
    if (rest === -1 && !final) return null;
    const end = rest === -1 ? text.length : rest;
    return { value: value + text.slice(closing + 1, end), end };
  }
}

/**
 * Finds records that need no quote handling: most lines of most files. Positions of the next quote and of the next
 * carriage return are looked up once and reused until passed, so the whole text is scanned about once.
 */
class PlainLines {
  private nextQuote = -1;
  private nextReturn = -1;
  /** Where the record after the last plain one starts. */
  nextStart = 0;

  constructor(private readonly text: string) {}

  private static next(text: string, char: string, from: number): number {
    const at = text.indexOf(char, from);
    return at === -1 ? Infinity : at;
  }

  /** Where the record starting at `from` ends (before its CRLF or LF) when it is plain, else -1. */
  endAt(from: number): number {
    const lineFeed = this.text.indexOf('\n', from);
    if (lineFeed === -1) return -1;
    this.nextStart = lineFeed + 1;
    if (this.nextQuote < from) this.nextQuote = PlainLines.next(this.text, '"', from);
    if (this.nextQuote < lineFeed) return -1;
    if (this.nextReturn < from) this.nextReturn = PlainLines.next(this.text, '\r', from);
    if (this.nextReturn === lineFeed - 1 && lineFeed > from) return lineFeed - 1;
    return this.nextReturn < lineFeed ? -1 : lineFeed;
  }
}

const newlines = (value: string) => (value.includes('\n') || value.includes('\r') ? value.split(/\r\n|\n|\r/).length - 1 : 0);

/** Every complete record of `text`; with `final`, the last one too even without a line end. */
export function parseDelimited(text: string, delimiter: string, firstLine: number, final: boolean): Parsed {
  const separator = delimiter.charCodeAt(0);
  const rows: DelimitedRow[] = [];
  let i = 0;
  let consumed = 0;
  let line = firstLine;
  const plain = new PlainLines(text);
  while (i < text.length) {
    const plainEnd = plain.endAt(i);
    if (plainEnd !== -1) {
      // No quote and no lone CR before the line feed: the engine's own split is all it takes.
      rows.push({ line, cells: text.slice(i, plainEnd).split(delimiter) });
      line += 1;
      i = consumed = plain.nextStart;
      continue;
    }
    const cells: string[] = [];
    let extraLines = 0;
    let complete = false;
    for (;;) {
      let end: number;
      if (text.charCodeAt(i) === quote) {
        const field = quotedField(text, i, separator, final);
        if (!field) break;
        cells.push(field.value);
        extraLines += newlines(field.value);
        end = field.end;
      } else {
        const found = fieldEnd(text, i, separator);
        if (found === -1 && !final) break;
        end = found === -1 ? text.length : found;
        cells.push(text.slice(i, end));
      }
      const code = text.charCodeAt(end);
      if (code === separator) {
        i = end + 1;
        if (i >= text.length && !final) break;
        continue;
      }
      i = end >= text.length ? end : end + (code === carriageReturn && text.charCodeAt(end + 1) === lineFeed ? 2 : 1);
      if (code === carriageReturn && end + 1 >= text.length && !final) break; // a CRLF cut in two
      complete = true;
      break;
    }
    if (!complete) break;
    rows.push({ line, cells });
    line += 1 + extraLines;
    consumed = i;
  }
  return { rows, consumed, line };
}

/**
 * Cuts decoded text arriving in pieces into complete rows: the incomplete record at the end of a piece waits for
 * the next one. Synchronous, so the import's worker thread can use it without an await per piece.
 */
export class DelimitedSplitter {
  private pending = '';

  /** `line`: the file's line where the first piece starts. */
  constructor(private readonly delimiter: string, private line = 1) {}

  /** No record started and not finished: the next piece starts a record, on line `nextLine`. */
  get idle(): boolean {
    return this.pending === '';
  }

  get nextLine(): number {
    return this.line;
  }

  /** The rows completed by this piece of text. */
  push(text: string): DelimitedRow[] {
    this.pending += text;
    const parsed = parseDelimited(this.pending, this.delimiter, this.line, false);
    this.pending = this.pending.slice(parsed.consumed);
    this.line = parsed.line;
    return parsed.rows;
  }

  /** The last rows, once the text has ended (the last one may lack its line end). */
  end(): DelimitedRow[] {
    const last = parseDelimited(this.pending, this.delimiter, this.line, true);
    this.pending = '';
    return last.rows;
  }
}

/** Rows of a stream of decoded text, in batches (one await per batch, not per row). */
export async function* delimitedRows(chunks: AsyncIterable<string>, delimiter: string): AsyncGenerator<DelimitedRow[]> {
  const splitter = new DelimitedSplitter(delimiter);
  for await (const chunk of chunks) {
    const rows = splitter.push(chunk);
    if (rows.length > 0) yield rows;
  }
  const last = splitter.end();
  if (last.length > 0) yield last;
}
