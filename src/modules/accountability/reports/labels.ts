import { completionKeys } from '../plans/labels.js';
import type { Completion } from '../plans/tables.js';
import type { EarlyResults, PotentialImpact, ReviewCompletion } from './tables.js';

/** Message keys written out whole, so that the catalogue check finds each one used. */
export const potentialImpactKeys: Record<PotentialImpact, string> = {
  unclear: 'accountability.review.impact_unclear',
  modest: 'accountability.review.impact_modest',
  substantial: 'accountability.review.impact_substantial',
};

export const reviewCompletionKeys: Record<ReviewCompletion, string> = {
  no_evidence: 'accountability.review.completion_no_evidence',
  ...completionKeys,
};

export const earlyResultsKeys: Record<EarlyResults, string> = {
  no_notable_results: 'accountability.review.results_no_notable_results',
  modest: 'accountability.review.results_modest',
  significant: 'accountability.review.results_significant',
  outstanding: 'accountability.review.results_outstanding',
};

/** A status badge's colour: done is green, started is amber, not started is plain. */
export const statusBadgeClass: Record<Completion, string> = {
  not_started: 'badge badge-muted',
  limited: 'badge badge-warning',
  substantial: 'badge badge-success',
  complete: 'badge badge-success',
};
