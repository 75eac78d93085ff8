import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { toCsv } from '../../../platform/http/csv.js';
import type { LocalizedText } from '../../../platform/i18n/locales.js';
import { appendPublicationOnce, type LedgerKeyConfig } from '../../../platform/ledger/index.js';
import type { Round } from '../db/tables.js';
import { budgetingDb } from '../queries/budget-queries.js';
import { type RoundResults, roundResults } from './results.js';

type Counted = Extract<RoundResults, { sealed: false }>;

const header = ['round_id', 'sub_budget', 'budget', 'rank', 'project_id', 'title', 'neighbourhood', 'cost', 'currency', 'votes', 'funded'];

/**
 * The final results as one CSV file, byte for byte the same at every download: the file whose SHA-256 the
 * commune's tamper-evident record holds, so anyone can check the copy they hold. No BOM, so the hash is of the data.
 */
export function resultsCsv(round: Round, results: Counted): string {
  const rows = results.budgets.flatMap((budget) =>
    budget.ranking.map((p) => [round.id, budget.subBudget ?? '', budget.budget, p.rank, p.id, p.title, p.neighbourhood ?? '', p.cost, round.currency, p.votes, p.funded ? 'yes' : 'no']),
  );
  return toCsv([header, ...rows], { bom: false });
}

export const resultsCsvPath = (communeSlug: string, roundId: string) => `/${communeSlug}/budgets/${roundId}/results.csv`;

const titleOf = (title: LocalizedText) => title.fr ?? Object.values(title).find(Boolean) ?? '';

/**
 * Rounds whose vote has closed and whose results are not in the record yet: results are final from that moment
 * (ADR 0003), and a round already recorded is not counted again at every run of the job.
 */
async function closedRounds(db: Kysely<PlatformTables>, now: Date) {
  const recorded = sql<string>`select url from ledger_entries where commune_id = r.commune_id and kind = 'budgeting.results'`;
  return budgetingDb(db)
    .selectFrom('budget_rounds as r')
    .innerJoin('budget_round_phases as p', 'p.round_id', 'r.id')
    .innerJoin('communes as c', 'c.id', 'r.commune_id')
    .selectAll('r')
    .select('c.slug as commune_slug')
    .where('p.kind', '=', 'voting')
    .where('p.ends_at', '<=', now)
    .where('r.status', '!=', 'draft')
    .where(sql<boolean>`'/' || c.slug || '/budgets/' || r.id || '/results.csv' not in (${recorded})`)
    .execute();
}

/**
 * Appends each closed round's final results to its commune's tamper-evident record, once (the record itself
 * refuses a second entry for the same file, even from two processes at once). Returns how many were appended.
 */
export async function recordClosedResults(db: Kysely<PlatformTables>, config: LedgerKeyConfig, now: Date): Promise<number> {
  let recorded = 0;
  for (const round of await closedRounds(db, now)) {
    const results = await roundResults(db, round.commune_id, round, now);
    if (results.sealed) continue;
    const contentSha256 = createHash('sha256').update(resultsCsv(round, results), 'utf8').digest('hex');
    const publication = { communeId: round.commune_id, kind: 'budgeting.results', title: `Résultats du vote — ${titleOf(round.title)}`, contentSha256, url: resultsCsvPath(round.commune_slug, round.id) };
    if (await appendPublicationOnce(db, publication, config)) recorded += 1;
  }
  return recorded;
}
