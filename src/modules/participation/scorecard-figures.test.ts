import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { participationDb } from './queries/participation-queries.js';
import { participantProfile, proposalsAnswered } from './scorecard-figures.js';

let t: TestApp;
let ndar: string;
let tiznit: string;
let people = 0;

// Long before the demo data: only the rows written here fall in it.
const window = { from: new Date('2019-01-01T00:00:00Z'), to: new Date('2019-07-01T00:00:00Z') };
const youth = ['15-24', '25-34'];
type Gender = 'female' | 'male' | 'other' | null;

async function user(gender: Gender, ageBand: string | null) {
  people += 1;
  const row = await t.services.db.insertInto('users').values({ phone_e164: `+22177100${String(people).padStart(4, '0')}`, display_name: `Personne ${people}`, gender, age_band: ageBand }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

async function assisted(communeId: string, mediator: string, gender: Gender, ageBand: string | null) {
  const row = await t.services.db
    .insertInto('assisted_participants')
    .values({ commune_id: communeId, full_name: 'Aïssatou Diop', gender, age_band: ageBand, consent_method: 'oral', consent_at: '2019-01-01T00:00:00Z', registered_by: mediator })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The first consultation phase of the commune, with its survey (one is created when the demo has none). */
async function place(communeId: string) {
  const db = participationDb(t.services.db);
  const phase = await db.selectFrom('consultation_phases').select(['id', 'consultation_id']).where('commune_id', '=', communeId).orderBy('starts_on').executeTakeFirstOrThrow();
  const survey = (await db.selectFrom('surveys').select('id').where('commune_id', '=', communeId).executeTakeFirst()) ?? (await db.insertInto('surveys').values({ commune_id: communeId, consultation_id: phase.consultation_id, phase_id: phase.id }).returning('id').executeTakeFirstOrThrow());
  return { phaseId: phase.id, consultationId: phase.consultation_id, surveyId: survey.id };
}

interface ProposalFixture {
  author: string;
  createdAt: string;
  onBehalfOf?: string;
  answeredAt?: string;
  hidden?: boolean;
  mergedInto?: string;
}

async function proposal(communeId: string, f: ProposalFixture) {
  const where = await place(communeId);
  const row = await participationDb(t.services.db)
    .insertInto('proposals')
    .values({
      commune_id: communeId,
      consultation_id: where.consultationId,
      phase_id: where.phaseId,
      author_id: f.author,
      on_behalf_of: f.onBehalfOf ?? null,
      channel: f.onBehalfOf ? 'mediator' : 'web',
      title: 'Une proposition',
      body: 'Éclairer la rue.',
      created_at: f.createdAt,
      answer: f.answeredAt ? 'accepted' : null,
      answer_reason: f.answeredAt ? 'Retenue au budget.' : null,
      answered_at: f.answeredAt ? new Date(f.answeredAt) : null,
      answered_by: f.answeredAt ? f.author : null,
      hidden_at: f.hidden ? new Date(f.createdAt) : null,
      hidden_reason: f.hidden ? 'Hors sujet' : null,
      merged_into_id: f.mergedInto ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function response(communeId: string, createdAt: string, who: { respondent?: string; onBehalfOf?: string; phone?: string }) {
  const where = await place(communeId);
  await participationDb(t.services.db)
    .insertInto('survey_responses')
    .values({ commune_id: communeId, survey_id: where.surveyId, respondent_id: who.respondent ?? null, on_behalf_of: who.onBehalfOf ?? null, respondent_phone: who.phone ?? null, channel: who.onBehalfOf ? 'mediator' : who.phone ? 'ussd' : 'web', created_at: createdAt })
    .execute();
}

async function meeting(communeId: string, startsAt: string, women: number | null, men: number | null, young: number | null) {
  const where = await place(communeId);
  await participationDb(t.services.db)
    .insertInto('consultation_meetings')
    .values({ commune_id: communeId, consultation_id: where.consultationId, starts_at: startsAt, location: 'Maison des jeunes', agenda: 'Budget', minutes: '', attendance_women: women, attendance_men: men, attendance_youth: young })
    .execute();
}

beforeAll(async () => {
  t = await createTestApp();
  [ndar, tiznit] = await Promise.all([t.communeId('ndar-toute'), t.communeId('tiznit-el-jadida')]);
});
afterAll(async () => t?.close());

describe('participant profile', () => {
  it('counts each proposal author and survey respondent once, by the gender and age band they gave, plus meeting attendance', async () => {
    const u1 = await user('female', '15-24');
    const u2 = await user('male', '25-34');
    const u3 = await user('female', '50-64');
    const u4 = await user(null, null);
    const u5 = await user('other', '35-49');
    const u6 = await user('female', '15-24');
    const mediator = await user('male', '65+');
    const a1 = await assisted(ndar, mediator, 'female', '25-34');
    await proposal(ndar, { author: u1, createdAt: '2019-01-01T00:00:00Z' });
    await proposal(ndar, { author: u1, createdAt: '2019-02-01T00:00:00Z' });
    await proposal(ndar, { author: u2, createdAt: '2019-03-01T00:00:00Z' });
    await proposal(ndar, { author: u4, createdAt: '2019-03-02T00:00:00Z' });
    // Entered by a mediator for someone: the person counts, not the mediator.
    await proposal(ndar, { author: mediator, onBehalfOf: a1, createdAt: '2019-03-03T00:00:00Z' });
    await response(ndar, '2019-04-01T00:00:00Z', { respondent: u1 });
    await response(ndar, '2019-04-02T00:00:00Z', { respondent: u3 });
    await response(ndar, '2019-04-03T00:00:00Z', { respondent: u5 });
    await response(ndar, '2019-04-04T00:00:00Z', { phone: '+221771999999' });
    // Just outside the window, and in another commune.
    await proposal(ndar, { author: u6, createdAt: '2019-07-01T00:00:00Z' });
    await response(ndar, '2018-12-31T23:59:59Z', { respondent: u6 });
    await proposal(tiznit, { author: u6, createdAt: '2019-03-01T00:00:00Z' });
    // People: u1, u2, u4, a1, u3, u5 — women u1, a1, u3 of 5 known; young u1, u2, a1 of 5 known.
    expect(await participantProfile(t.services.db, ndar, window, youth)).toEqual({ women: 3, genderKnown: 5, youth: 3, ageKnown: 5 });
    await meeting(ndar, '2019-05-01T09:00:00Z', 10, 5, 6);
    await meeting(ndar, '2019-05-02T09:00:00Z', null, 4, 2);
    await meeting(ndar, '2019-07-01T00:00:00Z', 100, 100, 100);
    expect(await participantProfile(t.services.db, ndar, window, youth)).toEqual({ women: 13, genderKnown: 20, youth: 9, ageKnown: 20 });
    expect(await participantProfile(t.services.db, tiznit, window, youth)).toEqual({ women: 1, genderKnown: 1, youth: 1, ageKnown: 1 });
    expect(await participantProfile(t.services.db, ndar, { from: new Date('2017-01-01T00:00:00Z'), to: new Date('2017-07-01T00:00:00Z') }, youth)).toEqual({ women: 0, genderKnown: 0, youth: 0, ageKnown: 0 });
  });

  it('reads the seeded demo participants', async () => {
    const seeded = await participantProfile(t.services.db, ndar, { from: new Date('2020-01-01T00:00:00Z'), to: new Date() }, youth);
    expect(seeded.genderKnown).toBeGreaterThan(0);
    expect(seeded.genderKnown).toBeGreaterThanOrEqual(seeded.women);
  });
});

describe('proposals answered', () => {
  it('counts proposals filed from a year before the window to 60 days before its end, and those answered by its end', async () => {
    const author = await user(null, null);
    const answered = { from: new Date('2021-01-01T00:00:00Z'), to: new Date('2021-07-01T00:00:00Z') };
    await proposal(ndar, { author, createdAt: '2020-01-01T00:00:00Z', answeredAt: '2020-03-01T00:00:00Z' });
    await proposal(ndar, { author, createdAt: '2021-05-01T23:59:00Z', answeredAt: '2021-06-30T23:00:00Z' });
    await proposal(ndar, { author, createdAt: '2021-03-01T00:00:00Z', answeredAt: '2021-07-01T00:00:00Z' });
    const kept = await proposal(ndar, { author, createdAt: '2020-06-01T00:00:00Z' });
    await proposal(ndar, { author, createdAt: '2020-06-01T00:00:00Z', hidden: true });
    await proposal(ndar, { author, createdAt: '2020-06-02T00:00:00Z', mergedInto: kept });
    // Less than 60 days before the end; more than a year before the start; another commune's.
    await proposal(ndar, { author, createdAt: '2021-05-02T00:00:00Z' });
    await proposal(ndar, { author, createdAt: '2019-12-31T23:59:00Z' });
    await proposal(tiznit, { author, createdAt: '2020-06-01T00:00:00Z', answeredAt: '2020-07-01T00:00:00Z' });
    expect(await proposalsAnswered(t.services.db, ndar, answered)).toEqual({ numerator: 2, denominator: 4 });
    expect(await proposalsAnswered(t.services.db, tiznit, answered)).toEqual({ numerator: 1, denominator: 1 });
    expect(await proposalsAnswered(t.services.db, ndar, { from: new Date('2012-01-01T00:00:00Z'), to: new Date('2012-07-01T00:00:00Z') })).toEqual({ numerator: 0, denominator: 0 });
  });
});
