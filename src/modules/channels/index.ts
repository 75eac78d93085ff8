export { channelsModule } from './manifest.js';
export { type ChannelRow, type ContributionKind, contributionKinds, contributionsInMonths, type StatisticChannel, statisticChannels } from './statistics/statistics.js';
export { contributionsByChannel, phoneChannels } from './statistics/scorecard-figures.js';
