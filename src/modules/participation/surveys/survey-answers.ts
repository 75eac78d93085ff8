import type { QuestionWithOptions, SurveyQuestion } from './survey-tables.js';

export interface AnswerRow {
  question_id: string;
  option_id: string | null;
  number_value: number | null;
  text_value: string | null;
}

/** Form field names: one per question, and one checkbox per option of a multiple-choice question. */
export const questionField = (question: Pick<SurveyQuestion, 'id'>) => `q_${question.id}`;
export const optionField = (question: Pick<SurveyQuestion, 'id'>, option: { id: string }) => `q_${question.id}_${option.id}`;

const textLimits = { short_text: 300, long_text: 4000 } as const;

/** One question's answer from the form: the rows to store, or an error key (empty answers give no rows). */
function readOne(question: QuestionWithOptions, values: Record<string, string | undefined>): { rows: AnswerRow[]; error?: string } {
  const raw = (values[questionField(question)] ?? '').trim();
  const row = (part: Partial<AnswerRow>): AnswerRow => ({ question_id: question.id, option_id: null, number_value: null, text_value: null, ...part });
  switch (question.kind) {
    case 'single_choice': {
      if (!raw) return { rows: [] };
      return question.options.some((o) => o.id === raw) ? { rows: [row({ option_id: raw })] } : { rows: [], error: 'core.form.invalid' };
    }
    case 'multiple_choice':
      return { rows: question.options.filter((o) => values[optionField(question, o)] === 'on').map((o) => row({ option_id: o.id })) };
    case 'scale': {
      if (!raw) return { rows: [] };
      const n = Number(raw);
      const inRange = Number.isInteger(n) && n >= (question.scale_min ?? 0) && n <= (question.scale_max ?? 0);
      return inRange ? { rows: [row({ number_value: n })] } : { rows: [], error: 'core.form.invalid' };
    }
    default:
      if (raw.length > textLimits[question.kind]) return { rows: [], error: 'core.form.too_long' };
      return { rows: raw ? [row({ text_value: raw })] : [] };
  }
}

/** Whether a question applies: no condition, or its earlier question was answered with the named option. */
export function conditionMet(question: SurveyQuestion, stored: AnswerRow[]): boolean {
  if (!question.condition_question_id) return true;
  return stored.some((a) => a.question_id === question.condition_question_id && a.option_id === question.condition_option_id);
}

/**
 * Reads a submitted survey in question order. Answers to questions whose condition is not met are
 * ignored (without JavaScript they stay visible and may be filled in); `required` holds only when it applies.
 */
export function readAnswers(questions: QuestionWithOptions[], values: Record<string, string | undefined>): { rows: AnswerRow[]; errors: Record<string, string> } {
  const rows: AnswerRow[] = [];
  const errors: Record<string, string> = {};
  for (const question of questions) {
    if (!conditionMet(question, rows)) continue;
    const answer = readOne(question, values);
    if (answer.error) errors[questionField(question)] = answer.error;
    else if (answer.rows.length === 0 && question.required) errors[questionField(question)] = 'participation.survey.answer_required';
    rows.push(...answer.rows);
  }
  return { rows, errors };
}
