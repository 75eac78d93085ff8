import { sealerFor } from '../../platform/auth/sealed-text.js';

/**
 * The sealed link from a voter to their ballot (ADR 0003): the ballot id sealed (src/platform/auth/sealed-text.ts)
 * under a key derived from the server secret, so only the running application can open it to replace a changed
 * ballot; a copy of the database alone cannot. Cleared for the whole round when the vote closes.
 */

const ballotRefs = sealerFor('palabre-budgeting', 'sealed-ballot-ref-v1');

export const sealBallotRef = (secret: string, ballotId: string): string => ballotRefs.seal(secret, ballotId);

/** The ballot id, or null when the reference was altered or sealed under another secret. */
export const openBallotRef = (secret: string, ref: string): string | null => ballotRefs.open(secret, ref);
