export { budgetingModule } from './manifest.js';
export type { VotingRule } from './voting-rules.js';
export { linkableProjects, type LinkableProject } from './queries/linkable.js';
export type { BallotProblem } from './voting-rules.js';
export { castBallotFromPhone, type PhoneBallotOptions, type PhoneChoice, type PhoneRound, type PhoneVoteOutcome, phoneBallotCost, phoneBallotOptions, phoneBallotProblem, phoneHasVoted, phoneVotingRounds, votersByChannel } from './voting/phone-voting.js';
export { voterProfile } from './voting/scorecard-figures.js';
