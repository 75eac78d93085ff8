export { networkModule } from './manifest.js';
// For the programme's assisted path: steps measured against the live scorecard.
export { forgetScorecards } from './scorecard/source.js';
export { type IndicatorSummary, liveIndicatorValues, scorecardIndicators } from './scorecard/live-values.js';
