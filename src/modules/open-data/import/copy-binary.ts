/*
 * COPY text lines (as the import builds them) → PostgreSQL's binary COPY tuples, for PGlite: its COPY runs on our
 * main thread, and reading binary tuples costs it about a third less than parsing text lines (a million rows,
 * interleaved runs: 0.7–1.2 s against 1.1–1.7 s); the transcoding runs in the worker thread, beside that COPY. The values are the ones the text converters already checked and normalised, so this only re-encodes
 * them; a value PostgreSQL would have refused in text (a year 0, an integer beyond 64 bits, a numeric beyond its
 * range) throws, and the import fails as it did. The header and trailer are the COPY's (platform copyIn).
 */
import type { DatastoreFieldType, DatastoreSchema } from '../datastore/table-schema.js';
import { CopyBytesWriter } from './copy-bytes.js';

const [tab, lineFeed, backslash, upperN, minus, plus, zero, dot] = [9, 10, 92, 78, 45, 43, 48, 46];
const escapes: Record<number, number> = { 92: 92, 116: 9, 110: 10, 114: 13 };

/** Column types the transcoder writes; a schema with another (datetime) keeps the text format. */
const binaryTypes = new Set<DatastoreFieldType>(['string', 'integer', 'number', 'date', 'boolean']);

export const binaryCopySupported = (schema: DatastoreSchema) => schema.fields.every((field) => binaryTypes.has(field.type));

/** Big-endian writes without Buffer's range checks (a million rows of six values go through here). */
function int32(bytes: Uint8Array, at: number, value: number): void {
  bytes[at] = value >>> 24;
  bytes[at + 1] = value >>> 16;
  bytes[at + 2] = value >>> 8;
  bytes[at + 3] = value;
}

function int16(bytes: Uint8Array, at: number, value: number): void {
  bytes[at] = value >>> 8;
  bytes[at + 1] = value;
}

type Encode = (source: Uint8Array, start: number, end: number, out: CopyBytesWriter) => void;

const days2000 = Date.UTC(2000, 0, 1) / 86_400_000;

/** Refused as PostgreSQL's text input would have refused it: the load fails. */
export class OutOfRange extends Error {}

function writeInt64(value: number, out: CopyBytesWriter): void {
  int32(out.bytes, out.length, 8);
  const high = Math.floor(value / 4_294_967_296);
  int32(out.bytes, out.length + 4, high);
  int32(out.bytes, out.length + 8, value - high * 4_294_967_296);
  out.length += 12;
}

const int64Max = 2n ** 63n - 1n;

const bigint: Encode = (source, start, end, out) => {
  // Up to 15 digits, a double holds the value exactly.
  if (end - start <= 15) {
    let value = 0;
    let at = start;
    const sign = source[at] === minus ? -1 : 1;
    if (source[at] === minus || source[at] === plus) at += 1;
    for (; at < end; at++) value = value * 10 + source[at]! - zero;
    return writeInt64(sign * value, out);
  }
  const value = BigInt(Buffer.from(source.buffer, source.byteOffset + start, end - start).toString('latin1'));
  if (value > int64Max || value < -int64Max - 1n) throw new OutOfRange('integer out of range');
  int32(out.bytes, out.length, 8);
  out.bytes.writeBigInt64BE(value, out.length + 4);
  out.length += 12;
};

const groups = new Int32Array(1_024);

/**
 * PostgreSQL's numeric from its text (digits, an optional point, an optional exponent, as the converters wrote it):
 * base-10000 digits, a weight (the first digit's power of 10000), a sign and a display scale — read from the bytes.
 */
function writeNumeric(source: Uint8Array, start: number, end: number, out: CopyBytesWriter): void {
  let at = start;
  const negative = source[at] === minus;
  if (negative || source[at] === plus) at += 1;
  while (at < end && source[at] === zero) at += 1; // leading zeros change nothing
  const wholeStart = at;
  while (at < end && isDigit(source[at]!)) at += 1;
  const wholeEnd = at;
  let [fractionStart, fractionEnd] = [at, at];
  if (source[at] === dot) {
    fractionStart = fractionEnd = at + 1;
    while (fractionEnd < end && isDigit(source[fractionEnd]!)) fractionEnd += 1;
    at = fractionEnd;
  }
  const exponent = at < end ? exponentOf(source, at + 1, end) : 0;
  const [whole, fraction] = [wholeEnd - wholeStart, fractionEnd - fractionStart];
  const point = whole + exponent;
  const scale = Math.max(0, fraction - exponent);
  const leftPad = (((4 - point) % 4) + 4) % 4;
  const count = Math.ceil((leftPad + whole + fraction) / 4);
  if (count > groups.length) throw new OutOfRange('numeric too long');
  for (let group = 0; group < count; group++) {
    let value = 0;
    for (let k = group * 4 - leftPad; k < group * 4 - leftPad + 4; k++) {
      const digit = k < 0 || k >= whole + fraction ? 0 : source[k < whole ? wholeStart + k : fractionStart + k - whole]! - zero;
      value = value * 10 + digit;
    }
    groups[group] = value;
  }
  let [first, last] = [0, count];
  while (first < last && groups[first] === 0) first += 1;
  while (last > first && groups[last - 1] === 0) last -= 1;
  const kept = last - first;
  const weight = kept === 0 ? 0 : (point + leftPad) / 4 - 1 - first;
  if (weight > 0x7fff || weight < -0x8000 || scale > 0x3fff) throw new OutOfRange('numeric out of range');
  out.reserve(12 + 2 * kept);
  const bytes = out.bytes;
  let o = out.length;
  int32(bytes, o, 8 + 2 * kept);
  int16(bytes, o + 4, kept);
  int16(bytes, o + 6, weight);
  int16(bytes, o + 8, negative && kept > 0 ? 0x4000 : 0);
  int16(bytes, o + 10, scale);
  o += 12;
  for (let group = first; group < last; group++, o += 2) int16(bytes, o, groups[group]!);
  out.length = o;
}

