import type { ColumnType, Generated, Selectable } from 'kysely';
import type { LocalizedText } from '../../../platform/i18n/locales.js';
import type { Json } from '../../../platform/db/column-types.js';

type OptionalJson<T> = ColumnType<T, string | undefined, string>;

export const questionKinds = ['single_choice', 'multiple_choice', 'short_text', 'long_text', 'scale'] as const;
export type QuestionKind = (typeof questionKinds)[number];
export const surveyChannels = ['web', 'mediator', 'ussd', 'sms', 'whatsapp'] as const;
export type SurveyChannel = (typeof surveyChannels)[number];
export const isChoice = (kind: QuestionKind) => kind === 'single_choice' || kind === 'multiple_choice';

/** A survey held by one consultation phase, its questions, their options, and the responses. */
export type ParticipationSurveyTables = {
  surveys: {
    id: Generated<string>;
    commune_id: string;
    consultation_id: string;
    phase_id: string;
    intro: OptionalJson<LocalizedText>;
    created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  };
  survey_questions: {
    id: Generated<string>;
    commune_id: string;
    survey_id: string;
    position: number;
    kind: QuestionKind;
    prompt: Json<LocalizedText>;
    required: boolean;
    scale_min: number | null;
    scale_max: number | null;
    scale_min_label: OptionalJson<LocalizedText>;
    scale_max_label: OptionalJson<LocalizedText>;
    /** "Answer only if that earlier choice question was answered with that option." */
    condition_question_id: string | null;
    condition_option_id: string | null;
  };
  survey_options: {
    id: Generated<string>;
    commune_id: string;
    question_id: string;
    position: number;
    label: Json<LocalizedText>;
  };
  survey_responses: {
    id: Generated<string>;
    commune_id: string;
    survey_id: string;
    /** The person who answered: themselves, or the mediator acting for `on_behalf_of`. */
    respondent_id: string | null;
    on_behalf_of: string | null;
    /** A response by phone from a number no account verified: the phone is the person (one response per phone). */
    respondent_phone: ColumnType<string | null, string | null | undefined, string | null>;
    channel: SurveyChannel;
    created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  };
  survey_answers: {
    id: Generated<string>;
    commune_id: string;
    response_id: string;
    question_id: string;
    /** Choice questions: one row per chosen option. */
    option_id: string | null;
    /** Scale questions. */
    number_value: number | null;
    /** Text questions. */
    text_value: string | null;
  };
};

export type Survey = Selectable<ParticipationSurveyTables['surveys']>;
export type SurveyQuestion = Selectable<ParticipationSurveyTables['survey_questions']>;
export type SurveyOption = Selectable<ParticipationSurveyTables['survey_options']>;
/** A question with its options, in order. */
export type QuestionWithOptions = SurveyQuestion & { options: SurveyOption[] };
