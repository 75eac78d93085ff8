import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { councilDb } from './council/tables.js';
import { forumDb } from './forum/tables.js';
import { commentsDb } from './plans/comments/tables.js';
import { commitmentCommentsAnswered, councilDecisionsPublishedTimely, currentPlanProgress, forumMeetingsHeld } from './scorecard-figures.js';

let t: TestApp;
let ndar: string;
let tiznit: string;
let decisions = 0;

// Long before the demo data: only the rows written here fall in it. Dakar is on UTC all year.
const window = { from: new Date('2019-01-01T00:00:00Z'), to: new Date('2019-07-01T00:00:00Z') };
const empty = { from: new Date('2017-01-01T00:00:00Z'), to: new Date('2017-07-01T00:00:00Z') };
const tz = 'Africa/Dakar';
const json = (value: unknown) => JSON.stringify(value);

/** A council session on that day with one decision per publication date given (null: not published). */
async function session(communeId: string, day: string, published: (string | null)[]) {
  const db = councilDb(t.services.db);
  const row = await db.insertInto('council_sessions').values({ commune_id: communeId, session_date: day, title: json({ fr: 'Séance' }), place: 'Mairie' }).returning('id').executeTakeFirstOrThrow();
  for (const at of published) {
    decisions += 1;
    await db
      .insertInto('council_decisions')
      .values({ commune_id: communeId, session_id: row.id, number: `SC-${decisions}`, year: 2019, decision_date: day, subject: json({ fr: 'Objet' }), category: 'other', full_text: json({ fr: 'Texte' }), votes_for: 10, votes_against: 0, abstentions: 0, status: 'adopted', published_at: at })
      .execute();
  }
}

async function forumMeeting(communeId: string, startsAt: string) {
  const db = forumDb(t.services.db);
  const forum = (await db.selectFrom('accountability_forums').select('id').where('commune_id', '=', communeId).executeTakeFirst()) ?? (await db.insertInto('accountability_forums').values({ commune_id: communeId, name: 'Forum' }).returning('id').executeTakeFirstOrThrow());
  await db.insertInto('accountability_forum_meetings').values({ commune_id: communeId, forum_id: forum.id, starts_at: startsAt }).execute();
}

/** A published plan over a period with commitments of given weights and statuses. */
async function plan(communeId: string, period: [string, string], commitments: { weight: number; status: 'not_started' | 'limited' | 'substantial' | 'complete' }[], state: 'draft' | 'published' = 'published') {
  const db = commentsDb(t.services.db);
  const row = await db.insertInto('accountability_plans').values({ commune_id: communeId, kind: 'other', title: json({ fr: 'Plan' }), period_start: period[0], period_end: period[1], state }).returning('id').executeTakeFirstOrThrow();
  const ids: string[] = [];
  for (const [i, c] of commitments.entries()) {
    const commitment = await db.insertInto('accountability_commitments').values({ commune_id: communeId, plan_id: row.id, number: i + 1, title: json({ fr: `Engagement ${i + 1}` }), weight: c.weight, status: c.status }).returning('id').executeTakeFirstOrThrow();
    ids.push(commitment.id);
  }
  return { id: row.id, commitments: ids };
}

async function comment(communeId: string, commitmentId: string, createdAt: string, answer?: { at: string; response: string }, hidden = false) {
  await commentsDb(t.services.db)
    .insertInto('accountability_comments')
    .values({ commune_id: communeId, commitment_id: commitmentId, body: 'Où en est-on ?', created_at: createdAt, outcome: answer ? 'information' : null, response: answer?.response ?? null, responded_at: answer?.at ?? null, hidden_at: hidden ? createdAt : null })
    .execute();
}

beforeAll(async () => {
  t = await createTestApp();
  [ndar, tiznit] = await Promise.all([t.communeId('ndar-toute'), t.communeId('tiznit-el-jadida')]);
});
afterAll(async () => t?.close());

