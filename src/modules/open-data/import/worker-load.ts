import type { Readable } from 'node:stream';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ImportRowError } from '../db/tables.js';
import type { DatastoreSchema } from '../datastore/table-schema.js';
import { keptErrors, type LoadCounts } from './copy-text.js';

/** What the worker needs to read the file: it gets the bytes, never the storage. */
export interface CopyWorkerData {
  encoding: string;
  delimiter: string;
  schema: DatastoreSchema;
}

/** The answer to one piece of bytes: its COPY lines (UTF-8), the counts so far, the refusals not sent yet. */
export interface CopyWorkerReply {
  copy: Uint8Array;
  rowsLoaded: number;
  rejected: number;
  newErrors: ImportRowError[];
  /** Size of the piece answered, to keep the bytes in flight bounded. */
  bytes: number;
  done: boolean;
}

/**
 * Pieces of about 1 MB go to the worker, at most 8 MB in flight: memory stays bounded whatever the file's size,
 * and the worker has enough ahead to stay busy while PGlite's COPY of the previous 4 MB holds this thread.
 */
const pieceBytes = 1 << 20;
const maxInFlight = 8 << 20;

const require = createRequire(import.meta.url);

/**
 * The worker module beside this one. Run from TypeScript sources (tsx, vitest), it is loaded through tsx's loader,
 * found from this file so the working directory does not matter; compiled to JavaScript, it needs nothing.
 */
function startCopyWorker(data: CopyWorkerData): Worker {
  const fromSources = import.meta.url.endsWith('.ts');
  const file = new URL(`./copy-worker.${fromSources ? 'ts' : 'js'}`, import.meta.url);
  return new Worker(file, { workerData: data, execArgv: fromSources ? ['--import', pathToFileURL(require.resolve('tsx')).href] : [] });
}

/** Wakes whoever waits, when a reply arrives or one is consumed. */
class Wakeup {
  private waiting: (() => void)[] = [];
  wait = () => new Promise<void>((resolve) => this.waiting.push(resolve));
  notify() {
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve();
  }
}

/**
 * The COPY text of a CSV (UTF-8 bytes), converted in a worker thread while the caller loads the previous batches. `counts`
 * follows the worker's; `onBytes` hears how much of the source was read; `afterBatch` runs after each batch
 * (progress).
 */
export async function* copyTextInWorker(source: Readable, data: CopyWorkerData, counts: LoadCounts, onBytes: (total: number) => void, afterBatch: () => Promise<void>): AsyncGenerator<Buffer> {
  const worker = startCopyWorker(data);
  const replies: CopyWorkerReply[] = [];
  const changed = new Wakeup();
  let failure: unknown = null;
  let finished = false;
  let stopped = false;
  let inFlight = 0;
  worker.on('message', (reply: CopyWorkerReply) => {
    finished ||= reply.done;
    replies.push(reply);
    changed.notify();
  });
  worker.on('error', (error) => {
    failure ??= error;
    changed.notify();
  });
  worker.on('exit', (code) => {
    if (!finished) failure ??= new Error(`import worker stopped (exit ${code})`);
    changed.notify();
  });

  const post = async (bytes: Buffer | null) => {
    while (inFlight >= maxInFlight && !stopped) await changed.wait();
    if (stopped) return;
    inFlight += bytes?.length ?? 0;
    worker.postMessage(bytes);
  };
  const feed = async () => {
    let piece: Buffer[] = [];
    let size = 0;
    let read = 0;
    for await (const chunk of source as AsyncIterable<Buffer>) {
      read += chunk.length;
      onBytes(read);
      piece.push(chunk);
      size += chunk.length;
      if (size >= pieceBytes) {
        await post(Buffer.concat(piece));
        [piece, size] = [[], 0];
      }
      if (stopped) return;
    }
    if (size > 0) await post(Buffer.concat(piece));
    await post(null);
  };
  const feeding = feed().catch((error: unknown) => {
    failure ??= error;
    changed.notify();
  });

  try {
    for (;;) {
      while (replies.length === 0 && failure === null) await changed.wait();
      if (failure !== null) throw failure;
      const reply = replies.shift()!;
      inFlight -= reply.bytes;
      changed.notify();
      counts.rowsLoaded = reply.rowsLoaded;
      counts.rejected = reply.rejected;
      counts.errors.push(...reply.newErrors.slice(0, keptErrors - counts.errors.length));
      if (reply.copy.byteLength > 0) yield Buffer.from(reply.copy.buffer, reply.copy.byteOffset, reply.copy.byteLength);
      await afterBatch();
      if (reply.done) break;
    }
    await feeding;
  } finally {
    stopped = true;
    changed.notify();
    source.destroy();
    await worker.terminate();
  }
}
