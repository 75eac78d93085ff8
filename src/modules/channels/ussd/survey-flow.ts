import type { PhoneAnswer, PhoneQuestion, PhoneSurvey, PhoneSurveyOutcome } from '../../participation/index.js';
import { confirmScreen, end, listScreen, type Screen, type UssdSession } from './flow.js';
import { maxScreenLength, shorten } from './screen.js';

/** What the survey flow needs (wired in ussd/ports.ts over participation's index.ts). */
export interface UssdSurveyPorts {
  /** Open surveys a phone can answer (single choices and scales only). */
  list(): Promise<PhoneSurvey[]>;
  /** Whether this phone, or its account, already answered, other than by this very request (`key`: a retry replays it). */
  answered(surveyId: string, idempotencyKey: string): Promise<boolean>;
  /** Stores the answers once per key: an operator retrying the confirmation stores nothing twice. */
  answer(surveyId: string, answers: PhoneAnswer[], idempotencyKey: string): Promise<PhoneSurveyOutcome>;
}

/** Scales go up to 10 at most, so 99 can mean "skip" for a question that is not required. */
const skipNumber = '99';

const outcomeKeys: Record<PhoneSurveyOutcome, string> = {
  stored: 'channels.ussd_survey.done',
  already_answered: 'channels.ussd_survey.already',
  closed: 'channels.ussd_survey.closed',
  invalid: 'channels.ussd_survey.invalid',
};

const applies = (question: PhoneQuestion, answers: PhoneAnswer[]) =>
  !question.condition || answers.some((a) => a.questionId === question.condition!.questionId && 'optionId' in a && a.optionId === question.condition!.optionId);

/** One question: numbered choices (with "Skip" when not required), or a number typed in the scale's range. */
function questionScreen(s: UssdSession, question: PhoneQuestion, title: string, then: (answer: PhoneAnswer | null) => Promise<Screen>): Screen {
  if (question.kind === 'choice') {
    // null stands for "Skip", offered last when the question is not required.
    const items: (PhoneQuestion['options'][number] | null)[] = [...question.options, ...(question.required ? [] : [null])];
    return listScreen(s, shorten(title, 90), items, (item) => item?.label ?? s.t('channels.ussd_survey.skip'), async (item) => then(item ? { questionId: question.id, optionId: item.id } : null));
  }
  const hint = s.t('channels.ussd_survey.scale_hint', { min: String(question.min), max: String(question.max) }) + (question.required ? '' : ` ${s.t('channels.ussd_survey.scale_skip')}`);
  return {
    text: shorten(`${shorten(title, maxScreenLength - hint.length - 1)}\n${hint}`, maxScreenLength),
    takesZero: true,
    next: async (input) => {
      if (!question.required && input === skipNumber) return then(null);
      const value = /^\d{1,2}$/.test(input) ? Number(input) : Number.NaN;
      return value >= question.min && value <= question.max ? then({ questionId: question.id, value }) : null;
    },
  };
}

/** Asks the next question that applies (conditions follow earlier answers), then the confirmation. */
function askFrom(s: UssdSession, ports: UssdSurveyPorts, survey: PhoneSurvey, from: number, answers: PhoneAnswer[], path: string[]): Promise<Screen> | Screen {
  const index = survey.questions.findIndex((q, i) => i >= from && applies(q, answers));
  if (index < 0) {
    return confirmScreen(s, s.t('channels.ussd_survey.confirm', { count: String(answers.length) }), async () => {
      const outcome = await ports.answer(survey.id, answers, `${s.sessionId}:${path.join('*')}`);
      return end(s.t(outcomeKeys[outcome]));
    });
  }
  const question = survey.questions[index]!;
  const title = `${index + 1}/${survey.questions.length} ${question.prompt}`;
  return questionScreen(s, question, title, async (answer) => askFrom(s, ports, survey, index + 1, answer ? [...answers, answer] : answers, path));
}

async function start(s: UssdSession, ports: UssdSurveyPorts, survey: PhoneSurvey, path: string[]): Promise<Screen> {
  if (await ports.answered(survey.id, `${s.sessionId}:${path.join('*')}`)) return end(s.t('channels.ussd_survey.already'));
  return askFrom(s, ports, survey, 0, [], path);
}

/** Main menu "5": the open survey (or a choice among several), its questions one by one, then "Send". */
export async function surveyFlow(s: UssdSession, ports: UssdSurveyPorts, surveys: PhoneSurvey[], path: string[]): Promise<Screen> {
  if (surveys.length === 1) return start(s, ports, surveys[0]!, path);
  return listScreen(s, s.t('channels.ussd_survey.pick'), surveys, (survey) => survey.title, (survey) => start(s, ports, survey, path));
}
