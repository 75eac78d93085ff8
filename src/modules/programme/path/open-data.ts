import type { OpenDataExport } from '../../../platform/module.js';
import { locales, pickLocalized } from '../../../platform/i18n/locales.js';
import { communeDeployments, deploymentsWithSteps } from './queries.js';
import { pathDb } from './tables.js';
import { templateTitleKeys } from './labels.js';
import fr from '../i18n/path.fr.json' with { type: 'json' };

const frenchTitle = (step: { template: string | null; title: string }) => {
  const key = step.template && step.template in templateTitleKeys ? (templateTitleKeys[step.template as keyof typeof templateTitleKeys].replace('programme.', '') as keyof typeof fr) : null;
  return key ? fr[key] : step.title;
};

/** The commune's assisted-path steps, each with the indicator that measures it and whether the data meets it. */
export const pathExport: OpenDataExport = {
  id: 'programme-path',
  titleKey: 'programme.path.export_title',
  descriptionKey: 'programme.path.export_description',
  rows: async (db, communeId) => {
    const items = await deploymentsWithSteps(db, await communeDeployments(db, communeId), new Date());
    return items.flatMap(({ deployment, steps }) =>
      steps.map((step) => ({
        cohort: pickLocalized(deployment.cohort_title, 'fr', locales)?.value ?? deployment.cohort_slug,
        step: frenchTitle(step),
        due_on: step.due_on,
        status: step.status,
        indicator: step.indicator,
        value: step.progress.value,
        target: step.progress.target,
        met: step.progress.met,
      })),
    );
  },
  // Measuring the steps reads the scorecard, which counts the exports with rows: counting must not measure again.
  hasRows: async (db, communeId) =>
    (await pathDb(db)
      .selectFrom('programme_path_steps as s')
      .innerJoin('programme_deployments as d', 'd.id', 's.deployment_id')
      .select('s.id')
      .where('d.commune_id', '=', communeId)
      .limit(1)
      .executeTakeFirst()) !== undefined,
};
