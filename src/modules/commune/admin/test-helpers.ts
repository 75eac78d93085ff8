import type { TestApp } from '../../../test-support/test-app.js';

export { multipartBody, postMultipart } from '../../../test-support/multipart.js';

/** Audit rows of a commune for one action, newest last. */
export async function auditActions(t: TestApp, communeId: string): Promise<{ action: string; resource_id: string | null; actor_user_id: string | null }[]> {
  return t.services.db
    .selectFrom('audit_log')
    .select(['action', 'resource_id', 'actor_user_id'])
    .where('commune_id', '=', communeId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
