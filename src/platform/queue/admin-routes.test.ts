import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const phone = '+221771234567';

/** A message that failed all its attempts, as the queue leaves it. */
async function deadMessage(): Promise<string> {
  const row = await t.services.db
    .insertInto('queue_jobs')
    .values({
      name: 'messages.send',
      data: JSON.stringify({ channel: 'sms', recipient: phone, body: 'Votre code : 482913', purpose: 'otp-dead-letter' }),
      state: 'failed',
      attempts: 6,
      retry_limit: 5,
      retry_delay_seconds: 30,
      retry_backoff: true,
      run_after: new Date(),
      updated_at: new Date(),
      last_error: `provider refused ${phone}`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const stateOf = async (id: string) => (await t.services.db.selectFrom('queue_jobs').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state;

describe('the queue page', () => {
  it('is for platform administrators only', async () => {
    expect((await t.request('ndar-toute:staff', 'GET', '/admin/queue')).statusCode).toBe(403);
    expect((await t.request('ndar-toute:admin', 'GET', '/admin/queue')).statusCode).toBe(403);
    const id = await deadMessage();
    expect((await t.request('ndar-toute:admin', 'POST', `/admin/queue/${id}/retry`, {})).statusCode).toBe(403);
    expect(await stateOf(id)).toBe('failed');
  });

  it('lists a dead letter with its counts, without personal data', async () => {
    await deadMessage();
    const page = await t.request('platform-admin', 'GET', '/admin/queue', undefined, { headers: { 'accept-language': 'fr' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('File des tâches');
    expect(page.body).toContain('messages.send');
    expect(page.body).toContain('purpose: otp-dead-letter');
    expect(page.body).toContain(`recipient: +${'•'.repeat(10)}67`);
    expect(page.body).toContain(`provider refused +${'•'.repeat(10)}67`);
    expect(page.body).not.toContain(phone);
    expect(page.body).not.toContain('482913');
    expect(page.body).toMatch(/En échec<\/dt>\s*<dd>[1-9]/);
    expect(page.body).toContain('name="_csrf"');
  });

  it('is linked from the network home for platform administrators', async () => {
    expect((await t.request('platform-admin', 'GET', '/')).body).toContain('href="/admin/queue"');
  });

  it('retries a dead letter: audited, and delivered at once in inline mode', async () => {
    const id = await deadMessage();
    const response = await t.request('platform-admin', 'POST', `/admin/queue/${id}/retry`, {});
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/admin/queue');
    expect(await stateOf(id)).toBe('completed');
    const delivered = await t.services.db.selectFrom('outbox_messages').select('recipient').where('purpose', '=', 'otp-dead-letter').execute();
    expect(delivered).toEqual([{ recipient: phone }]);
    const audit = await t.services.db.selectFrom('audit_log').selectAll().where('action', '=', 'queue.retried').where('resource_id', '=', id).executeTakeFirst();
    expect(audit).toMatchObject({ commune_id: null, resource_type: 'queue_job', actor_user_id: t.users.get('platform-admin') });
  });

  it('refuses a retry without the CSRF token, and of a job that is not a dead letter', async () => {
    const id = await deadMessage();
    const forged = await t.app.inject({ method: 'POST', url: `/admin/queue/${id}/retry`, headers: { cookie: await t.cookiesFor('platform-admin'), 'content-type': 'application/x-www-form-urlencoded' }, payload: '' });
    expect(forged.statusCode).toBe(403);
    expect(await stateOf(id)).toBe('failed');
    await t.request('platform-admin', 'POST', `/admin/queue/${id}/retry`, {});
    expect((await t.request('platform-admin', 'POST', `/admin/queue/${id}/retry`, {})).statusCode).toBe(404);
    expect((await t.request('platform-admin', 'POST', '/admin/queue/not-a-uuid/retry', {})).statusCode).toBe(404);
  });
});
