import type { SeedContext } from '../../platform/module.js';
import type { ImplementationStatus, PhaseKind } from './db/tables.js';
import { scoped } from './queries/budget-queries.js';

const day = 24 * 3600 * 1000;
const at = (offsetDays: number) => new Date(Math.floor(Date.now() / day) * day + offsetDays * day + 9 * 3600 * 1000);

// A round of last year: the vote closed long ago, the works are under way.
const pastPhases: [PhaseKind, number, number][] = [['ideas', -420, -380], ['review', -379, -350], ['voting', -349, -335], ['results', -334, -320], ['implementation', -319, 200]];

interface PastUpdate {
  daysAgo: number;
  status: ImplementationStatus;
  progress: number;
  spent: number;
  note?: string;
}

interface PastProject {
  title: string;
  description: string;
  neighbourhood: string;
  cost: number;
  updates: PastUpdate[];
}

const projects: PastProject[] = [
  {
    title: 'Bornes-fontaines au marché de Sor',
    description: 'Trois bornes-fontaines pour les commerçantes et les riverains du marché.',
    neighbourhood: 'Sor',
    cost: 3_000_000,
    updates: [
      { daysAgo: 300, status: 'procurement', progress: 0, spent: 0, note: 'Appel d’offres publié.' },
      { daysAgo: 200, status: 'in_progress', progress: 60, spent: 1_700_000, note: 'Raccordement au réseau terminé.' },
      { daysAgo: 40, status: 'done', progress: 100, spent: 2_850_000, note: 'Les trois bornes sont en service.' },
    ],
  },
  {
    title: 'Pavage de la ruelle de l’école de Pikine',
    description: 'Paver les 300 mètres de ruelle qui mènent à l’école élémentaire.',
    neighbourhood: 'Pikine',
    cost: 3_500_000,
    updates: [
      { daysAgo: 250, status: 'planned', progress: 0, spent: 0 },
      { daysAgo: 20, status: 'in_progress', progress: 45, spent: 1_400_000, note: 'La moitié des pavés est posée ; reprise après la saison des pluies.' },
    ],
  },
  {
    title: 'Éclairage du terrain de Guet Ndar',
    description: 'Quatre projecteurs pour jouer le soir.',
    neighbourhood: 'Guet Ndar',
    cost: 2_000_000,
    updates: [{ daysAgo: 100, status: 'cancelled', progress: 0, spent: 0, note: 'Le terrain est réaffecté par l’État ; la somme revient au budget participatif suivant.' }],
  },
];

/** Ndar Toute's budget of last year, vote closed, with projects at different stages and their history. */
export async function seedPastRound(context: SeedContext): Promise<void> {
  const commune = context.communes.get('ndar-toute');
  const staffId = context.users.get('ndar-toute:staff') ?? null;
  if (!commune) return;
  const inCommune = scoped(context.db, commune.id);
  const round = await inCommune
    .insertInto('budget_rounds', {
      title: JSON.stringify({ fr: 'Budget participatif 2025', en: 'Participatory budget 2025' }),
      description: JSON.stringify({ fr: 'Le premier budget participatif de la commune : 8,5 millions de francs CFA votés par les habitants.', en: 'The commune’s first participatory budget: 8.5 million CFA francs voted by residents.' }),
      currency: 'XOF',
      total_amount: 8_500_000,
      per_neighbourhood: false,
      rule: 'knapsack',
      max_choices: null,
      points: null,
      min_age: 16,
      require_verified_phone: false,
      allow_assisted: true,
      allow_ballot_change: false,
      status: 'published',
      // Older than the current round, so lists (newest first) keep the current one on top.
      created_at: at(-430),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // Projects go in before the phases: once a past voting phase exists, the round is frozen.
  const projectIds: string[] = [];
  for (const p of projects) {
    const last = p.updates[p.updates.length - 1]!;
    const project = await inCommune
      .insertInto('budget_projects', {
        round_id: round.id,
        title: p.title,
        description: p.description,
        neighbourhood: p.neighbourhood,
        estimated_cost: p.cost,
        feasibility: 'feasible',
        reviewed_by: staffId,
        reviewed_at: at(-360),
        responsible_service: 'Service technique communal',
        implementation_status: last.status,
        progress: last.progress,
        spent_to_date: last.spent,
        implementation_note: last.note ?? null,
        created_at: at(-400),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    projectIds.push(project.id);
    await inCommune
      .insertInto('budget_project_updates', p.updates.map((u) => ({ project_id: project.id, status: u.status, progress: u.progress, spent_to_date: u.spent, note: u.note ?? null, created_by: staffId, created_at: at(-u.daysAgo) })))
      .execute();
  }
  await seedPastBallots(context, commune.id, round.id, projectIds);
  await inCommune.insertInto('budget_round_phases', pastPhases.map(([kind, start, end]) => ({ round_id: round.id, kind, starts_at: at(start), ends_at: at(end) }))).execute();
}

/** Last year's vote: the demo accounts chose every project (they fit the budget together), so all three won. */
async function seedPastBallots(context: SeedContext, communeId: string, roundId: string, projectIds: string[]): Promise<void> {
  const inCommune = scoped(context.db, communeId);
  const voters = [...context.users.entries()].filter(([key]) => key.startsWith('ndar-toute:')).map(([, id]) => id);
  for (const userId of voters) {
    await inCommune.insertInto('budget_voters', { round_id: roundId, voter_key: `user:${userId}`, channel: 'web', neighbourhood: null, gender: null, age_band: null, sealed_ballot_ref: null, created_at: at(-395) }).execute();
    const ballot = await inCommune.insertInto('budget_ballots', { round_id: roundId, sub_budget: null, channel: 'web', paper_number: null }).returning('id').executeTakeFirstOrThrow();
    await inCommune.insertInto('budget_ballot_choices', projectIds.map((projectId) => ({ ballot_id: ballot.id, project_id: projectId, weight: 1 }))).execute();
  }
}
