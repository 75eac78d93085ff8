export { participationModule } from './manifest.js';
export { findProposalSummary, listProposalSummaries, type ProposalSummary, proposalPath } from './proposal-summaries.js';
