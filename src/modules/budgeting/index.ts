export { budgetingModule } from './manifest.js';
export type { VotingRule } from './voting-rules.js';
