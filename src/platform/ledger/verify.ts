import type { KeyObject } from 'node:crypto';
import type { Kysely } from 'kysely';
import { entryLeafHash, type LedgerDb, verifyTreeHead } from './ledger.js';
import { consistencyProof, merkleRoot, verifyConsistency } from './merkle.js';
import type { LedgerEntry, LedgerTables, LedgerTreeHead } from './tables.js';

export interface VerificationReport {
  communes: number;
  entries: number;
  heads: number;
}

/** The first problem found in a log, named so an operator can find the row. */
export class LedgerVerificationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LedgerVerificationError';
  }
}

/**
 * Re-checks every commune's log from the stored rows: leaf hashes recomputed from the fields, dense sequence
 * numbers, every signed head's signature and root, and each head consistent with the next. Throws on the first problem.
 */
export async function verifyLedger(db: LedgerDb, publicKey: KeyObject): Promise<VerificationReport> {
  const ledger = db as Kysely<LedgerTables>;
  const entries = await ledger.selectFrom('ledger_entries').selectAll().orderBy('commune_id').orderBy('seq').execute();
  const heads = await ledger.selectFrom('ledger_tree_heads').selectAll().orderBy('commune_id').orderBy('size').execute();
  const communes = new Set([...entries.map((e) => e.commune_id), ...heads.map((h) => h.commune_id)]);
  for (const communeId of communes) {
    verifyCommuneLog(
      communeId,
      entries.filter((e) => e.commune_id === communeId),
      heads.filter((h) => h.commune_id === communeId),
      publicKey,
    );
  }
  return { communes: communes.size, entries: entries.length, heads: heads.length };
}

function verifyCommuneLog(communeId: string, entries: LedgerEntry[], heads: LedgerTreeHead[], publicKey: KeyObject): void {
  const fail = (message: string) => {
    throw new LedgerVerificationError(`commune ${communeId}: ${message}`);
  };
  const leaves = entries.map((entry, position) => {
    if (entry.seq !== position) fail(`entry seq ${entry.seq} found where seq ${position} was expected (gap or reorder)`);
    const recomputed = entryLeafHash(entry);
    if (recomputed.toString('hex') !== entry.leaf_hash) fail(`entry ${entry.seq}: stored fields do not hash to its leaf hash (altered row)`);
    return recomputed;
  });
  if (entries.length > 0 && heads.at(-1)?.size !== entries.length) fail(`no signed tree head covers all ${entries.length} entries`);
  let previous: { size: number; root: Buffer } | undefined;
  for (const head of heads) {
    if (head.size > leaves.length) fail(`tree head of size ${head.size} but only ${leaves.length} entries`);
    if (!verifyTreeHead(head, publicKey)) fail(`tree head of size ${head.size}: bad signature`);
    const root = Buffer.from(head.root_hash, 'hex');
    if (!merkleRoot(leaves.slice(0, head.size)).equals(root)) fail(`tree head of size ${head.size}: root does not match the entries`);
    if (previous && !verifyConsistency(previous.size, head.size, previous.root, root, consistencyProof(leaves.slice(0, head.size), previous.size))) {
      fail(`tree head of size ${head.size} is not consistent with the head of size ${previous.size}`);
    }
    previous = { size: head.size, root };
  }
}
