import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatedKeyFile, ledgerKeys, parseSigningKey } from './signing-key.js';

const freshDir = () => mkdtempSync(join(tmpdir(), 'palabre-ledger-key-'));

describe('the ledger signing key', () => {
  it('reads LEDGER_SIGNING_KEY as PKCS#8 PEM or as base64 DER', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const der = privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
    for (const configured of [pem, der]) {
      const keys = ledgerKeys({ env: 'production', dataDir: freshDir(), ledgerSigningKey: configured });
      expect(verify(null, Buffer.from('m'), publicKey, sign(null, Buffer.from('m'), keys.privateKey))).toBe(true);
    }
  });

  it('refuses a key that is not Ed25519', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(() => parseSigningKey(privateKey.export({ format: 'pem', type: 'pkcs8' }).toString())).toThrow(/Ed25519/);
  });

  it('outside production generates a key once and keeps it in DATA_DIR across restarts', () => {
    const dataDir = freshDir();
    const first = ledgerKeys({ env: 'development', dataDir, ledgerSigningKey: undefined }).publicKeyPem;
    expect(readFileSync(generatedKeyFile(dataDir), 'utf8')).toContain('PRIVATE KEY');
    const reread = parseSigningKey(readFileSync(generatedKeyFile(dataDir), 'utf8'));
    expect(verify(null, Buffer.from('m'), first, sign(null, Buffer.from('m'), reread))).toBe(true);
  });

  it('is required in production', () => {
    expect(() => ledgerKeys({ env: 'production', dataDir: freshDir(), ledgerSigningKey: undefined })).toThrow(/LEDGER_SIGNING_KEY/);
  });
});
