/*
 * The import's worker thread: bytes of a CSV in, COPY text out. Decoding, splitting and converting cost about
 * 1.5 s per million rows; here they run beside the COPY instead of before it (PGlite's COPY runs on the main
 * thread, so nothing else would overlap it). Started by `worker-load.ts`, one worker per import.
 */
import { parentPort, workerData } from 'node:worker_threads';
import iconv from 'iconv-lite';
import { CopyTextBuilder } from './copy-text.js';
import { DelimitedSplitter } from './delimited.js';
import type { CopyWorkerData, CopyWorkerReply } from './worker-load.js';

interface Decoder {
  write(bytes: Uint8Array): string;
  end(): string;
}

/** UTF-8 through the platform's TextDecoder (the fastest), other encodings through iconv-lite; both drop a BOM. */
function decoderFor(encoding: string): Decoder {
  if (/^utf-?8$/i.test(encoding)) {
    const utf8 = new TextDecoder('utf-8');
    return { write: (bytes) => utf8.decode(bytes, { stream: true }), end: () => utf8.decode() };
  }
  const other = iconv.getDecoder(encoding);
  return { write: (bytes) => other.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)), end: () => other.end() ?? '' };
}

const data = workerData as CopyWorkerData;
const decoder = decoderFor(data.encoding);
const splitter = new DelimitedSplitter(data.delimiter);
const builder = new CopyTextBuilder(data.schema);
let errorsSent = 0;

/** One reply per piece of bytes (null: the file has ended), so the main thread knows how much is still in flight. */
parentPort!.on('message', (bytes: Uint8Array | null) => {
  const rows = bytes ? splitter.push(decoder.write(bytes)) : [...splitter.push(decoder.end()), ...splitter.end()];
  const text = builder.add(rows);
  const { counts } = builder;
  const reply: CopyWorkerReply = { text, rowsLoaded: counts.rowsLoaded, rejected: counts.rejected, newErrors: counts.errors.slice(errorsSent), bytes: bytes?.byteLength ?? 0, done: bytes === null };
  errorsSent = counts.errors.length;
  parentPort!.postMessage(reply);
});
