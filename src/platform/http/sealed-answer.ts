import { sealerFor } from '../auth/sealed-text.js';

/**
 * A stored idempotent answer may carry a secret shown once (a complaint's access code, whose database copy is only
 * a hash): it is kept sealed (src/platform/auth/sealed-text.ts), so a copy of the database alone does not reveal
 * it. Only the running application can replay it.
 */

const prefix = 'sealed-v1:';
const answers = sealerFor('palabre-platform', 'idempotent-answer-v1');

export const sealAnswer = (secret: string, body: string): string => prefix + answers.seal(secret, body);

/** The answer's body; null when it was sealed under another secret or altered. Unsealed bodies pass as they are. */
export function openAnswer(secret: string, stored: string): string | null {
  return stored.startsWith(prefix) ? answers.open(secret, stored.slice(prefix.length)) : stored;
}
