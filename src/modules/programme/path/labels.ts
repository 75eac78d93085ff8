import type { LocalizedText } from '../../../platform/i18n/locales.js';
import { locales, pickLocalized } from '../../../platform/i18n/locales.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import type { DeploymentStatus } from '../db/tables.js';
import type { StepTemplate } from './pairing.js';
import type { StepStatus } from './tables.js';

export const programmeDeploymentsPath = '/network/programme/deployments';
export const deploymentPath = (id: string) => `${programmeDeploymentsPath}/${id}`;
export const stepPath = (deploymentId: string, stepId: string) => `${deploymentPath(deploymentId)}/steps/${stepId}`;
export const cohortAdminPath = (cohortSlug: string) => `/admin/programme/cohorts/${cohortSlug}`;
export const pairingPath = (cohortSlug: string) => `${cohortAdminPath(cohortSlug)}/deployments`;
export const boardPath = '/admin/programme/board';

export const templateTitleKeys: Record<StepTemplate, string> = {
  budget: 'programme.path.template_budget',
  complaints: 'programme.path.template_complaints',
  datasets: 'programme.path.template_datasets',
  consultation: 'programme.path.template_consultation',
  training: 'programme.path.template_training',
  successors: 'programme.path.template_successors',
};

export const stepStatusKeys: Record<StepStatus, string> = {
  planned: 'programme.path.step_planned',
  in_progress: 'programme.path.step_in_progress',
  done: 'programme.path.step_done',
  blocked: 'programme.path.step_blocked',
};

export const deploymentStatusKeys: Record<DeploymentStatus, string> = {
  planned: 'programme.path.status_planned',
  active: 'programme.path.status_active',
  completed: 'programme.path.status_completed',
  ended_early: 'programme.path.status_ended_early',
};

/** A template step reads in the reader's language; a step written by hand as written. */
export const stepTitle = (ctx: Pick<ViewContext, 't'>, step: { template: string | null; title: string }) =>
  step.template && step.template in templateTitleKeys ? ctx.t(templateTitleKeys[step.template as StepTemplate]) : step.title;

export const localizedName = (ctx: ViewContext, text: LocalizedText) => pickLocalized(text, ctx.locale, locales)?.value ?? '';
