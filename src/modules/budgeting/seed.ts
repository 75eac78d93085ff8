import { recordClosedResults } from './voting/results-record.js';
import type { SeedContext } from '../../platform/module.js';
import { listProposalSummaries } from '../participation/index.js';
import type { Feasibility, PhaseKind } from './db/tables.js';
import { scoped } from './queries/budget-queries.js';
import { seedPastRound } from './seed-implementation.js';

const day = 24 * 3600 * 1000;
const at = (offsetDays: number) => new Date(Math.floor(Date.now() / day) * day + offsetDays * day + 9 * 3600 * 1000);

interface DemoProject {
  title: string;
  description: string;
  neighbourhood: string;
  cost: number;
  feasibility: Feasibility;
  reason?: string;
  revisedCost?: number;
  costNote?: string;
  service?: string;
  fromProposal?: string;
}

interface DemoRound {
  slug: string;
  staff: string;
  title: Record<string, string>;
  description: Record<string, string>;
  subBudgets: [string, number][];
  rule: { rule: 'knapsack' | 'approval' | 'points'; max_choices: number | null; points: number | null };
  projects: DemoProject[];
}

// Ideas gathered, the review under way: the vote is weeks away, so the demo round can still be edited.
const phases: [PhaseKind, number, number][] = [['ideas', -40, -11], ['review', -10, 20], ['voting', 21, 35], ['results', 36, 50], ['implementation', 51, 400]];

const demos: DemoRound[] = [
  {
    slug: 'ndar-toute',
    staff: 'ndar-toute:staff',
    title: { fr: 'Budget participatif 2027', en: 'Participatory budget 2027' },
    description: { fr: "La commune consacre 25 millions de francs CFA de son budget d'investissement aux projets choisis par les habitants, quartier par quartier.", en: 'The commune sets aside 25 million CFA francs of its investment budget for projects chosen by residents, neighbourhood by neighbourhood.' },
    subBudgets: [['Sor', 10_000_000], ['Guet Ndar', 6_000_000], ['Pikine', 5_000_000], ['Corniche', 4_000_000]],
    rule: { rule: 'knapsack', max_choices: null, points: null },
    projects: [
      { title: 'Un forage pour le marché de Pikine', description: "Un forage et deux bornes-fontaines pour les commerçantes du marché.", neighbourhood: 'Pikine', cost: 4_500_000, feasibility: 'feasible', service: 'Service technique communal', fromProposal: 'Un forage pour le marché de Pikine' },
      { title: 'Éclairage solaire de la Corniche', description: 'Vingt lampadaires solaires le long de la route de la Corniche.', neighbourhood: 'Corniche', cost: 3_000_000, feasibility: 'feasible', revisedCost: 3_600_000, costNote: 'Devis actualisé : prix des batteries en hausse.', service: 'Service technique communal' },
      { title: 'Rénovation des salles de classe de l’école de Sor', description: 'Toitures, peinture et tables-bancs pour six salles de classe.', neighbourhood: 'Sor', cost: 7_500_000, feasibility: 'feasible', service: 'Service éducation' },
      { title: 'Une digue contre l’érosion à Guet Ndar', description: 'Protéger les maisons du bord de mer.', neighbourhood: 'Guet Ndar', cost: 5_800_000, feasibility: 'not_feasible', reason: 'Relève de l’État (ouvrage de protection côtière), déjà prévu au programme national.' },
      { title: 'Terrain de basket à Guet Ndar', description: 'Un terrain multisports pour les jeunes du quartier.', neighbourhood: 'Guet Ndar', cost: 2_500_000, feasibility: 'pending' },
    ],
  },
  {
    slug: 'tiznit-el-jadida',
    staff: 'tiznit-el-jadida:staff',
    title: { ar: 'الميزانية التشاركية 2027', fr: 'Budget participatif 2027' },
    description: { ar: 'تخصص الجماعة 400 ألف درهم لمشاريع يختارها السكان.', fr: 'La commune consacre 400 000 dirhams à des projets choisis par les habitants.' },
    subBudgets: [],
    rule: { rule: 'approval', max_choices: 2, points: null },
    projects: [
      { title: 'ملعب للقرب في حي الرحمة', description: 'ملعب صغير آمن للأطفال والشباب.', neighbourhood: 'الرحمة', cost: 250_000, feasibility: 'feasible', fromProposal: 'ملعب للقرب في حي الرحمة' },
      { title: 'تشجير شارع النخيل', description: 'غرس مئة شجرة على طول الشارع.', neighbourhood: 'النخيل', cost: 80_000, feasibility: 'pending' },
    ],
  },
];

async function seedRound(context: SeedContext, demo: DemoRound): Promise<void> {
  const commune = context.communes.get(demo.slug);
  const staffId = context.users.get(demo.staff);
  if (!commune || !staffId) return;
  const { currency } = await context.db.selectFrom('communes').select('currency').where('id', '=', commune.id).executeTakeFirstOrThrow();
  const inCommune = scoped(context.db, commune.id);
  const total = demo.subBudgets.reduce((sum, [, amount]) => sum + amount, 0) || 400_000;
  const round = await inCommune
    .insertInto('budget_rounds', { title: JSON.stringify(demo.title), description: JSON.stringify(demo.description), currency, total_amount: total, per_neighbourhood: demo.subBudgets.length > 0, ...demo.rule, min_age: 16, require_verified_phone: true, allow_assisted: true, allow_ballot_change: true, status: 'published' })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (demo.subBudgets.length > 0) await inCommune.insertInto('budget_sub_budgets', demo.subBudgets.map(([neighbourhood, amount]) => ({ round_id: round.id, neighbourhood, amount }))).execute();
  await inCommune.insertInto('budget_round_phases', phases.map(([kind, start, end]) => ({ round_id: round.id, kind, starts_at: at(start), ends_at: at(end) }))).execute();
  const proposals = await listProposalSummaries(context.db, commune.id);
  for (const p of demo.projects) {
    const reviewed = p.feasibility !== 'pending';
    await inCommune
      .insertInto('budget_projects', {
        round_id: round.id,
        proposal_id: proposals.find((proposal) => proposal.title === p.fromProposal)?.id ?? null,
        title: p.title,
        description: p.description,
        neighbourhood: p.neighbourhood,
        estimated_cost: p.cost,
        revised_cost: p.revisedCost ?? null,
        cost_note: p.costNote ?? null,
        responsible_service: p.service ?? null,
        feasibility: p.feasibility,
        feasibility_reason: p.reason ?? null,
        reviewed_by: reviewed ? staffId : null,
        reviewed_at: reviewed ? new Date() : null,
      })
      .execute();
  }
}

/** One round per demo commune: Ndar Toute in CFA francs with sub-budgets, Tiznit in dirhams, in Arabic. */
export async function seedBudgeting(context: SeedContext): Promise<void> {
  for (const demo of demos) await seedRound(context, demo);
  await seedPastRound(context);
  // The past round's vote is closed: its results are in the tamper-evident record from the start, as the job would do.
  await recordClosedResults(context.db, context.config, new Date());
}
