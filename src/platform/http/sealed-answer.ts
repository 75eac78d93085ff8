import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * A stored idempotent answer may carry a secret shown once (a complaint's access code, whose database copy is only
 * a hash): it is kept encrypted (AES-256-GCM, key derived from the server secret), so a copy of the database alone
 * does not reveal it. Only the running application can replay it.
 */

const prefix = 'sealed-v1:';
const ivBytes = 12;
const tagBytes = 16;
const keys = new Map<string, Buffer>();

function keyFrom(secret: string): Buffer {
  let key = keys.get(secret);
  if (!key) {
    // A key of its own, so this use never weakens the session secret's other uses.
    key = Buffer.from(hkdfSync('sha256', secret, 'palabre-platform', 'idempotent-answer-v1', 32));
    keys.set(secret, key);
  }
  return key;
}

export function sealAnswer(secret: string, body: string): string {
  const iv = randomBytes(ivBytes);
  const cipher = createCipheriv('aes-256-gcm', keyFrom(secret), iv);
  const sealed = Buffer.concat([cipher.update(body, 'utf8'), cipher.final()]);
  return prefix + Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
}

/** The answer's body; null when it was sealed under another secret or altered. Unsealed bodies pass as they are. */
export function openAnswer(secret: string, stored: string): string | null {
  if (!stored.startsWith(prefix)) return stored;
  const raw = Buffer.from(stored.slice(prefix.length), 'base64url');
  if (raw.length < ivBytes + tagBytes) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFrom(secret), raw.subarray(0, ivBytes));
    decipher.setAuthTag(raw.subarray(ivBytes, ivBytes + tagBytes));
    return Buffer.concat([decipher.update(raw.subarray(ivBytes + tagBytes)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
