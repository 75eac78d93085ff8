import type { OpenDataExport } from '../../../platform/module.js';
import { programmeDb } from '../db/tables.js';

/** A commune's own applications to the programme (never drafts): what it asked for and where it stands. */
export const applicationsExport: OpenDataExport = {
  id: 'programme-applications',
  titleKey: 'programme.open_data.title',
  descriptionKey: 'programme.open_data.description',
  rows: async (db, communeId) => {
    const rows = await programmeDb(db)
      .selectFrom('programme_applications')
      .innerJoin('programme_calls', 'programme_calls.id', 'programme_applications.call_id')
      .select(['programme_calls.slug as call', 'programme_calls.audience', 'programme_applications.reference', 'programme_applications.status', 'programme_applications.submitted_at'])
      .where('programme_applications.commune_id', '=', communeId)
      .where('programme_applications.status', '<>', 'draft')
      .orderBy('programme_applications.submitted_at')
      .execute();
    return rows.map((row) => ({ ...row, submitted_at: row.submitted_at?.toISOString() ?? null }));
  },
};
