import { listConsultationSummaries } from '../../participation/index.js';
import type { SeedContext } from '../../../platform/module.js';
import { type Completion, scopedPlans } from './tables.js';

const text = (fr: string, ar?: string) => JSON.stringify(ar ? { fr, ar } : { fr });

interface DemoCommitment {
  title: string;
  titleAr: string;
  problem: string;
  action: string;
  values: string[];
  lead: string;
  civilSociety: string;
  status: Completion;
  milestones: [string, Completion, string, string][];
}

const demoCommitments: DemoCommitment[] = [
  {
    title: 'Publier le budget et les marchés publics en données ouvertes', titleAr: 'نشر الميزانية والصفقات العمومية كبيانات مفتوحة',
    problem: 'Les habitants ne savent pas comment l’argent de la commune est dépensé.', action: 'Publier chaque phase du budget et chaque marché, avec un budget citoyen affiché à la mairie.',
    values: ['transparency', 'accountability'], lead: 'Service financier', civilSociety: 'Forum civil de Ndar Toute', status: 'substantial',
    milestones: [['Budget 2026 publié en ligne', 'complete', '2026-01-15', '2026-03-31'], ['Marchés publiés au format OCDS', 'substantial', '2026-03-01', '2026-09-30'], ['Budget citoyen affiché dans les quartiers', 'limited', '2026-06-01', '2026-12-31']],
  },
  {
    title: 'Un budget participatif dans chaque quartier', titleAr: 'ميزانية تشاركية في كل حي',
    problem: 'Les quartiers périphériques sont peu entendus dans les choix d’investissement.', action: 'Réserver une part du budget d’investissement aux projets votés par les habitants, quartier par quartier.',
    values: ['participation', 'inclusion'], lead: 'Cabinet du maire', civilSociety: 'Associations de quartier', status: 'limited',
    milestones: [['Règlement du budget participatif adopté', 'complete', '2026-01-01', '2026-02-28'], ['Vote dans les 7 quartiers', 'not_started', '2026-10-01', '2026-11-30']],
  },
  {
    title: 'Répondre à chaque plainte dans les délais', titleAr: 'الرد على كل شكاية داخل الآجال',
    problem: 'Les plaintes restent sans réponse et sans suivi.', action: 'Suivre chaque plainte en ligne, par SMS et au guichet, avec un délai affiché.',
    values: ['accountability', 'technology'], lead: 'Secrétariat général', civilSociety: 'Réseau des jeunes citoyens', status: 'not_started',
    milestones: [],
  },
];

/** Ndar Toute's OGP Local action plan, three commitments in different states, for the demo. */
export async function seedPlans(context: SeedContext): Promise<void> {
  const commune = context.communes.get('ndar-toute');
  if (!commune) return;
  const scope = scopedPlans(context.db, commune.id);
  const plan = await scope.insertInto('accountability_plans', {
    kind: 'ogp_action_plan', state: 'published', influence_level: 'involve', period_start: '2026-01-01', period_end: '2027-12-31',
    title: text('Plan d’action OGP Local 2026-2027', 'خطة عمل الحكومة المنفتحة المحلية 2026-2027'),
    description: text('Co-construit avec le forum multi-acteurs après trois consultations publiques.'),
  }).returning('id').executeTakeFirstOrThrow();
  // Its co-creation record: the commune's two oldest public consultations (seeded by participation).
  const consultations = (await listConsultationSummaries(context.db, commune.id)).slice(-2);
  if (consultations.length > 0) await scope.insertInto('accountability_plan_sources', consultations.map((c) => ({ plan_id: plan.id, consultation_id: c.id }))).execute();
  for (const [index, demo] of demoCommitments.entries()) {
    const commitment = await scope.insertInto('accountability_commitments', {
      plan_id: plan.id, number: index + 1, title: text(demo.title, demo.titleAr), problem: text(demo.problem), action: text(demo.action),
      ogp_values: JSON.stringify(demo.values), lead_institution: demo.lead, supporters_civil_society: demo.civilSociety, status: demo.status,
      start_date: '2026-01-01', end_date: '2027-12-31', sdgs: JSON.stringify([16]),
    }).returning('id').executeTakeFirstOrThrow();
    if (demo.milestones.length === 0) continue;
    await scope.insertInto('accountability_milestones', demo.milestones.map(([title, status, start, end], position) => ({
      commitment_id: commitment.id, position, title: text(title), status, start_date: start, end_date: end, responsible: demo.lead,
    }))).execute();
  }
}
