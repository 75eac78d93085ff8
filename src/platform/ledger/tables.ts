import type { ColumnType, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, never>;

/** Tables of the tamper-evident record (no column is ever updated: triggers refuse it). */
export interface LedgerTables {
  ledger_entries: {
    commune_id: string;
    seq: number;
    kind: string;
    title: string;
    content_sha256: string;
    url: string;
    published_at: Timestamp;
    leaf_hash: string;
  };
  ledger_tree_heads: {
    commune_id: string;
    size: number;
    root_hash: string;
    signed_at: Timestamp;
    signature: string;
  };
}

export type LedgerEntry = Selectable<LedgerTables['ledger_entries']>;
export type LedgerTreeHead = Selectable<LedgerTables['ledger_tree_heads']>;
