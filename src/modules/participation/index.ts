export { participationModule } from './manifest.js';
export { findProposalSummary, listProposalSummaries, type ProposalSummary, proposalPath } from './proposal-summaries.js';
export { type ConsultationSummary, consultationPath, listConsultationSummaries } from './consultation-summaries.js';
export { consultationsTakingProposals, proposalFromMessage } from './phone-contributions.js';
export { answerSurveyFromPhone, type ChannelCount, type PhoneAnswer, type PhoneQuestion, type PhoneSurvey, type PhoneSurveyOutcome, phoneHasAnswered, phoneSurveys, proposalsByChannel, surveyResponsesByChannel } from './surveys/phone-surveys.js';
export { type ParticipantProfile, participantProfile, proposalsAnswered } from './scorecard-figures.js';
