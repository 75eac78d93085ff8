import { ageBands } from '../../../platform/auth/inclusion-fields.js';
import type { PalabreModule } from '../../../platform/module.js';
import { commitmentCommentsAnswered, councilDecisionsPublishedTimely, currentPlanProgress, forumMeetingsHeld } from '../../accountability/index.js';
import { voterProfile } from '../../budgeting/index.js';
import { contributionsByChannel, phoneChannels } from '../../channels/index.js';
import { budgetPhasesPublished } from '../../finances/index.js';
import { catalogueFigures } from '../../open-data/index.js';
import { participantProfile, proposalsAnswered } from '../../participation/index.js';
import { complaintResolutionMedianDays, informationAnsweredOnTime, proceduresReadyWithinDelay } from '../../requests/index.js';
import type { MetricValue, ScorecardMetric } from './metric.js';

/** The install's modules, read when a figure is computed (network is one of them: no import at load time). */
export type InstallModules = () => Promise<readonly PalabreModule[]>;

/** A share in per cent with one decimal; null when there was nothing to count. */
export function percentOf(numerator: number, denominator: number): MetricValue {
  return { value: denominator > 0 ? Math.round((numerator / denominator) * 1000) / 10 : null, numerator, denominator };
}

/** Age bands of young people: those ending at 35 at the latest ("15-24", "25-34"). */
export const youthAgeBands: readonly string[] = ageBands.filter((band) => Number(band.split('-')[1]) <= 35);

const datasetsPublished = (modules: InstallModules): ScorecardMetric => ({
  id: 'open-data.datasets_published',
  unit: 'count',
  howKey: 'network.metrics.datasets_published',
  dataPath: (slug) => `/${slug}/data`,
  compute: async (db, commune, window) => {
    const figures = await catalogueFigures(db, commune, await modules(), window.to);
    return { value: figures.moduleDatasets + figures.staffDatasets };
  },
});

const datasetsUpToDate = (modules: InstallModules): ScorecardMetric => ({
  id: 'open-data.datasets_up_to_date',
  unit: 'percent',
  howKey: 'network.metrics.datasets_up_to_date',
  dataPath: (slug) => `/${slug}/data`,
  compute: async (db, commune, window) => {
    const figures = await catalogueFigures(db, commune, await modules(), window.to);
    return percentOf(figures.moduleDatasets + figures.staffUpToDate, figures.moduleDatasets + figures.staffDatasets);
  },
});

const budgetPhases: ScorecardMetric = {
  id: 'finances.budget_phases_published',
  unit: 'percent',
  howKey: 'network.metrics.budget_phases_published',
  dataPath: (slug) => `/${slug}/finances`,
  compute: async (db, commune, window) => {
    const phases = await budgetPhasesPublished(db, commune.id, window.to);
    return phases ? percentOf(phases.published, phases.expected) : { value: null };
  },
};

const decisionsTimely: ScorecardMetric = {
  id: 'accountability.decisions_published_timely',
  unit: 'percent',
  howKey: 'network.metrics.decisions_published_timely',
  dataPath: (slug) => `/${slug}/council-decisions`,
  compute: async (db, commune, window) => {
    const share = await councilDecisionsPublishedTimely(db, commune.id, commune.time_zone, window);
    return percentOf(share.numerator, share.denominator);
  },
};

const informationOnTime: ScorecardMetric = {
  id: 'requests.information_answered_on_time',
  unit: 'percent',
  howKey: 'network.metrics.information_answered_on_time',
  dataPath: (slug) => `/${slug}/requests/information/statistics`,
  compute: async (db, commune, window) => {
    const share = await informationAnsweredOnTime(db, commune.id, commune.time_zone, window);
    return percentOf(share.numerator, share.denominator);
  },
};

const proposalsAnsweredMetric: ScorecardMetric = {
  id: 'participation.proposals_answered',
  unit: 'percent',
  howKey: 'network.metrics.proposals_answered',
  dataPath: (slug) => `/${slug}/consultations`,
  compute: async (db, commune, window) => {
    const share = await proposalsAnswered(db, commune.id, window);
    return percentOf(share.numerator, share.denominator);
  },
};

/** Proposal authors and survey respondents, meeting attendance, and budget voters, added up. */
async function inclusion(...args: Parameters<ScorecardMetric['compute']>) {
  const [db, commune, window] = args;
  const [people, voters] = await Promise.all([participantProfile(db, commune.id, window, youthAgeBands), voterProfile(db, commune.id, window, youthAgeBands)]);
  return { women: people.women + voters.women, genderKnown: people.genderKnown + voters.genderKnown, youth: people.youth + voters.youth, ageKnown: people.ageKnown + voters.ageKnown };
}

const womenShare: ScorecardMetric = {
  id: 'participation.women_share',
  unit: 'percent',
  howKey: 'network.metrics.women_share',
  dataPath: (slug) => `/${slug}/consultations`,
  compute: async (...args) => {
    const people = await inclusion(...args);
    return percentOf(people.women, people.genderKnown);
  },
};

