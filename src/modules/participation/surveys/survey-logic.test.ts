import { describe, expect, it } from 'vitest';
import { planOptions, readQuestionForm } from './question-form.js';
import { readAnswers } from './survey-answers.js';
import { pickSurvey, resultsArePublic, surveyIsOpen } from './survey-rules.js';
import type { QuestionWithOptions, SurveyOption } from './survey-tables.js';

const option = (id: string, fr: string, position = 0): SurveyOption => ({ id, commune_id: 'c', question_id: 'q', position, label: { fr } });
const question = (id: string, position: number, part: Partial<QuestionWithOptions>): QuestionWithOptions => ({
  id, commune_id: 'c', survey_id: 's', position, kind: 'short_text', prompt: { fr: id }, required: false, scale_min: null, scale_max: null,
  scale_min_label: {}, scale_max_label: {}, condition_question_id: null, condition_option_id: null, options: [], ...part,
});

const bus = question('bus', 1, { kind: 'single_choice', required: true, options: [option('yes', 'Oui'), option('no', 'Non', 1)] });
const mark = question('mark', 2, { kind: 'scale', required: true, scale_min: 1, scale_max: 5, condition_question_id: 'bus', condition_option_id: 'yes' });
const trips = question('trips', 3, { kind: 'multiple_choice', options: [option('school', 'École'), option('work', 'Travail', 1)] });
const idea = question('idea', 4, { kind: 'short_text' });
const questions = [bus, mark, trips, idea];

describe('reading a submitted survey', () => {
  it('requires a conditional question only when its condition is met, and ignores it otherwise', () => {
    expect(readAnswers(questions, { q_bus: 'yes' }).errors).toEqual({ q_mark: 'participation.survey.answer_required' });
    const skipped = readAnswers(questions, { q_bus: 'no', q_mark: '4', q_trips_work: 'on' });
    expect(skipped.errors).toEqual({});
    expect(skipped.rows.map((r) => r.question_id)).toEqual(['bus', 'trips']);
  });

  it('refuses unknown options, out-of-range scales and overlong text', () => {
    const { errors } = readAnswers(questions, { q_bus: 'maybe', q_idea: 'x'.repeat(301) });
    expect(errors).toEqual({ q_bus: 'core.form.invalid', q_idea: 'core.form.too_long' });
    expect(readAnswers(questions, { q_bus: 'yes', q_mark: '6' }).errors).toEqual({ q_mark: 'core.form.invalid' });
    expect(readAnswers(questions, { q_bus: 'yes', q_mark: '2.5' }).errors).toEqual({ q_mark: 'core.form.invalid' });
  });

  it('stores one row per chosen option, the scale as a number and text trimmed', () => {
    const { rows } = readAnswers(questions, { q_bus: 'yes', q_mark: '5', q_trips_school: 'on', q_trips_work: 'on', q_idea: '  Plus de bus  ' });
    expect(rows).toEqual([
      { question_id: 'bus', option_id: 'yes', number_value: null, text_value: null },
      { question_id: 'mark', option_id: null, number_value: 5, text_value: null },
      { question_id: 'trips', option_id: 'school', number_value: null, text_value: null },
      { question_id: 'trips', option_id: 'work', number_value: null, text_value: null },
      { question_id: 'idea', option_id: null, number_value: null, text_value: 'Plus de bus' },
    ]);
  });
});

