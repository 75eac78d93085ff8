export { communeModule } from './manifest.js';
export { seedCommunes } from './seed-content.js';
export { communeNeighbourhoods } from './queries/public-queries.js';
export { councilDecisions, type CouncilDecision } from './queries/linkable.js';
