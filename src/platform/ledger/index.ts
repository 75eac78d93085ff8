// What modules need to record their official publications in the tamper-evident record.
export { appendPublication, appendPublicationOnce, canonicalEntryJson, type LedgerDb, type Publication } from './ledger.js';
export { ledgerKeys, type LedgerKeyConfig } from './signing-key.js';
export type { LedgerEntry, LedgerTables, LedgerTreeHead } from './tables.js';
