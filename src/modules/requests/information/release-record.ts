import { type Kysely, sql } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { appendPublicationOnce, type LedgerKeyConfig, type Publication } from '../../../platform/ledger/index.js';

interface ReleasedDocument {
  commune_id: string;
  reference: string;
  file_id: string;
  sha256: string;
  original_name: string;
}

/** Documents the commune released in answer to access-to-information requests (the redacted copy when there is one). */
const releasedDocuments = (db: Kysely<PlatformTables>, communeId: string | null) => sql<ReleasedDocument>`
  select e.commune_id, r.reference, f.id as file_id, f.sha256, f.original_name
  from request_events e
  join requests r on r.id = e.request_id and r.commune_id = e.commune_id
  join stored_files f on f.id = coalesce(e.public_file_id, case when e.file_withheld then null else e.file_id end)
  where r.kind = 'information' and e.author = 'commune' and e.is_public
    and (${communeId}::uuid is null or e.commune_id = ${communeId}::uuid)
    and not exists (select 1 from ledger_entries l where l.commune_id = e.commune_id and l.kind = 'information.released' and l.url = '/files/' || f.id::text)
  order by e.created_at`.execute(db);

/**
 * Enters released information into each commune's tamper-evident record: every document released in answer to a
 * request (the SHA-256 of the stored bytes the public downloads; a redacted copy is its own file, recorded when it
 * is released). Called right after an answer or a redaction and by a periodic job (which also catches what a
 * failed call missed); each file is recorded once, even by two processes at once.
 */
export async function recordReleasedInformation(db: Kysely<PlatformTables>, config: LedgerKeyConfig, communeId: string | null = null): Promise<number> {
  const documents: Publication[] = (await releasedDocuments(db, communeId)).rows.map((d) => ({ communeId: d.commune_id, kind: 'information.released', title: `Demande ${d.reference} — document communiqué : ${d.original_name}`, contentSha256: d.sha256, url: `/files/${d.file_id}` }));
  let recorded = 0;
  for (const publication of documents) {
    if (await appendPublicationOnce(db, publication, config)) recorded += 1;
  }
  return recorded;
}
