import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Text only the running application can read back: AES-256-GCM under a key derived from the server secret (HKDF,
 * one key per use, so one use never weakens another), base64url of iv ‖ tag ‖ ciphertext. A copy of the database
 * alone does not reveal it.
 */
export interface Sealer {
  seal(secret: string, text: string): string;
  /** The text; null when it was sealed under another secret or altered. */
  open(secret: string, sealed: string): string | null;
}

const ivBytes = 12;
const tagBytes = 16;

export function sealerFor(salt: string, info: string): Sealer {
  const keys = new Map<string, Buffer>();
  const keyFrom = (secret: string) => {
    let key = keys.get(secret);
    if (!key) keys.set(secret, (key = Buffer.from(hkdfSync('sha256', secret, salt, info, 32))));
    return key;
  };
  return {
    seal(secret, text) {
      const iv = randomBytes(ivBytes);
      const cipher = createCipheriv('aes-256-gcm', keyFrom(secret), iv);
      const sealed = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
    },
    open(secret, sealed) {
      const raw = Buffer.from(sealed, 'base64url');
      if (raw.length < ivBytes + tagBytes) return null;
      try {
        const decipher = createDecipheriv('aes-256-gcm', keyFrom(secret), raw.subarray(0, ivBytes));
        decipher.setAuthTag(raw.subarray(ivBytes, ivBytes + tagBytes));
        return Buffer.concat([decipher.update(raw.subarray(ivBytes + tagBytes)), decipher.final()]).toString('utf8');
      } catch {
        return null;
      }
    },
  };
}
