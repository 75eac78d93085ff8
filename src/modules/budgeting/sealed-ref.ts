import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * The sealed link from a voter to their ballot (ADR 0003): the ballot id encrypted with AES-256-GCM under a
 * key derived from the server secret, so only the running application can open it to replace a changed
 * ballot; a copy of the database alone cannot. Cleared for the whole round when the vote closes.
 */

const ivBytes = 12;
const tagBytes = 16;
const keys = new Map<string, Buffer>();

function keyFrom(secret: string): Buffer {
  let key = keys.get(secret);
  if (!key) {
    // A key of its own, so a leak of this use never weakens the session secret's other uses.
    key = Buffer.from(hkdfSync('sha256', secret, 'palabre-budgeting', 'sealed-ballot-ref-v1', 32));
    keys.set(secret, key);
  }
  return key;
}

export function sealBallotRef(secret: string, ballotId: string): string {
  const iv = randomBytes(ivBytes);
  const cipher = createCipheriv('aes-256-gcm', keyFrom(secret), iv);
  const sealed = Buffer.concat([cipher.update(ballotId, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
}

/** The ballot id, or null when the reference was altered or sealed under another secret. */
export function openBallotRef(secret: string, ref: string): string | null {
  const raw = Buffer.from(ref, 'base64url');
  if (raw.length <= ivBytes + tagBytes) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFrom(secret), raw.subarray(0, ivBytes));
    decipher.setAuthTag(raw.subarray(ivBytes, ivBytes + tagBytes));
    return Buffer.concat([decipher.update(raw.subarray(ivBytes + tagBytes)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
