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
  /** Binary COPY tuples instead of text lines (PGlite: copy-binary.ts). */
  binary?: boolean;
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
 * The import's worker thread, started before the import knows what to convert: its start (a thread, then its
 * modules: about 0.1 s, more from TypeScript sources) overlaps the detection of the format and the inference of
 * the schema; `copyTextInWorker` then sends it the format and the bytes. From TypeScript sources (tsx, vitest), the
 * module beside this one is loaded through tsx's loader, found from this file so the working directory does not
 * matter; compiled to JavaScript, it needs nothing.
 */
export class CopyWorker {
  readonly thread: Worker;
  readonly replies: CopyWorkerReply[] = [];
  readonly changed = new Wakeup();
  failure: unknown = null;
  private finished = false;

  constructor() {
    const fromSources = import.meta.url.endsWith('.ts');
    const file = new URL(`./copy-worker.${fromSources ? 'ts' : 'js'}`, import.meta.url);
    this.thread = new Worker(file, { execArgv: fromSources ? ['--import', pathToFileURL(require.resolve('tsx')).href] : [] });
    this.thread.on('message', (reply: CopyWorkerReply) => {
      this.finished ||= reply.done;
      this.replies.push(reply);
      this.changed.notify();
    });
    this.thread.on('error', (error) => {
      this.failure ??= error;
      this.changed.notify();
    });
    this.thread.on('exit', (code) => {
      if (!this.finished) this.failure ??= new Error(`import worker stopped (exit ${code})`);
      this.changed.notify();
    });
  }

  async stop(): Promise<void> {
    this.finished = true;
    await this.thread.terminate();
  }
}

/**
 * The COPY text of a CSV (UTF-8 bytes), converted in a worker thread while the caller loads the previous batches.
 * `counts` follows the worker's; `onBytes` hears how much of the source was read; `afterBatch` runs after each
 * batch (progress). `worker`: one started earlier, else a new one; stopped at the end either way.
 */
export async function* copyTextInWorker(source: Readable, data: CopyWorkerData, counts: LoadCounts, onBytes: (total: number) => void, afterBatch: () => Promise<void>, worker = new CopyWorker()): AsyncGenerator<Buffer> {
  const { replies, changed } = worker;
  let stopped = false;
  let inFlight = 0;
  worker.thread.postMessage(data);

  const post = async (bytes: Buffer | null) => {
    while (inFlight >= maxInFlight && !stopped) await changed.wait();
    if (stopped) return;
    inFlight += bytes?.length ?? 0;
    worker.thread.postMessage(bytes);
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
    worker.failure ??= error;
    changed.notify();
  });

  try {
    for (;;) {
      while (replies.length === 0 && worker.failure === null) await changed.wait();
      if (worker.failure !== null) throw worker.failure;
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
    await worker.stop();
  }
}
