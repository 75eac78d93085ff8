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
];
