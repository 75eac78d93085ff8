import { expect } from 'vitest';
import type { TestApp } from '../../../test-support/test-app.js';
import { openDataDb } from '../db/open-data-db.js';

/** A dataset form as staff fill it in: only what the form requires, plus what the test adds. */
export const datasetForm = (extra: Record<string, string | string[]> = {}) => ({
  name: '',
  title_fr: 'Marchés publics 2026',
  description_fr: 'Les marchés passés par la commune en 2026.',
  licence_id: 'odc-odbl',
  frequency: 'MONTHLY',
  ...extra,
});

/** Creates a dataset through the back-office and returns its id (read back from the redirect). */
export async function createdDataset(t: TestApp, key: string, slug: string, extra: Record<string, string | string[]> = {}): Promise<string> {
  const created = await t.request(key, 'POST', `/${slug}/admin/data`, datasetForm(extra));
  expect(created.statusCode, created.body).toBe(303);
  const id = String(created.headers.location).split('/').pop()!;
  expect(await openDataDb(t.services.db).selectFrom('open_data_datasets').select('id').where('id', '=', id).executeTakeFirst()).toBeDefined();
  return id;
}
