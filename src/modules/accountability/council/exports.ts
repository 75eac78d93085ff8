import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { LocalizedText } from '../../../platform/i18n/locales.js';
import type { OpenDataExport } from '../../../platform/module.js';
import { councilData } from '../../commune/index.js';
import fr from '../i18n/council.fr.json' with { type: 'json' };
import { categoryLabelKeys } from './labels.js';
import { allPublishedDecisions } from './queries.js';
import { type CouncilDecisionRow, decisionCategories, type DecisionVote } from './tables.js';

const french = (value: LocalizedText) => value.fr ?? Object.values(value).find(Boolean) ?? '';
const frenchLabel = (key: string) => (fr as Record<string, string>)[key.replace(/^accountability\./, '')] ?? key;

/** SCDL "délibérations" columns, in the schema's order. */
export const scdlColumns = [
  'COLL_NOM', 'COLL_SIRET', 'DELIB_ID', 'DELIB_DATE', 'DELIB_MATIERE_CODE', 'DELIB_MATIERE_NOM', 'DELIB_OBJET', 'BUDGET_ANNEE',
  'VOTE_EFFECTIF', 'VOTE_REEL', 'VOTE_POUR', 'VOTE_CONTRE', 'VOTE_ABSTENTION', 'DELIB_URL',
] as const;

export interface CommuneInfo {
  name: string;
  slug: string;
}

/**
 * One SCDL row per published decision. COLL_SIRET stays empty: the platform records no national company
 * identifier for a commune (SIRET is French; NINEA, IFU… elsewhere), and a made-up value would mislead.
 */
export function scdlRows(commune: CommuneInfo, decisions: CouncilDecisionRow[], baseUrl: string): Record<(typeof scdlColumns)[number], string | number | null>[] {
  return decisions.map((d) => ({
    COLL_NOM: commune.name,
    COLL_SIRET: '',
    DELIB_ID: d.number,
    DELIB_DATE: d.decision_date,
    DELIB_MATIERE_CODE: decisionCategories[d.category],
    DELIB_MATIERE_NOM: frenchLabel(categoryLabelKeys[d.category]),
    DELIB_OBJET: french(d.subject),
    // Only budget decisions concern a budget year.
    BUDGET_ANNEE: d.category === 'local_finances' ? d.year : null,
    VOTE_EFFECTIF: d.members_in_office,
    VOTE_REEL: d.present,
    VOTE_POUR: d.votes_for,
    VOTE_CONTRE: d.votes_against,
    VOTE_ABSTENTION: d.abstentions,
    DELIB_URL: `${baseUrl}/${commune.slug}/council-decisions/${d.id}`,
  }));
}

const popoloResult = { adopted: 'pass', rejected: 'fail', withdrawn: 'withdrawn' } as const;

/** A Popolo VoteEvent: counts as SCDL gives them, and each recorded vote naming the person by their popolo.json id. */
export function voteEvent(decision: CouncilDecisionRow, votes: DecisionVote[], councilOrganizationId: string | null, decisionUrl: string) {
  return {
    id: decision.id,
    identifier: decision.number,
    motion: {
      id: `motion-${decision.id}`,
      ...(councilOrganizationId ? { organization_id: councilOrganizationId } : {}),
      text: french(decision.subject),
      identifier: decision.number,
      classification: decisionCategories[decision.category],
      date: decision.decision_date,
      result: popoloResult[decision.status],
    },
    ...(councilOrganizationId ? { organization_id: councilOrganizationId } : {}),
    start_date: decision.decision_date,
    result: popoloResult[decision.status],
    counts: [
      { option: 'yes', value: decision.votes_for },
      { option: 'no', value: decision.votes_against },
      { option: 'abstain', value: decision.abstentions },
    ],
    votes: votes.map((vote) => ({ vote_event_id: decision.id, voter_id: vote.person_id, option: vote.option })),
    sources: [{ url: decisionUrl }],
  };
}

/** The id of the commune's council in the commune module's Popolo export. */
export async function councilOrganizationId(db: Kysely<PlatformTables>, communeId: string): Promise<string | null> {
  const data = await councilData(db, communeId);
  return data.organizations.find((o) => o.classification === 'council')?.id ?? null;
}

async function communeInfo(db: Kysely<PlatformTables>, communeId: string): Promise<CommuneInfo> {
  const commune = await db.selectFrom('communes').select(['slug', 'name']).where('id', '=', communeId).executeTakeFirstOrThrow();
  return { slug: commune.slug, name: french(commune.name as LocalizedText) || commune.slug };
}

export async function scdlRowsFor(db: Kysely<PlatformTables>, communeId: string, baseUrl: string) {
  return scdlRows(await communeInfo(db, communeId), await allPublishedDecisions(db, communeId), baseUrl);
}

export const councilExports: OpenDataExport[] = [
  {
    id: 'accountability-council-decisions',
    titleKey: 'accountability.council.exports.title',
    descriptionKey: 'accountability.council.exports.description',
    // Relative URLs: the open-data module prefixes the site's public address.
    rows: (db, communeId) => scdlRowsFor(db, communeId, ''),
  },
];
