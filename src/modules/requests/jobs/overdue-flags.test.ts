import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { complaintInput, fileComplaint } from '../commands/complaint-commands.js';
import { requestsDb, scoped } from '../queries/requests-db.js';
import { flagOverdueComplaints } from './overdue-flags.js';

let t: TestApp;
let tiznitId: string;
let serviceId: string;

const overdueMessages = () => t.services.db.selectFrom('outbox_messages').selectAll().where('purpose', '=', 'requests.overdue').execute();

/** A complaint of the test commune due on the given day, routed to the test service. */
async function dueOn(dueDate: string, options: { sensitive?: boolean } = {}) {
  const commune = await t.services.db.selectFrom('communes').selectAll().where('id', '=', tiznitId).executeTakeFirstOrThrow();
  const category = await scoped(t.services.db, tiznitId).selectFrom('request_categories').select('id').where('code', '=', options.sensitive ? 'staff-conduct' : 'roads').executeTakeFirstOrThrow();
  const { request } = await fileComplaint(t.services.db, commune, complaintInput(category.id, 'حفرة في الطريق'));
  await requestsDb(t.services.db).updateTable('requests').set({ due_on: dueDate, service_id: serviceId }).where('id', '=', request.id).execute();
  return request;
}

const flaggedAt = async (id: string) => (await requestsDb(t.services.db).selectFrom('requests').select('overdue_flagged_at').where('id', '=', id).executeTakeFirstOrThrow()).overdue_flagged_at;

beforeAll(async () => {
  t = await createTestApp();
  tiznitId = await t.communeId('tiznit-el-jadida');
  // Set in Niger's time zone for the test (UTC+1 all year, no summer time): its day starts an hour before UTC's.
  await t.services.db.updateTable('communes').set({ time_zone: 'Africa/Niamey' }).where('id', '=', tiznitId).execute();
  serviceId = (await requestsDb(t.services.db).insertInto('request_services').values({ commune_id: tiznitId, name: JSON.stringify({ fr: 'Voirie', ar: 'الطرق' }), email: 'voirie@tiznit.example' }).returning('id').executeTakeFirstOrThrow()).id;
  // The demo complaints that are already overdue are flagged once, out of the way.
  await flagOverdueComplaints(t.services, new Date('2026-11-10T12:00:00Z'));
});
afterAll(() => t.close());

describe('flagging overdue complaints', () => {
  it('uses the commune’s own day: due yesterday there is overdue even when it is still that day in UTC', async () => {
    const request = await dueOn('2026-11-09');
    // 23:30 UTC on the 10th of November 2026 is already the 11th in Niamey (UTC+1), and the 10th was the deadline.
    await requestsDb(t.services.db).updateTable('requests').set({ due_on: '2026-11-10' }).where('id', '=', request.id).execute();
    expect((await flagOverdueComplaints(t.services, new Date('2026-11-10T22:30:00Z'))).flagged).toBe(0);
    const now = new Date('2026-11-10T23:30:00Z');
    expect((await flagOverdueComplaints(t.services, now)).flagged).toBe(1);
    expect(await flaggedAt(request.id)).toEqual(now);
  });

  it('sends one message per service and one per administrator, listing the references, once even when run twice at once', async () => {
    const first = await dueOn('2026-11-12');
    const second = await dueOn('2026-11-13');
    const notYet = await dueOn('2026-11-20');
    const answered = await dueOn('2026-11-12');
    await requestsDb(t.services.db).updateTable('requests').set({ answered_at: new Date('2026-11-12T10:00:00Z') }).where('id', '=', answered.id).execute();
    const before = (await overdueMessages()).length;
    const now = new Date('2026-11-16T08:00:00Z');
    const runs = await Promise.all([flagOverdueComplaints(t.services, now), flagOverdueComplaints(t.services, now)]);
    expect(runs.map((r) => r.flagged).sort()).toEqual([0, 2]);
    const messages = (await overdueMessages()).slice(before);
    const toService = messages.filter((m) => m.recipient === 'voirie@tiznit.example');
    expect(toService).toHaveLength(1);
    expect(toService[0]!.channel).toBe('email');
    expect(toService[0]!.body).toContain(first.reference);
    expect(toService[0]!.body).toContain(second.reference);
    expect(toService[0]!.body).not.toContain(notYet.reference);
    const toAdmin = messages.filter((m) => m.recipient === '+212600000001');
    expect(toAdmin).toHaveLength(1);
    expect(toAdmin[0]!.channel).toBe('sms');
    expect(messages).toHaveLength(2);
    expect(await flaggedAt(notYet.id)).toBeNull();
    expect(await flaggedAt(answered.id)).toBeNull();
    expect((await flagOverdueComplaints(t.services, new Date('2026-11-17T08:00:00Z'))).flagged).toBe(0);
  });

  it('keeps a sensitive complaint out of the service’s message; the administrators are told', async () => {
    const sensitive = await dueOn('2026-11-18', { sensitive: true });
    const before = (await overdueMessages()).length;
    await flagOverdueComplaints(t.services, new Date('2026-11-20T08:00:00Z'));
    const messages = (await overdueMessages()).slice(before);
    expect(messages.filter((m) => m.recipient === 'voirie@tiznit.example')).toHaveLength(0);
    expect(messages.find((m) => m.recipient === '+212600000001')!.body).toContain(sensitive.reference);
  });
});
