export { accountabilityModule } from './manifest.js';
export { linkableCommitments } from './plans/queries.js';
export { commitmentCommentsAnswered, councilDecisionsPublishedTimely, currentPlanProgress, forumMeetingsHeld } from './scorecard-figures.js';
