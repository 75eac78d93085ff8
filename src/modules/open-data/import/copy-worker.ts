/*
 * The import's worker thread: bytes of a CSV in, COPY bytes out (copy-pieces.ts). Reading and converting cost
 * most of the import's CPU; here they run beside the COPY instead of before it (PGlite's COPY runs on the main
 * thread, so nothing else would overlap it). Started by `worker-load.ts`, one worker per import.
 */
import { parentPort } from 'node:worker_threads';
import { BinaryTranscoder } from './copy-binary.js';
import { CopyPieces } from './copy-pieces.js';
import type { CopyWorkerData, CopyWorkerReply } from './worker-load.js';

let pieces: CopyPieces | null = null;
let transcoder: BinaryTranscoder | null = null;
let errorsSent = 0;

/**
 * The first message says what to convert (the worker starts before the import knows it); then one reply per piece
 * of bytes (null: the file has ended), so the main thread knows how much is still in flight.
 */
parentPort!.on('message', (message: CopyWorkerData | Uint8Array | null) => {
  if (pieces === null) {
    const data = message as CopyWorkerData;
    pieces = new CopyPieces(data);
    transcoder = data.binary ? new BinaryTranscoder(data.schema) : null;
    return;
  }
  const bytes = message as Uint8Array | null;
  const lines = pieces.push(bytes);
  const copy = transcoder ? transcoder.transcode(lines) : lines;
  const { counts } = pieces;
  const reply: CopyWorkerReply = { copy, rowsLoaded: counts.rowsLoaded, rejected: counts.rejected, newErrors: counts.errors.slice(errorsSent), bytes: bytes?.byteLength ?? 0, done: bytes === null };
  errorsSent = counts.errors.length;
  // The COPY bytes change hands without a copy.
  parentPort!.postMessage(reply, [copy.buffer as ArrayBuffer]);
});
