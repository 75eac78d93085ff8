export { channelsModule } from './manifest.js';
export { contributionsByChannel, phoneChannels } from './statistics/scorecard-figures.js';
