import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { LocalFileStorage } from './storage.js';

const freshStorage = () => {
  const root = mkdtempSync(join(tmpdir(), 'palabre-storage-'));
  return { root, storage: new LocalFileStorage(root) };
};

describe('LocalFileStorage.putStream', () => {
  it('stores a stream chunk by chunk and reports its size and SHA-256', async () => {
    const { storage } = freshStorage();
    const chunks = Array.from({ length: 50 }, (_, i) => `line ${i};${'x'.repeat(1000)}\n`);
    const whole = chunks.join('');
    const stored = await storage.putStream('a/b/file.csv', Readable.from(chunks.map((c) => Buffer.from(c))));
    expect(stored.byteSize).toBe(Buffer.byteLength(whole));
    expect(stored.sha256).toBe(createHash('sha256').update(whole).digest('hex'));
    expect(await text(storage.read('a/b/file.csv'))).toBe(whole);
  });

  it('leaves nothing behind when the stream fails', async () => {
    const { root, storage } = freshStorage();
    const failing = new Readable({
      read() {
        this.push(Buffer.from('partial content'));
        this.destroy(new Error('client went away'));
      },
    });
    await expect(storage.putStream('x/broken.csv', failing)).rejects.toThrow('client went away');
    expect(readdirSync(join(root, 'x'))).toEqual([]);
  });

  it('refuses a key that escapes the storage folder', async () => {
    const { storage } = freshStorage();
    await expect(storage.putStream('../outside.csv', Readable.from([Buffer.from('a')]))).rejects.toThrow('escapes');
  });
});
