import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/config.js';

export type LedgerKeyConfig = Pick<Config, 'env' | 'dataDir' | 'ledgerSigningKey'>;

export interface LedgerKeys {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SubjectPublicKeyInfo PEM, published at /<commune>/ledger/public-key.pem. */
  publicKeyPem: string;
}

export const generatedKeyFile = (dataDir: string) => join(dataDir, 'ledger-signing-key.pem');

/** Reads a PKCS#8 key given as PEM or as base64 of its DER form. */
export function parseSigningKey(text: string): KeyObject {
  const trimmed = text.trim();
  const key = trimmed.startsWith('-----BEGIN')
    ? createPrivateKey(trimmed)
    : createPrivateKey({ key: Buffer.from(trimmed, 'base64'), format: 'der', type: 'pkcs8' });
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('LEDGER_SIGNING_KEY must be an Ed25519 private key');
  return key;
}

// Outside production a key is generated once and kept beside the data, so heads signed before a restart still verify.
function keptKey(dataDir: string): KeyObject {
  const file = generatedKeyFile(dataDir);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    const { privateKey } = generateKeyPairSync('ed25519');
    try {
      writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // Another process created it first: use that one.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return parseSigningKey(readFileSync(file, 'utf8'));
}

const cache = new Map<string, LedgerKeys>();

/** The key pair signing tree heads: LEDGER_SIGNING_KEY, else (not in production) the one kept in DATA_DIR. */
export function ledgerKeys(config: LedgerKeyConfig): LedgerKeys {
  const cacheKey = config.ledgerSigningKey ?? `file:${config.dataDir}`;
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  if (!config.ledgerSigningKey && config.env === 'production') {
    throw new Error('LEDGER_SIGNING_KEY: required in production (an Ed25519 PKCS#8 private key, see docs/ledger.md)');
  }
  const privateKey = config.ledgerSigningKey ? parseSigningKey(config.ledgerSigningKey) : keptKey(config.dataDir);
  const publicKey = createPublicKey(privateKey);
  const keys = { privateKey, publicKey, publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString() };
  cache.set(cacheKey, keys);
  return keys;
}
