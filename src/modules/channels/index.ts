export { channelsModule } from './manifest.js';
export { channelKeys, type ChannelRow, type ContributionKind, contributionKinds, contributionsInMonths, kindKeys, type StatisticChannel, statisticChannels } from './statistics/statistics.js';
export { contributionsByChannel, phoneChannels } from './statistics/scorecard-figures.js';
