import type { TestApp } from '../../test-support/test-app.js';
import { scoped } from './db/open-data-db.js';
import type { DatasetState } from './db/tables.js';
import type { DatastoreSchema } from './datastore/table-schema.js';

export const budgetSchema: DatastoreSchema = {
  missingValues: [''],
  fields: [{ name: 'Ligne', type: 'string', constraints: { required: true } }, { name: 'Montant', type: 'number', decimalChar: ',' }],
};

/**
 * A staff dataset as the back-office leaves it: a CSV loaded into the datastore, a PDF and a link. Rows are
 * written directly (the back-office and the import have tests of their own).
 */
export async function insertStaffDataset(t: TestApp, slug: string, options: { name: string; state?: DatasetState; title?: string; modifiedAt?: Date }) {
  const communeId = await t.communeId(slug);
  const db = scoped(t.services.db, communeId);
  const dataset = await db.insertInto('open_data_datasets', {
    name: options.name,
    title: JSON.stringify({ fr: options.title ?? 'Exécution du budget 2026', en: 'Budget 2026 execution' }),
    description: JSON.stringify({ fr: 'Dépenses et recettes de la commune, ligne par ligne, mises à jour chaque mois.' }),
    themes: JSON.stringify(['ECON', 'GOVE']),
    keywords: JSON.stringify(['budget', 'finances']),
    licence_id: 'cc-by',
    contact_name: 'Service des finances',
    contact_email: 'finances@example.org',
    temporal_start: '2026-01-01',
    temporal_end: '2026-12-31',
    spatial: 'Commune de Ndar Toute',
    frequency: 'MONTHLY',
    version: '2026.3',
    state: options.state ?? 'published',
    ...(options.modifiedAt ? { modified_at: options.modifiedAt } : {}),
  }).returning(['id', 'name']).executeTakeFirstOrThrow();
  const resource = (values: Record<string, unknown>) => db.insertInto('open_data_resources', { dataset_id: dataset.id, ...values } as never).returning('id').executeTakeFirstOrThrow();
  const csv = await resource({
    position: 0, name: 'Budget exécuté.csv', kind: 'file', storage_key: `open-data/${communeId}/x/budget.csv`, filename: 'budget.csv',
    format: 'CSV', media_type: 'text/csv', byte_size: 2048, sha256: 'ab'.repeat(32),
    table_schema: JSON.stringify(budgetSchema), datastore_active: true, datastore_rows: 2,
    description: JSON.stringify({ fr: 'Une ligne par article budgétaire.' }),
  });
  const pdf = await resource({ position: 1, name: 'Délibération.pdf', kind: 'file', storage_key: `open-data/${communeId}/y/d.pdf`, filename: 'd.pdf', format: 'PDF', media_type: 'application/pdf', byte_size: 3_500_000, sha256: 'cd'.repeat(32) });
  const link = await resource({ position: 2, name: 'Portail national', kind: 'link', url: 'https://data.example.org/budgets', format: 'HTML', media_type: 'text/html' });
  return { id: dataset.id, name: dataset.name, communeId, resources: { csv: csv.id, pdf: pdf.id, link: link.id } };
}
