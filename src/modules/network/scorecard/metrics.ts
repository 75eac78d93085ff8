import type { ScorecardMetric } from './metric.js';

// Placeholder until the metrics land: every configured metric measures nothing yet.
const ids = ['open-data.datasets_published', 'open-data.datasets_up_to_date', 'finances.budget_phases_published', 'accountability.decisions_published_timely', 'requests.information_answered_on_time', 'participation.proposals_answered', 'participation.women_share', 'participation.youth_share', 'requests.complaint_resolution_median_days', 'accountability.forum_meetings_held', 'accountability.plan_progress', 'accountability.comments_answered', 'channels.phone_channels_used', 'channels.phone_contributions_share', 'network.modules_enabled'];

/** Every metric the code can compute; config/scorecard.json picks among them. */
export const scorecardMetrics: readonly ScorecardMetric[] = ids.map((id) => ({ id, unit: 'percent', howKey: 'network.scorecard.no_data', dataPath: (slug) => `/${slug}`, compute: async () => ({ value: null }) }));