describe('the question form', () => {
  const languages = { enabled_locales: ['fr', 'ar'] as ('fr' | 'ar')[], default_locale: 'fr' as const };

  it('reads options one per line, translations line by line, and conditions on earlier choice questions only', () => {
    const { draft, errors } = readQuestionForm({ prompt_fr: 'Quel jour ?', prompt_ar: 'أي يوم؟', kind: 'single_choice', options_fr: 'Lundi\n\nMardi\n', options_ar: 'الاثنين\nالثلاثاء', condition: 'bus:yes' }, languages, questions, 3);
    expect(errors).toEqual({});
    expect(draft?.options).toEqual([{ fr: 'Lundi', ar: 'الاثنين' }, { fr: 'Mardi', ar: 'الثلاثاء' }]);
    expect(draft?.condition).toEqual({ questionId: 'bus', optionId: 'yes' });
    // A condition on a later question, or on a text question, is refused.
    expect(readQuestionForm({ prompt_fr: 'x', kind: 'short_text', condition: 'bus:yes' }, languages, questions, 1).errors).toEqual({ condition: 'core.form.invalid' });
  });

  it('checks the prompt, the number of options and the scale', () => {
    expect(readQuestionForm({ kind: 'multiple_choice', options_fr: 'Seule' }, languages, [], null).errors).toEqual({ prompt_fr: 'core.form.required', options_fr: 'participation.survey.options_count' });
    expect(readQuestionForm({ prompt_fr: 'x', kind: 'scale', scale_min: '5', scale_max: '3' }, languages, [], null).errors).toEqual({ scale_max: 'participation.survey.scale_invalid' });
    expect(readQuestionForm({ prompt_fr: 'x', kind: 'scale', scale_min: '0', scale_max: '11' }, languages, [], null).errors).toEqual({ scale_max: 'participation.survey.scale_invalid' });
  });
});

describe('matching edited options to stored ones', () => {
  const stored = [option('a', 'Eau', 0), option('b', 'Routes', 1), option('c', 'Écoles', 2)];
  const fr = (...labels: string[]) => labels.map((l) => ({ fr: l }));

  it('keeps moved options and rewordings in place, so their answers follow', () => {
    expect(planOptions(stored, fr('Écoles', 'Eau', 'Routes'), 'fr')).toEqual({ keep: [{ id: 'c', label: { fr: 'Écoles' }, position: 0 }, { id: 'a', label: { fr: 'Eau' }, position: 1 }, { id: 'b', label: { fr: 'Routes' }, position: 2 }], create: [], remove: [] });
    const reworded = planOptions(stored, fr('Eau potable', 'Routes', 'Écoles', 'Santé'), 'fr');
    expect(reworded.keep.find((k) => k.id === 'a')?.label).toEqual({ fr: 'Eau potable' });
    expect(reworded.create).toEqual([{ label: { fr: 'Santé' }, position: 3 }]);
    expect(reworded.remove).toEqual([]);
  });

  it('removes options whose lines disappeared', () => {
    expect(planOptions(stored, fr('Eau', 'Écoles'), 'fr')).toMatchObject({ create: [], remove: ['b'] });
  });
});

describe('survey rules', () => {
  const phase = { id: 'p1', starts_on: '2026-11-01', ends_on: '2026-11-30', allows_survey: true };
  const later = { id: 'p2', starts_on: '2026-12-01', ends_on: '2026-12-31', allows_survey: false };

  it('take answers only in the open phase of a published consultation', () => {
    expect(surveyIsOpen({ status: 'published' }, phase, phase)).toBe(true);
    expect(surveyIsOpen({ status: 'closed' }, phase, phase)).toBe(false);
    expect(surveyIsOpen({ status: 'published' }, phase, later)).toBe(false);
    expect(surveyIsOpen({ status: 'published' }, { ...phase, allows_survey: false }, phase)).toBe(false);
  });

  it('publish results once the phase is over, the consultation closed, or a later phase opened', () => {
    expect(resultsArePublic({ status: 'published' }, phase, phase, '2026-11-15')).toBe(false);
    expect(resultsArePublic({ status: 'published' }, phase, null, '2026-12-01')).toBe(true);
    expect(resultsArePublic({ status: 'closed' }, phase, null, '2026-11-15')).toBe(true);
    expect(resultsArePublic({ status: 'published' }, phase, later, '2026-11-15')).toBe(true);
  });

  it('pick the asked phase’s survey, else the open one’s, else the latest started', () => {
    const surveys = [{ phase_id: 'p1' }, { phase_id: 'p2' }];
    expect(pickSurvey(surveys, [phase, later], null, '2026-12-15')).toBe(surveys[1]);
    expect(pickSurvey(surveys, [phase, later], phase, '2026-12-15')).toBe(surveys[0]);
    expect(pickSurvey(surveys, [phase, later], phase, '2026-12-15', 'p2')).toBe(surveys[1]);
    expect(pickSurvey([], [phase], phase, '2026-11-15')).toBeNull();
  });
});
