import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { budgetingDb } from '../queries/budget-queries.js';
import { voterProfile } from './scorecard-figures.js';

let t: TestApp;
let ndar: string;
let tiznit: string;
let voters = 0;

const window = { from: new Date('2019-01-01T00:00:00Z'), to: new Date('2019-07-01T00:00:00Z') };
const youth = ['15-24', '25-34'];

/** A fresh draft round, so the demo rounds (and any freeze on them) stay out of the way. */
async function round(communeId: string) {
  return budgetingDb(t.services.db)
    .insertInto('budget_rounds')
    .values({ commune_id: communeId, title: JSON.stringify({ fr: 'Budget 2019' }), description: JSON.stringify({ fr: 'Test' }), currency: 'XOF', total_amount: 1000, per_neighbourhood: false, rule: 'approval', max_choices: 3, points: null, min_age: null, require_verified_phone: false, allow_assisted: true, allow_ballot_change: false })
    .returning('id')
    .executeTakeFirstOrThrow();
}

async function voter(communeId: string, roundId: string, createdAt: string, gender: string | null, ageBand: string | null) {
  voters += 1;
  await budgetingDb(t.services.db).insertInto('budget_voters').values({ commune_id: communeId, round_id: roundId, voter_key: `phone:+22170000${voters}`, channel: 'web', neighbourhood: null, gender, age_band: ageBand, sealed_ballot_ref: null, created_at: createdAt }).execute();
}

beforeAll(async () => {
  t = await createTestApp();
  [ndar, tiznit] = await Promise.all([t.communeId('ndar-toute'), t.communeId('tiznit-el-jadida')]);
  const [mine, theirs] = [await round(ndar), await round(tiznit)];
  await voter(ndar, mine.id, '2019-01-01T00:00:00Z', 'female', '15-24');
  await voter(ndar, mine.id, '2019-02-01T00:00:00Z', 'male', '25-34');
  await voter(ndar, mine.id, '2019-03-01T00:00:00Z', 'female', '65+');
  await voter(ndar, mine.id, '2019-04-01T00:00:00Z', null, null);
  await voter(ndar, mine.id, '2019-05-01T00:00:00Z', 'other', 'unknown');
  await voter(ndar, mine.id, '2018-12-31T23:59:59Z', 'female', '15-24');
  await voter(ndar, mine.id, '2019-07-01T00:00:00Z', 'female', '15-24');
  await voter(tiznit, theirs.id, '2019-03-01T00:00:00Z', 'female', '15-24');
});
afterAll(async () => t?.close());

describe('voter profile', () => {
  it('counts the voters of the window by the gender and age band recorded with their vote', async () => {
    expect(await voterProfile(t.services.db, ndar, window, youth)).toEqual({ women: 2, genderKnown: 4, youth: 2, ageKnown: 3 });
    expect(await voterProfile(t.services.db, tiznit, window, youth)).toEqual({ women: 1, genderKnown: 1, youth: 1, ageKnown: 1 });
    expect(await voterProfile(t.services.db, ndar, { from: new Date('2017-01-01T00:00:00Z'), to: new Date('2017-07-01T00:00:00Z') }, youth)).toEqual({ women: 0, genderKnown: 0, youth: 0, ageKnown: 0 });
  });

  it('reads the seeded demo voters', async () => {
    const seeded = await voterProfile(t.services.db, ndar, { from: new Date('2020-01-01T00:00:00Z'), to: new Date() }, youth);
    expect(seeded.genderKnown).toBeGreaterThanOrEqual(seeded.women);
    expect(seeded.ageKnown).toBeGreaterThanOrEqual(seeded.youth);
  });
});
