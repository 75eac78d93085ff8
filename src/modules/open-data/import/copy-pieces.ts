/*
 * Pieces of a CSV's bytes, in file order → COPY bytes. Each piece is cut after its last line feed; the lines before
 * the cut go through the byte path (copy-bytes.ts) when they are UTF-8 without quotes or carriage returns — most
 * pieces of most files — else through the text path (decoder, DelimitedSplitter, CopyTextBuilder), which stays in
 * charge while a quoted field runs on into the next piece. Both paths share the counts, the header and the line
 * numbers. Synchronous, so the worker thread runs it without an await per piece.
 */
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import type { DatastoreSchema } from '../datastore/table-schema.js';
import { ByteCopyConverter, CopyBytesWriter } from './copy-bytes.js';
import { CopyTextBuilder, type LoadCounts } from './copy-text.js';
import { DelimitedSplitter } from './delimited.js';

interface Decoder {
  write(bytes: Uint8Array): string;
  end(): string;
}

const isUtf8Name = (encoding: string) => /^utf-?8$/i.test(encoding);

/**
 * UTF-8 through the platform's TextDecoder (the fastest; its byte-order mark is dropped by `CopyPieces`, since the
 * decoder may first see the file in its middle), other encodings through iconv-lite, which drops theirs.
 */
function decoderFor(encoding: string): Decoder {
  if (isUtf8Name(encoding)) {
    const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
    return { write: (bytes) => utf8.decode(bytes, { stream: true }), end: () => utf8.decode() };
  }
  const other = iconv.getDecoder(encoding);
  return { write: (bytes) => other.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)), end: () => other.end() ?? '' };
}

const [quote, lineFeed, carriageReturn] = [0x22, 0x0a, 0x0d];
const byteOrderMark = [0xef, 0xbb, 0xbf];

export interface CopyPiecesOptions {
  encoding: string;
  delimiter: string;
  schema: DatastoreSchema;
}

export class CopyPieces {
  readonly builder: CopyTextBuilder;
  private readonly decoder: Decoder;
  private readonly bytePath: ByteCopyConverter | null;
  /** The text path's splitter while it is in charge (a quoted field not finished, or an encoding other than UTF-8). */
  private splitter: DelimitedSplitter | null = null;
  private pending: Buffer = Buffer.alloc(0);
  private line = 1;
  /** UTF-8: the first three bytes are not seen yet (a byte-order mark is dropped). */
  private awaitingMark: boolean;

  constructor(private readonly options: CopyPiecesOptions) {
    this.decoder = decoderFor(options.encoding);
    this.awaitingMark = isUtf8Name(options.encoding);
    this.builder = new CopyTextBuilder(options.schema);
    const bytes = isUtf8Name(options.encoding) && ByteCopyConverter.handles(options.delimiter);
    this.bytePath = bytes ? new ByteCopyConverter(options.schema, options.delimiter, this.builder) : null;
  }

  get counts(): LoadCounts {
    return this.builder.counts;
  }

  /** The COPY bytes of the lines this piece completes; `null` ends the file (its last line may lack a line end). */
  push(piece: Uint8Array | null): Uint8Array {
    const final = piece === null;
    let bytes = this.withPending(piece);
    if (this.awaitingMark && (bytes.length >= 3 || final)) {
      this.awaitingMark = false;
      if (byteOrderMark.every((byte, index) => bytes[index] === byte)) bytes = bytes.subarray(3);
    }
    const cut = this.awaitingMark ? 0 : final ? bytes.length : bytes.lastIndexOf(lineFeed) + 1;
    this.pending = bytes.subarray(cut);
    const lines = bytes.subarray(0, cut);
    const out = new CopyBytesWriter(lines.length + (lines.length >> 2));
    if (this.bytePath && this.splitter === null && isPlain(lines)) this.line = this.bytePath.convert(lines, this.line, out);
    else this.byText(lines, final, out);
    return out.result();
  }

  private withPending(piece: Uint8Array | null): Buffer {
    if (piece === null) return this.pending;
    const bytes = Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    return this.pending.length === 0 ? bytes : Buffer.concat([this.pending, bytes]);
  }

  private byText(lines: Buffer, final: boolean, out: CopyBytesWriter): void {
    const splitter = (this.splitter ??= new DelimitedSplitter(this.options.delimiter, this.line));
    const rows = splitter.push(this.decoder.write(lines));
    if (final) rows.push(...splitter.push(this.decoder.end()), ...splitter.end());
    const text = this.builder.add(rows);
    if (text) out.writeString(text);
    // Back to bytes once no record is left open (UTF-8 only: the pieces were cut after a line feed).
    if (this.bytePath && splitter.idle) {
      this.line = splitter.nextLine;
      this.splitter = null;
    }
  }
}

/** Lines the byte path can take: no quote, no carriage return, valid UTF-8. */
function isPlain(lines: Buffer): boolean {
  return lines.indexOf(quote) === -1 && lines.indexOf(carriageReturn) === -1 && isUtf8(lines);
}
