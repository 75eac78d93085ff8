export { accountabilityModule } from './manifest.js';
export { linkableCommitments } from './plans/queries.js';