describe('council decisions published within 30 days', () => {
  beforeAll(async () => {
    // In the window: published after 5 days, on the 30th day, on the 31st day, never; the last session (21 June)
    // still has time: its unpublished decision is left out, its published one counts.
    await session(ndar, '2019-02-01', ['2019-02-06T09:00:00Z', '2019-03-03T20:00:00Z', '2019-03-04T09:00:00Z', null]);
    await session(ndar, '2019-06-21', [null, '2019-06-25T09:00:00Z']);
    // Sessions just outside, and another commune's.
    await session(ndar, '2018-12-31', ['2019-01-02T09:00:00Z']);
    await session(ndar, '2019-07-01', ['2019-07-02T09:00:00Z']);
    await session(tiznit, '2019-02-01', [null]);
  });

  it('counts the decisions of the sessions in the window published within 30 days', async () => {
    expect(await councilDecisionsPublishedTimely(t.services.db, ndar, tz, window)).toEqual({ numerator: 3, denominator: 5 });
    expect(await councilDecisionsPublishedTimely(t.services.db, tiznit, 'Africa/Casablanca', window)).toEqual({ numerator: 0, denominator: 1 });
    expect(await councilDecisionsPublishedTimely(t.services.db, ndar, tz, empty)).toEqual({ numerator: 0, denominator: 0 });
  });

  it('reads the seeded demo decisions', async () => {
    const seeded = await councilDecisionsPublishedTimely(t.services.db, ndar, tz, { from: new Date('2020-01-01T00:00:00Z'), to: new Date() });
    expect(seeded.denominator).toBeGreaterThan(0);
  });
});

describe('forum meetings held', () => {
  it('counts the meetings that took place in the window, not those still to come', async () => {
    await forumMeeting(ndar, '2019-01-01T00:00:00Z');
    await forumMeeting(ndar, '2019-04-15T15:00:00Z');
    await forumMeeting(ndar, '2018-12-31T23:59:00Z');
    await forumMeeting(ndar, '2019-07-01T00:00:00Z');
    await forumMeeting(tiznit, '2019-03-01T10:00:00Z');
    expect(await forumMeetingsHeld(t.services.db, ndar, window)).toBe(2);
    expect(await forumMeetingsHeld(t.services.db, tiznit, window)).toBe(1);
    expect(await forumMeetingsHeld(t.services.db, ndar, empty)).toBe(0);
    // A window reaching into the future counts only what already happened.
    const now = new Date('2019-03-01T00:00:00Z');
    expect(await forumMeetingsHeld(t.services.db, ndar, window, now)).toBe(1);
  });
});

describe('current plan progress and comments answered', () => {
  let current: { id: string; commitments: string[] };

  beforeAll(async () => {
    await plan(ndar, ['2017-01-01', '2018-12-31'], [{ weight: 1, status: 'complete' }]);
    // Weighted: (3 × 100 + 1 × 0) / 4 = 75 %.
    current = await plan(ndar, ['2019-01-01', '2019-12-31'], [{ weight: 3, status: 'complete' }, { weight: 1, status: 'not_started' }]);
    await plan(ndar, ['2019-01-01', '2019-12-31'], [{ weight: 1, status: 'not_started' }], 'draft');
    await plan(tiznit, ['2019-01-01', '2019-12-31'], [{ weight: 1, status: 'limited' }]);
  });

  it('takes the published plan covering the end of the window, else the latest started', async () => {
    expect(await currentPlanProgress(t.services.db, ndar, tz, window)).toEqual({ planId: current.id, percent: 75 });
    const before = await currentPlanProgress(t.services.db, ndar, tz, { from: new Date('2019-03-01T00:00:00Z'), to: new Date('2019-01-01T00:00:00Z') });
    expect(before?.percent).toBe(100);
    expect((await currentPlanProgress(t.services.db, tiznit, 'Africa/Casablanca', window))?.percent).toBe(33);
    expect(await currentPlanProgress(t.services.db, ndar, tz, { from: new Date('2010-01-01T00:00:00Z'), to: new Date('2011-01-01T00:00:00Z') })).toBeNull();
  });

  it('counts comments posted in the window and those with a reasoned response before it ended', async () => {
    const [first, second] = current.commitments as [string, string];
    await comment(ndar, first, '2019-02-01T10:00:00Z', { at: '2019-02-10T10:00:00Z', response: 'Les travaux commencent en mars.' });
    await comment(ndar, second, '2019-03-01T10:00:00Z', { at: '2019-06-30T23:00:00Z', response: 'Budget voté.' });
    await comment(ndar, first, '2019-06-20T10:00:00Z', { at: '2019-07-02T10:00:00Z', response: 'Trop tard pour la période.' });
    await comment(ndar, first, '2019-05-01T10:00:00Z');
    await comment(ndar, first, '2019-05-02T10:00:00Z', undefined, true);
    await comment(ndar, first, '2018-12-31T23:59:00Z');
    await comment(ndar, first, '2019-07-01T00:00:00Z');
    expect(await commitmentCommentsAnswered(t.services.db, ndar, window)).toEqual({ numerator: 2, denominator: 4 });
    expect(await commitmentCommentsAnswered(t.services.db, tiznit, window)).toEqual({ numerator: 0, denominator: 0 });
  });
});
