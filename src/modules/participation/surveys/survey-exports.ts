import type { OpenDataExport } from '../../../platform/module.js';
import type { LocalizedText } from '../../../platform/i18n/locales.js';
import { activePhase, todayIn } from '../phases.js';
import { phasesOf, scoped } from '../queries/participation-queries.js';
import { resultsArePublic } from './survey-rules.js';
import { questionsOf, resultChoices, surveyResults } from './survey-queries.js';
import { isChoice } from './survey-tables.js';
import { percentOf } from './survey-views.js';

const french = (text: LocalizedText, fallback: string) => text.fr ?? text[fallback as keyof LocalizedText] ?? Object.values(text).find(Boolean) ?? '';

/**
 * Survey results as counts only: one row per choice (option or scale value) of each question, for
 * surveys whose results are public. No response, no text answer, no person.
 */
export const surveyResultsExport: OpenDataExport = {
  id: 'participation-survey-results',
  titleKey: 'participation.exports.survey_results',
  rows: async (db, communeId) => {
    const commune = await db.selectFrom('communes').select(['time_zone', 'default_locale']).where('id', '=', communeId).executeTakeFirstOrThrow();
    const today = todayIn(commune.time_zone);
    const surveys = await scoped(db, communeId)
      .selectFrom('surveys')
      .innerJoin('consultations', 'consultations.id', 'surveys.consultation_id')
      .select(['surveys.id', 'surveys.consultation_id', 'surveys.phase_id', 'consultations.status', 'consultations.manual_phase_id'])
      .where('consultations.status', '!=', 'draft')
      .orderBy('surveys.created_at')
      .orderBy('surveys.id')
      .execute();
    const rows: Record<string, unknown>[] = [];
    for (const survey of surveys) {
      const phases = await phasesOf(db, communeId, survey.consultation_id);
      const phase = phases.find((p) => p.id === survey.phase_id)!;
      const active = survey.status === 'published' ? activePhase(phases, today, survey.manual_phase_id) : null;
      if (!resultsArePublic(survey, phase, active, today)) continue;
      const [questions, results] = await Promise.all([questionsOf(db, communeId, survey.id), surveyResults(db, communeId, survey.id)]);
      questions.forEach((question, index) => {
        if (!isChoice(question.kind) && question.kind !== 'scale') return;
        const result = results.byQuestion.get(question.id) ?? { answered: 0, counts: new Map<string, number>() };
        for (const choice of resultChoices(question)) {
          const count = result.counts.get(choice.key) ?? 0;
          const option = choice.option ? french(choice.option, commune.default_locale) : choice.key;
          rows.push({ consultation_id: survey.consultation_id, survey_id: survey.id, question_position: index + 1, question: french(question.prompt, commune.default_locale), option, count, percentage: percentOf(count, result.answered) });
        }
      });
    }
    return rows;
  },
};
