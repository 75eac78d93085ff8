import { sign, verify, type KeyObject } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { consistencyProof, inclusionProof, leafHash, merkleRoot } from './merkle.js';
import { ledgerKeys, type LedgerKeyConfig } from './signing-key.js';
import type { LedgerEntry, LedgerTables, LedgerTreeHead } from './tables.js';

/** Any Kysely instance or transaction whose database has the ledger tables (modules pass their own). */
export type LedgerDb = Kysely<any>;
const tables = (db: LedgerDb) => db as Kysely<LedgerTables>;

export interface Publication {
  communeId: string;
  /** What was published, namespaced by the caller, e.g. 'budget.phase' or 'council.decision'. */
  kind: string;
  title: string;
  /** Lower-case hex SHA-256 of the published content (the document, the result file, …). */
  contentSha256: string;
  /** Where the content can be read. */
  url: string;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** The leaf data: a canonical JSON (sorted keys, no spaces) of every stored field but the hash itself. */
export function canonicalEntryJson(entry: Omit<LedgerEntry, 'leaf_hash'>): string {
  const fields: Record<string, string | number> = {
    commune_id: entry.commune_id,
    content_sha256: entry.content_sha256,
    kind: entry.kind,
    published_at: entry.published_at.toISOString(),
    seq: entry.seq,
    title: entry.title,
    url: entry.url,
  };
  return JSON.stringify(fields, Object.keys(fields).sort());
}

export const entryLeafHash = (entry: Omit<LedgerEntry, 'leaf_hash'>): Buffer => leafHash(Buffer.from(canonicalEntryJson(entry), 'utf8'));

/** The exact bytes an Ed25519 signature of a tree head covers (a line-based checkpoint, easy to rebuild by hand). */
export function treeHeadMessage(head: Omit<LedgerTreeHead, 'signature'>): Buffer {
  const rootBase64 = Buffer.from(head.root_hash, 'hex').toString('base64');
  return Buffer.from(`palabre-ledger-v1\n${head.commune_id}\n${head.size}\n${rootBase64}\n${head.signed_at.toISOString()}\n`, 'utf8');
}

export const verifyTreeHead = (head: LedgerTreeHead, publicKey: KeyObject): boolean =>
  verify(null, treeHeadMessage(head), publicKey, Buffer.from(head.signature, 'base64'));

/** Appends one publication and signs the new tree head, in one transaction serialised per commune. */
export async function appendPublication(db: LedgerDb, publication: Publication, config: LedgerKeyConfig): Promise<{ entry: LedgerEntry; head: LedgerTreeHead }> {
  checkPublication(publication);
  const { privateKey } = ledgerKeys(config);
  // Join the caller's transaction when there is one, so the record and what it records commit together.
  return db.isTransaction ? appendWithin(db, publication, privateKey) : db.transaction().execute((trx) => appendWithin(trx, publication, privateKey));
}

/**
 * Appends unless an entry of the same kind already records this address; for publications a periodic job finds
 * (two processes may find the same one at once). Returns whether it appended.
 */
export async function appendPublicationOnce(db: LedgerDb, publication: Publication, config: LedgerKeyConfig): Promise<boolean> {
  checkPublication(publication);
  const { privateKey } = ledgerKeys(config);
  const once = async (trx: LedgerDb) => {
    await lockCommuneLog(trx, publication.communeId);
    const existing = await tables(trx).selectFrom('ledger_entries').select('seq').where('commune_id', '=', publication.communeId).where('kind', '=', publication.kind).where('url', '=', publication.url).executeTakeFirst();
    if (existing) return false;
    await appendWithin(trx, publication, privateKey);
    return true;
  };
  return db.isTransaction ? once(db) : db.transaction().execute(once);
}

// Two appends to one commune must not both take the same seq: an advisory lock held until commit.
const lockCommuneLog = (db: LedgerDb, communeId: string) => sql`select pg_advisory_xact_lock(hashtextextended(${`ledger:${communeId}`}, 0))`.execute(db);

function checkPublication(publication: Publication): void {
  if (!SHA256_HEX.test(publication.contentSha256)) throw new Error('ledger: contentSha256 must be 64 lower-case hex digits');
  if (!publication.kind || !publication.title || !publication.url) throw new Error('ledger: kind, title and url are required');
}

async function appendWithin(db: LedgerDb, publication: Publication, privateKey: KeyObject) {
  await lockCommuneLog(db, publication.communeId);
  const leaves = await leafHashes(db, publication.communeId);
  const fields = {
    commune_id: publication.communeId,
    seq: leaves.length,
    kind: publication.kind,
    title: publication.title,
    content_sha256: publication.contentSha256,
    url: publication.url,
    published_at: new Date(),
  };
  const leaf = entryLeafHash(fields);
  const entry: LedgerEntry = { ...fields, leaf_hash: leaf.toString('hex') };
  await tables(db).insertInto('ledger_entries').values(entry).execute();
  const unsigned = { commune_id: publication.communeId, size: leaves.length + 1, root_hash: merkleRoot([...leaves, leaf]).toString('hex'), signed_at: fields.published_at };
  const head: LedgerTreeHead = { ...unsigned, signature: sign(null, treeHeadMessage(unsigned), privateKey).toString('base64') };
  await tables(db).insertInto('ledger_tree_heads').values(head).execute();
  return { entry, head };
}

/** Every leaf hash of a commune's log, in order. Reading them all is fine for thousands of entries. */
export async function leafHashes(db: LedgerDb, communeId: string): Promise<Buffer[]> {
  const rows = await tables(db).selectFrom('ledger_entries').select('leaf_hash').where('commune_id', '=', communeId).orderBy('seq').execute();
  return rows.map((row) => Buffer.from(row.leaf_hash, 'hex'));
}

export const latestTreeHead = (db: LedgerDb, communeId: string): Promise<LedgerTreeHead | undefined> =>
  tables(db).selectFrom('ledger_tree_heads').selectAll().where('commune_id', '=', communeId).orderBy('size', 'desc').limit(1).executeTakeFirst();

export const treeHeadOfSize = (db: LedgerDb, communeId: string, size: number): Promise<LedgerTreeHead | undefined> =>
  tables(db).selectFrom('ledger_tree_heads').selectAll().where('commune_id', '=', communeId).where('size', '=', size).executeTakeFirst();

export const ledgerEntry = (db: LedgerDb, communeId: string, seq: number): Promise<LedgerEntry | undefined> =>
  tables(db).selectFrom('ledger_entries').selectAll().where('commune_id', '=', communeId).where('seq', '=', seq).executeTakeFirst();

export const recentEntries = (db: LedgerDb, communeId: string, limit: number): Promise<LedgerEntry[]> =>
  tables(db).selectFrom('ledger_entries').selectAll().where('commune_id', '=', communeId).orderBy('seq', 'desc').limit(limit).execute();

/** Entries whose published content has this SHA-256 (the "was this published?" question). */
export const entriesWithContent = (db: LedgerDb, communeId: string, contentSha256: string): Promise<LedgerEntry[]> =>
  tables(db).selectFrom('ledger_entries').selectAll().where('commune_id', '=', communeId).where('content_sha256', '=', contentSha256).orderBy('seq').execute();

/** Audit path of entry `seq` in the tree of the first `size` entries. */
export async function inclusionProofFor(db: LedgerDb, communeId: string, seq: number, size: number): Promise<Buffer[]> {
  return inclusionProof((await leafHashes(db, communeId)).slice(0, size), seq);
}

/** Consistency proof between the trees of the first `first` and `second` entries (first ≤ second ≤ log size). */
export async function consistencyProofFor(db: LedgerDb, communeId: string, first: number, second: number): Promise<Buffer[]> {
  return consistencyProof((await leafHashes(db, communeId)).slice(0, second), first);
}