const youthShare: ScorecardMetric = {
  id: 'participation.youth_share',
  unit: 'percent',
  howKey: 'network.metrics.youth_share',
  dataPath: (slug) => `/${slug}/consultations`,
  compute: async (...args) => {
    const people = await inclusion(...args);
    return percentOf(people.youth, people.ageKnown);
  },
};

const complaintMedian: ScorecardMetric = {
  id: 'requests.complaint_resolution_median_days',
  unit: 'days',
  howKey: 'network.metrics.complaint_resolution_median_days',
  dataPath: (slug) => `/${slug}/requests/statistics`,
  compute: async (db, commune, window) => {
    const figures = await complaintResolutionMedianDays(db, commune.id, commune.time_zone, window);
    return { value: figures.median === null ? null : Math.round(figures.median * 10) / 10 };
  },
};

const proceduresWithinDelay: ScorecardMetric = {
  id: 'requests.procedures_ready_within_delay',
  unit: 'percent',
  howKey: 'network.metrics.procedures_ready_within_delay',
  dataPath: (slug) => `/${slug}/requests/procedures/statistics`,
  compute: async (db, commune, window) => {
    const share = await proceduresReadyWithinDelay(db, commune.id, commune.time_zone, window);
    return percentOf(share.numerator, share.denominator);
  },
};

const forumMeetings: ScorecardMetric = {
  id: 'accountability.forum_meetings_held',
  unit: 'count',
  howKey: 'network.metrics.forum_meetings_held',
  dataPath: (slug) => `/${slug}/forum`,
  compute: async (db, commune, window) => ({ value: await forumMeetingsHeld(db, commune.id, window) }),
};

const planProgress: ScorecardMetric = {
  id: 'accountability.plan_progress',
  unit: 'percent',
  howKey: 'network.metrics.plan_progress',
  dataPath: (slug) => `/${slug}/plans`,
  compute: async (db, commune, window) => ({ value: (await currentPlanProgress(db, commune.id, commune.time_zone, window))?.percent ?? null }),
};

const commentsAnswered: ScorecardMetric = {
  id: 'accountability.comments_answered',
  unit: 'percent',
  howKey: 'network.metrics.comments_answered',
  dataPath: (slug) => `/${slug}/plans`,
  compute: async (db, commune, window) => {
    const share = await commitmentCommentsAnswered(db, commune.id, window);
    return percentOf(share.numerator, share.denominator);
  },
};

const phoneChannelsUsed: ScorecardMetric = {
  id: 'channels.phone_channels_used',
  unit: 'count',
  howKey: 'network.metrics.phone_channels_used',
  dataPath: (slug) => `/${slug}/channels/statistics`,
  compute: async (db, commune, window) => {
    const counts = await contributionsByChannel(db, commune, window);
    return { value: phoneChannels.filter((channel) => (counts.get(channel) ?? 0) > 0).length };
  },
};

const phoneShare: ScorecardMetric = {
  id: 'channels.phone_contributions_share',
  unit: 'percent',
  howKey: 'network.metrics.phone_contributions_share',
  dataPath: (slug) => `/${slug}/channels/statistics`,
  compute: async (db, commune, window) => {
    const counts = await contributionsByChannel(db, commune, window);
    const all = [...counts.values()].reduce((sum, count) => sum + count, 0);
    const byPhoneOrMediator = [...phoneChannels, 'mediator' as const].reduce((sum, channel) => sum + (counts.get(channel) ?? 0), 0);
    return percentOf(byPhoneOrMediator, all);
  },
};

const modulesEnabled = (modules: InstallModules): ScorecardMetric => ({
  id: 'network.modules_enabled',
  unit: 'percent',
  howKey: 'network.metrics.modules_enabled',
  dataPath: (slug) => `/${slug}`,
  compute: async (_db, commune) => {
    // Platform areas and modules every commune has (alwaysOn) are no choice: only switchable modules count.
    const switchable = (await modules()).filter((module) => !module.alwaysOn);
    return percentOf(switchable.filter((module) => commune.enabled_modules.includes(module.id)).length, switchable.length);
  },
});

/** Every metric, computing the install-dependent ones over the given module list. */
export function createScorecardMetrics(modules: InstallModules): readonly ScorecardMetric[] {
  return [
    datasetsPublished(modules),
    datasetsUpToDate(modules),
    budgetPhases,
    decisionsTimely,
    informationOnTime,
    proposalsAnsweredMetric,
    womenShare,
    youthShare,
    complaintMedian,
    proceduresWithinDelay,
    forumMeetings,
    planProgress,
    commentsAnswered,
    phoneChannelsUsed,
    phoneShare,
    modulesEnabled(modules),
  ];
}

/** The install's own module list, imported on first use: src/modules.ts imports this module, so not at load time. */
const installModules: InstallModules = async () => (await import('../../../modules.js')).modules;

/** The registry config/scorecard.json refers to by id. */
export const scorecardMetrics: readonly ScorecardMetric[] = createScorecardMetrics(installModules);
