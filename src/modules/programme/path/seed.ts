import type { SeedContext } from '../../../platform/module.js';
import fr from '../i18n/path.fr.json' with { type: 'json' };
import { insertTemplateSteps } from './commands.js';
import type { StepTemplate } from './pairing.js';
import { pathDb, type StepStatus } from './tables.js';

interface SeedStep {
  status: StepStatus;
  owner: string;
  evidence?: string;
  url?: string;
}

// Half-way through cohort 1: the budget is out in both communes, Ndar Toute's complaint handling is late, the
// datasets step is measured by the commune's live catalogue (target 3), the rest is ahead.
const progress: Record<string, Partial<Record<StepTemplate, SeedStep>>> = {
  'ndar-toute': {
    budget: { status: 'done', owner: 'Secrétaire municipal', evidence: 'Budget primitif publié sur le portail, phase par phase.', url: 'https://example.org/ndar-toute/budget' },
    complaints: { status: 'in_progress', owner: 'Service des relations avec les usagers' },
    datasets: { status: 'in_progress', owner: 'Volontaire et service informatique' },
    consultation: { status: 'planned', owner: 'Maire adjoint à la participation' },
  },
  'tiznit-el-jadida': {
    budget: { status: 'done', owner: 'Directeur des services', evidence: 'Budget publié et présenté en séance publique.' },
    complaints: { status: 'done', owner: 'Bureau d’accueil', evidence: 'Registre des plaintes en ligne, délai de réponse affiché.' },
    datasets: { status: 'in_progress', owner: 'Volontaire' },
  },
};

const titleOf = (template: StepTemplate) => fr[`path.template_${template}`];

/** The demo path of cohort 1's two deployments: the template, then where each commune stands. */
export async function seedPath(context: SeedContext): Promise<void> {
  const db = pathDb(context.db);
  const deployments = await db.selectFrom('programme_deployments as d').innerJoin('communes as c', 'c.id', 'd.commune_id').select(['d.id', 'd.starts_on', 'd.ends_on', 'c.slug']).execute();
  for (const deployment of deployments) {
    await insertTemplateSteps(context.db, deployment.id, deployment.starts_on, deployment.ends_on, titleOf);
    for (const [template, step] of Object.entries(progress[deployment.slug] ?? {})) {
      await db
        .updateTable('programme_path_steps')
        .set({ status: step.status, owner: step.owner, evidence: step.evidence ?? '', evidence_url: step.url ?? null })
        .where('deployment_id', '=', deployment.id)
        .where('template', '=', template)
        .execute();
    }
  }
}
