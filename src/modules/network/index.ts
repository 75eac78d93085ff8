export { networkModule } from './manifest.js';
// For the programme's assisted path: steps measured against the live scorecard.
export { forgetScorecards } from './scorecard/source.js';
export { type IndicatorSummary, liveIndicatorValues, scorecardIndicators } from './scorecard/live-values.js';
// For the programme's lessons learned, folded into the guides as draft chapters.
export { appendDraftChapter, type DraftChapter } from './guides/commands.js';
export { allGuides } from './guides/queries.js';
export { adminGuidesPath } from './guides/admin-views.js';
