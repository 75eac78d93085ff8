import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { requestsDb } from '../queries/requests-db.js';
import { complaintResolutionMedianDays, informationAnsweredOnTime } from './scorecard-figures.js';

let t: TestApp;
let ndar: string;
let tiznit: string;
let counter = 0;

// Long before the demo data: only the rows written here fall in it. Dakar is on UTC all year.
const window = { from: new Date('2019-01-01T00:00:00Z'), to: new Date('2019-07-01T00:00:00Z') };
const empty = { from: new Date('2017-01-01T00:00:00Z'), to: new Date('2017-07-01T00:00:00Z') };

async function insert(communeId: string, row: { kind: 'complaint' | 'information'; submitted: string; due?: string; stage: string; answeredAt?: string; closedAt?: string }) {
  counter += 1;
  // Complaints need a category: any of the commune's.
  const category = await requestsDb(t.services.db).selectFrom('request_categories').select('id').where('commune_id', '=', communeId).executeTakeFirstOrThrow();
  const closed = row.closedAt !== undefined;
  await requestsDb(t.services.db)
    .insertInto('requests')
    .values({
      commune_id: communeId,
      kind: row.kind,
      category_id: row.kind === 'complaint' ? category.id : null,
      subject: row.kind === 'information' ? 'Budget' : null,
      reference: `SC-2019-${String(70000 + counter)}`,
      access_code_hash: 'fixture',
      description: 'Scorecard fixture',
      status: row.stage,
      stage: row.stage,
      is_open: !closed,
      channel: 'web',
      submitted_on: row.submitted,
      due_on: row.due ?? null,
      answered_at: row.answeredAt ?? row.closedAt ?? null,
      closed_at: row.closedAt ?? null,
    })
    .execute();
}

const resolved = (communeId: string, submitted: string, closedAt: string) => insert(communeId, { kind: 'complaint', submitted, stage: 'resolved', closedAt });
const information = (communeId: string, due: string, answeredAt?: string) => insert(communeId, { kind: 'information', submitted: '2019-01-02', due, stage: answeredAt ? 'answered_full' : 'received', ...(answeredAt ? { answeredAt } : {}) });

beforeAll(async () => {
  t = await createTestApp();
  [ndar, tiznit] = await Promise.all([t.communeId('ndar-toute'), t.communeId('tiznit-el-jadida')]);
  // Resolved in 2, 4 and 10 days inside the window: median 4.
  await resolved(ndar, '2019-02-01', '2019-02-03T10:00:00Z');
  await resolved(ndar, '2019-03-01', '2019-03-05T10:00:00Z');
  await resolved(ndar, '2019-06-20', '2019-06-30T23:59:00Z');
  // Just outside the window on either side, a rejected one, and another commune's: none counts.
  await resolved(ndar, '2018-10-01', '2018-12-31T23:59:59Z');
  await resolved(ndar, '2019-04-01', '2019-07-01T00:00:00Z');
  await insert(ndar, { kind: 'complaint', submitted: '2019-02-01', stage: 'rejected', closedAt: '2019-02-02T10:00:00Z' });
  await resolved(tiznit, '2019-01-01', '2019-05-01T10:00:00Z');
  // Information requests due in the window: on time (the due day, late evening), a day late, never answered.
  await information(ndar, '2019-03-10', '2019-03-10T23:30:00Z');
  await information(ndar, '2019-04-10', '2019-04-11T08:00:00Z');
  await information(ndar, '2019-06-30');
  // Due just before and on the first day after the window, and another commune's.
  await information(ndar, '2018-12-31', '2018-12-01T08:00:00Z');
  await information(ndar, '2019-07-01', '2019-06-01T08:00:00Z');
  await information(tiznit, '2019-03-10', '2019-03-01T08:00:00Z');
});
afterAll(async () => t?.close());

describe('complaint resolution median', () => {
  it('is the median of whole days from filing to resolution of the complaints resolved in the window', async () => {
    expect(await complaintResolutionMedianDays(t.services.db, ndar, 'Africa/Dakar', window)).toEqual({ median: 4, resolved: 3 });
  });

  it('counts another commune\'s complaints for that commune only', async () => {
    expect(await complaintResolutionMedianDays(t.services.db, tiznit, 'Africa/Casablanca', window)).toEqual({ median: 120, resolved: 1 });
  });

  it('has no median when nothing was resolved', async () => {
    expect(await complaintResolutionMedianDays(t.services.db, ndar, 'Africa/Dakar', empty)).toEqual({ median: null, resolved: 0 });
  });

  it('reads the seeded demo complaints', async () => {
    const lastYear = { from: new Date(Date.now() - 365 * 86_400_000), to: new Date() };
    const seeded = await complaintResolutionMedianDays(t.services.db, ndar, 'Africa/Dakar', lastYear);
    expect(seeded.resolved).toBeGreaterThan(0);
    expect(seeded.median).toBeGreaterThanOrEqual(0);
  });
});

describe('information requests answered on time', () => {
  it('counts the requests due in the window and those answered by their deadline, in the commune\'s time', async () => {
    expect(await informationAnsweredOnTime(t.services.db, ndar, 'Africa/Dakar', window)).toEqual({ numerator: 1, denominator: 3 });
    // In Casablanca (UTC+1 in March 2019) 23:30 UTC is already the next day: late.
    expect(await informationAnsweredOnTime(t.services.db, ndar, 'Africa/Casablanca', window)).toEqual({ numerator: 0, denominator: 3 });
  });

  it('keeps communes apart and has nothing to count in an empty window', async () => {
    expect(await informationAnsweredOnTime(t.services.db, tiznit, 'Africa/Casablanca', window)).toEqual({ numerator: 1, denominator: 1 });
    expect(await informationAnsweredOnTime(t.services.db, ndar, 'Africa/Dakar', empty)).toEqual({ numerator: 0, denominator: 0 });
  });
});
