import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** What a streamed write stored: counted and hashed on the way, never held in memory. */
export interface StreamedFile {
  byteSize: number;
  sha256: string;
}

/** Where uploaded files live; local disk by default, object storage later behind the same interface. */
export interface FileStorage {
  put(key: string, content: Buffer): Promise<void>;
  /** Writes a stream of any size; the key appears only once the whole stream is stored (nothing on error). */
  putStream(key: string, stream: Readable): Promise<StreamedFile>;
  read(key: string): Readable;
  remove(key: string): Promise<void>;
}

export class LocalFileStorage implements FileStorage {
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  private pathOf(key: string): string {
    const path = resolve(join(this.root, key));
    if (!path.startsWith(this.root + sep)) throw new Error(`storage key escapes the root: ${key}`);
    return path;
  }

  async put(key: string, content: Buffer): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
  }

  async putStream(key: string, stream: Readable): Promise<StreamedFile> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    // A temporary file in the same folder, renamed at the end: readers never see a half-written file.
    const temporary = join(dirname(path), `.${randomUUID()}.part`);
    const hash = createHash('sha256');
    let byteSize = 0;
    const measure = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        hash.update(chunk);
        byteSize += chunk.length;
        callback(null, chunk);
      },
    });
    try {
      await pipeline(stream, measure, createWriteStream(temporary));
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    return { byteSize, sha256: hash.digest('hex') };
  }

  read(key: string): Readable {
    return createReadStream(this.pathOf(key));
  }

  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}
