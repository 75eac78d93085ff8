import type { Answer, InfluenceLevel, SubjectType } from '../db/tables.js';

export const influenceKeys: Record<InfluenceLevel, { name: string; promise: string }> = {
  inform: { name: 'participation.influence.inform', promise: 'participation.influence.inform_promise' },
  consult: { name: 'participation.influence.consult', promise: 'participation.influence.consult_promise' },
  involve: { name: 'participation.influence.involve', promise: 'participation.influence.involve_promise' },
  collaborate: { name: 'participation.influence.collaborate', promise: 'participation.influence.collaborate_promise' },
  empower: { name: 'participation.influence.empower', promise: 'participation.influence.empower_promise' },
};

export const subjectKeys: Record<SubjectType, string> = {
  development_plan: 'participation.subject.development_plan',
  budget: 'participation.subject.budget',
  action_plan: 'participation.subject.action_plan',
  local_project: 'participation.subject.local_project',
  other: 'participation.subject.other',
};

export const answerKeys: Record<Answer, string> = {
  accepted: 'participation.answer.accepted',
  partially_accepted: 'participation.answer.partially_accepted',
  not_retained: 'participation.answer.not_retained',
  already_planned: 'participation.answer.already_planned',
  out_of_competence: 'participation.answer.out_of_competence',
};

export const channelKeys: Record<string, string> = {
  web: 'participation.channel.web',
  mediator: 'participation.channel.mediator',
  sms: 'participation.channel.sms',
  meeting: 'participation.channel.meeting',
};

export const genderKeys: Record<string, string> = {
  female: 'participation.stats.women',
  male: 'participation.stats.men',
  other: 'participation.stats.other',
  unknown: 'participation.stats.not_given',
};
