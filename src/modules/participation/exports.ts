import type { OpenDataExport } from '../../platform/module.js';
import { scoped } from './queries/participation-queries.js';
import { surveyResultsExport } from './surveys/survey-exports.js';

/** Proposals with their answers and support counts; no author or personal data, nothing hidden by moderation. */
export const participationExports: OpenDataExport[] = [
  {
    id: 'participation-proposals',
    titleKey: 'participation.exports.proposals',
    rows: async (db, communeId) =>
      scoped(db, communeId)
        .selectFrom('proposals')
        .innerJoin('consultations', 'consultations.id', 'proposals.consultation_id')
        .select([
          'proposals.id',
          'proposals.consultation_id',
          'proposals.title',
          'proposals.neighbourhood',
          'proposals.category',
          'proposals.channel',
          'proposals.answer',
          'proposals.answer_reason',
          'proposals.created_at',
          'proposals.support_count as supports',
        ])
        .where('consultations.status', '!=', 'draft')
        .where('proposals.hidden_at', 'is', null)
        .orderBy('proposals.created_at')
        .orderBy('proposals.id')
        .execute(),
  },
  surveyResultsExport,
  {
    id: 'participation-meetings',
    titleKey: 'participation.exports.meetings',
    // Meetings of published consultations with head counts only: no names, no photos, no authors.
    rows: async (db, communeId) =>
      scoped(db, communeId)
        .selectFrom('consultation_meetings')
        .innerJoin('consultations', 'consultations.id', 'consultation_meetings.consultation_id')
        .select((eb) => [
          'consultation_meetings.id',
          'consultation_meetings.consultation_id',
          'consultation_meetings.starts_at',
          'consultation_meetings.location',
          'consultation_meetings.agenda',
          'consultation_meetings.minutes',
          'consultation_meetings.attendance_women',
          'consultation_meetings.attendance_men',
          'consultation_meetings.attendance_youth',
          eb.selectFrom('proposals').select(eb.fn.countAll<number>().as('n')).whereRef('proposals.meeting_id', '=', 'consultation_meetings.id').whereRef('proposals.commune_id', '=', 'consultation_meetings.commune_id').as('proposals_recorded'),
        ])
        .where('consultations.status', '!=', 'draft')
        .orderBy('consultation_meetings.starts_at')
        .orderBy('consultation_meetings.id')
        .execute(),
  },
];
