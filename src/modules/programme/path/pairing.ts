import type { TermOfReference } from '../db/tables.js';

/**
 * The country-of-origin rule: when the cohort sends volunteers abroad only, a volunteer is not paired with a commune
 * of the country they applied from. Countries are ISO 3166-1 alpha-2 codes; an unknown country never blocks.
 */
export function countryRuleAllows(abroadOnly: boolean, volunteerCountry: string | null, communeCountry: string | null): boolean {
  if (!abroadOnly || !volunteerCountry || !communeCountry) return true;
  return volunteerCountry.toUpperCase() !== communeCountry.toUpperCase();
}

/** The terms of reference a deployment starts from: one line per need the commune expressed when applying. */
export const termsFromNeeds = (needs: unknown): TermOfReference[] =>
  String(needs ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((text) => ({ text, fromNeeds: true }));

/**
 * The template steps of the assisted path, in order, with how far into the path each is due (0..1). budget_published
 * is the share of the year's four budget phases published: the adopted budget alone is 25 %.
 */
export const pathTemplate = [
  { template: 'budget', share: 0.25, indicator: 'budget_published', target: 25 },
  { template: 'complaints', share: 0.35, indicator: null, target: null },
  { template: 'datasets', share: 0.45, indicator: 'datasets_published', target: 3 },
  { template: 'consultation', share: 0.65, indicator: null, target: null },
  { template: 'training', share: 0.8, indicator: null, target: null },
  { template: 'successors', share: 0.95, indicator: null, target: null },
] as const;
export type StepTemplate = (typeof pathTemplate)[number]['template'];

const dayMs = 86_400_000;

/** A day `share` of the way from `startsOn` to `endsOn` (YYYY-MM-DD, UTC). */
export function dayWithin(startsOn: string, endsOn: string, share: number): string {
  const start = Date.parse(`${startsOn}T00:00:00Z`);
  const days = Math.round((Date.parse(`${endsOn}T00:00:00Z`) - start) / dayMs);
  return new Date(start + Math.round(days * share) * dayMs).toISOString().slice(0, 10);
}

/** The template spread over the deployment's dates. */
export const plannedSteps = (startsOn: string, endsOn: string) =>
  pathTemplate.map((step, index) => ({ ...step, position: index + 1, dueOn: dayWithin(startsOn, endsOn, step.share) }));
