import type { SeedContext } from '../../../platform/module.js';
import { councilData } from '../../commune/index.js';
import { scoped } from './queries.js';
import type { DecisionCategory, DecisionStatus, VoteOption } from './tables.js';

const json = (value: unknown) => JSON.stringify(value);

interface DemoDecision {
  number: string;
  category: DecisionCategory;
  status: DecisionStatus;
  subject: { fr: string; en?: string };
  text: string;
  counts: { for: number; against: number; abstain: number };
  /** Record each councillor's vote: the first ones vote against or abstain, the rest for. */
  namedVotes?: boolean;
}

const sessionDate = '2026-10-15';
const membersInOffice = 45;

const decisions: DemoDecision[] = [
  {
    number: '2026-041',
    category: 'local_finances',
    status: 'adopted',
    subject: { fr: 'Adoption du budget supplémentaire 2026', en: 'Supplementary budget 2026 adopted' },
    text: 'Le conseil municipal adopte le budget supplémentaire 2026, qui inscrit 12 millions de francs CFA pour l’éclairage public de Sor.',
    counts: { for: 38, against: 2, abstain: 1 },
  },
  {
    number: '2026-042',
    category: 'public_procurement',
    status: 'adopted',
    subject: { fr: 'Attribution du marché de curage des caniveaux de Guet Ndar', en: 'Drain clearing contract for Guet Ndar awarded' },
    text: 'Le conseil autorise le maire à signer le marché de curage des caniveaux de Guet Ndar avec le groupement retenu après appel d’offres ouvert.',
    counts: { for: 0, against: 0, abstain: 0 },
    namedVotes: true,
  },
  {
    number: '2026-043',
    category: 'property',
    status: 'rejected',
    subject: { fr: 'Cession d’une parcelle communale au quartier Pikine', en: 'Sale of a commune plot in Pikine' },
    text: 'Le projet de cession de la parcelle communale n° 112 de Pikine est rejeté ; le conseil demande une consultation du quartier.',
    counts: { for: 12, against: 27, abstain: 3 },
  },
];

/** One councillor out of three votes against or abstains, so the demo shows every kind of vote. */
const namedOption = (index: number): VoteOption => (index === 1 ? 'no' : index === 2 ? 'abstain' : index === 3 ? 'absent' : 'yes');

/** Demo: one council session of Ndar Toute with three published decisions, one with each councillor's vote. */
export async function seedCouncilDecisions(context: SeedContext): Promise<void> {
  const commune = context.communes.get('ndar-toute');
  if (!commune) return;
  const inCommune = scoped(context.db, commune.id);
  const persons = (await councilData(context.db, commune.id)).persons;
  const session = await inCommune
    .insertInto('council_sessions', { session_date: sessionDate, title: json({ fr: 'Session ordinaire d’octobre 2026', en: 'Ordinary session, October 2026' }), place: 'Salle des délibérations, hôtel de ville' })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const demo of decisions) {
    const named = demo.namedVotes ? persons.map((p, index) => ({ person_id: p.id, option: namedOption(index) })) : [];
    const tally = (option: VoteOption) => named.filter((v) => v.option === option).length;
    const counts = demo.namedVotes ? { for: tally('yes'), against: tally('no'), abstain: tally('abstain') } : demo.counts;
    const present = demo.namedVotes ? named.length - tally('absent') : counts.for + counts.against + counts.abstain;
    const decision = await inCommune
      .insertInto('council_decisions', {
        session_id: session.id,
        number: demo.number,
        year: 2026,
        decision_date: sessionDate,
        subject: json(demo.subject),
        category: demo.category,
        full_text: json({ fr: demo.text }),
        members_in_office: demo.namedVotes ? persons.length : membersInOffice,
        present,
        votes_for: counts.for,
        votes_against: counts.against,
        abstentions: counts.abstain,
        status: demo.status,
        published_at: new Date(`${sessionDate}T18:00:00Z`),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (named.length > 0) await inCommune.insertInto('council_decision_votes', named.map((v) => ({ ...v, decision_id: decision.id }))).execute();
  }
}
