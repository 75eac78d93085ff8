export { communeModule } from './manifest.js';
export { seedCommunes } from './seed-content.js';
export { communeNeighbourhoods } from './queries/public-queries.js';
export { councilDecisions, councilMeetingChoices, type CouncilDecision } from './queries/linkable.js';
export { councilData, findProcedure, latestNewsHeadline, listProcedures } from './queries/public-queries.js';