const isDigit = (code: number) => code >= zero && code <= zero + 9;

/** The exponent after "e": as numeric_in, beyond 1000 either way it is refused. */
function exponentOf(source: Uint8Array, start: number, end: number): number {
  let at = start;
  const sign = source[at] === minus ? -1 : 1;
  if (source[at] === minus || source[at] === plus) at += 1;
  let value = 0;
  for (; at < end; at++) {
    value = value * 10 + source[at]! - zero;
    if (value > 1_000) throw new OutOfRange('numeric exponent out of range');
  }
  return sign * value;
}

/** The numeric's binary value (without its length), for tests. */
export function numericBinary(text: string): Buffer {
  const out = new CopyBytesWriter(64);
  writeNumeric(Buffer.from(text, 'latin1'), 0, text.length, out);
  return Buffer.from(out.result().subarray(4));
}

/** Digits of `source` from `start` as a number (ASCII digits, checked before). */
function digitsAt(source: Uint8Array, start: number, length: number): number {
  let value = 0;
  for (let at = start; at < start + length; at++) value = value * 10 + source[at]! - zero;
  return value;
}

/** "YYYY-MM-DD" → days since 2000-01-01; year 0 does not exist for PostgreSQL. */
export function dateBinary(source: Uint8Array, start: number): number {
  const [year, month, day] = [digitsAt(source, start, 4), digitsAt(source, start + 5, 2), digitsAt(source, start + 8, 2)];
  if (year === 0) throw new OutOfRange('date out of range: year 0');
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime() / 86_400_000 - days2000;
}

/** Dates repeat (a few hundred days in a million rows): each is computed once. */
function date(): Encode {
  const known = new Map<number, number>();
  return (source, start, end, out) => {
    if (end - start !== 10) throw new OutOfRange('unexpected date text');
    const key = digitsAt(source, start, 4) * 10_000 + digitsAt(source, start + 5, 2) * 100 + digitsAt(source, start + 8, 2);
    let days = known.get(key);
    if (days === undefined) {
      days = dateBinary(source, start);
      if (known.size < 50_000) known.set(key, days);
    }
    int32(out.bytes, out.length, 4);
    int32(out.bytes, out.length + 4, days);
    out.length += 8;
  };
}

const boolean: Encode = (source, start, _end, out) => {
  int32(out.bytes, out.length, 1);
  out.bytes[out.length + 4] = source[start] === 116 ? 1 : 0; // 't'
  out.length += 5;
};

/** Text, its COPY escapes undone (\\, \t, \n, \r). */
const text: Encode = (source, start, end, out) => {
  const at = out.length;
  let o = at + 4;
  const bytes = out.bytes;
  for (let i = start; i < end; i++) {
    const code = source[i]!;
    if (code === backslash) {
      i += 1;
      bytes[o++] = escapes[source[i]!] ?? source[i]!;
    } else bytes[o++] = code;
  }
  int32(bytes, at, o - at - 4);
  out.length = o;
};

const encoderOf: Record<DatastoreFieldType, () => Encode> = {
  string: () => text,
  integer: () => bigint,
  number: () => writeNumeric,
  date,
  boolean: () => boolean,
  datetime: () => {
    throw new Error('datetime columns keep the text format');
  },
};

/** Transcodes complete COPY text lines (`_id` first) of a schema `binaryCopySupported` accepts. */
export class BinaryTranscoder {
  private readonly encoders: Encode[];

  constructor(schema: DatastoreSchema) {
    this.encoders = [bigint, ...schema.fields.map((field) => encoderOf[field.type]())];
  }

  transcode(lines: Uint8Array): Uint8Array {
    const out = new CopyBytesWriter(lines.length + (lines.length >> 1));
    const fields = this.encoders.length;
    let start = 0;
    while (start < lines.length) {
      // Each value grows by at most 14 bytes (a length, a one-digit number as int64 or numeric), plus the count.
      const end = lines.indexOf(lineFeed, start);
      out.reserve(end - start + 14 * fields + 2);
      int16(out.bytes, out.length, fields);
      out.length += 2;
      let from = start;
      for (let index = 0; index < fields; index++) {
        let to = index === fields - 1 ? end : lines.indexOf(tab, from);
        if (to === -1 || to > end) to = end;
        if (to - from === 2 && lines[from] === backslash && lines[from + 1] === upperN) {
          int32(out.bytes, out.length, -1);
          out.length += 4;
        } else this.encoders[index]!(lines, from, to, out);
        from = to + 1;
      }
      start = end + 1;
    }
    return out.result();
  }
}

