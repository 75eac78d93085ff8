export { budgetingModule } from './manifest.js';
export type { VotingRule } from './voting-rules.js';
export { linkableProjects, type LinkableProject } from './queries/linkable.js';
