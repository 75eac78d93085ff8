import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Commune } from '../../../platform/db/platform-tables.js';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { answerSurveyFromPhone, type PhoneAnswer, type PhoneSurvey, phoneHasAnswered, phoneSurveys, surveyResponsesByChannel } from '../index.js';
import { scoped } from '../queries/participation-queries.js';

let t: TestApp;
let ndar: Commune;
let survey: PhoneSurvey;

const communeBySlug = (slug: string) => t.services.db.selectFrom('communes').selectAll().where('slug', '=', slug).executeTakeFirstOrThrow();
const option = (question: number, label: string) => survey.questions[question]!.options.find((o) => o.label === label)!.id;
/** The demo survey by phone: priority, "took part in a meeting?" = yes, then the meeting's mark (asked only after yes). */
const fullAnswers = (): PhoneAnswer[] => [
  { questionId: survey.questions[0]!.id, optionId: option(0, 'Eau potable') },
  { questionId: survey.questions[1]!.id, optionId: option(1, 'Oui') },
  { questionId: survey.questions[2]!.id, value: 4 },
];
const answer = (phone: string, answers = fullAnswers(), commune = ndar) => answerSurveyFromPhone(t.services.db, commune, { surveyId: survey.id, phone, channel: 'ussd', answers });
const responsesOf = (phone: string) => scoped(t.services.db, ndar.id).selectFrom('survey_responses').select(['id', 'channel', 'respondent_id', 'respondent_phone']).where('survey_id', '=', survey.id).where('respondent_phone', '=', phone).execute();

beforeAll(async () => {
  t = await createTestApp();
  ndar = await communeBySlug('ndar-toute');
  [survey] = (await phoneSurveys(t.services.db, ndar, 'fr')) as [PhoneSurvey];
});
afterAll(() => t.close());

describe('surveys answered from a phone', () => {
  it('offers the open demo survey with only the questions a keypad can answer', () => {
    expect(survey.title).toBeTruthy();
    expect(survey.questions.map((q) => q.kind)).toEqual(['choice', 'choice', 'scale']);
    expect(survey.questions[2]).toMatchObject({ min: 1, max: 5, condition: { questionId: survey.questions[1]!.id, optionId: option(1, 'Oui') } });
  });

  it('stores one response with channel ussd for a phone without an account, and refuses the same phone twice', async () => {
    expect(await answer('+221770008801')).toBe('stored');
    expect(await answer('+221770008801')).toBe('already_answered');
    const stored = await responsesOf('+221770008801');
    expect(stored).toEqual([expect.objectContaining({ channel: 'ussd', respondent_id: null })]);
    const answers = await scoped(t.services.db, ndar.id).selectFrom('survey_answers').select(['question_id', 'option_id', 'number_value']).where('response_id', '=', stored[0]!.id).execute();
    expect(answers).toHaveLength(3);
    expect(await phoneHasAnswered(t.services.db, ndar.id, survey.id, '+221770008801')).toBe(true);
  });

  it('links the response to the account that verified the phone: an account that answered on the web cannot answer again by phone', async () => {
    const admin = await t.services.db.selectFrom('users').select(['id', 'phone_e164']).where('id', '=', t.users.get('ndar-toute:admin')!).executeTakeFirstOrThrow();
    expect(await answer(admin.phone_e164!)).toBe('already_answered');
    const citizen = await t.services.db.selectFrom('users').select(['id', 'phone_e164']).where('phone_e164', '=', '+221770000005').executeTakeFirstOrThrow();
    expect(await answer(citizen.phone_e164!)).toBe('stored');
    expect(await responsesOf(citizen.phone_e164!)).toEqual([expect.objectContaining({ respondent_id: citizen.id, channel: 'ussd' })]);
  });

  it('applies the survey’s rules: required answers, options of the question, scale range, conditions', async () => {
    const [priority, meeting, mark] = fullAnswers() as [PhoneAnswer, PhoneAnswer, PhoneAnswer];
    expect(await answer('+221770008802', [meeting, mark])).toBe('invalid');
    expect(await answer('+221770008802', [{ questionId: priority.questionId, optionId: option(1, 'Oui') }, meeting, mark])).toBe('invalid');
    expect(await answer('+221770008802', [priority, meeting, { questionId: mark.questionId, value: 9 }])).toBe('invalid');
    expect(await answer('+221770008802', [priority, meeting])).toBe('invalid');
    expect(await answer('+221770008802', [priority, { questionId: meeting.questionId, optionId: option(1, 'Non') }])).toBe('stored');
    expect(await responsesOf('+221770008802')).toHaveLength(1);
  });

  it('one person, one response across channels: a phone that answered by USSD, then its account on the web, and the other way round', async () => {
    const consultation = await scoped(t.services.db, ndar.id).selectFrom('surveys').select('consultation_id').where('id', '=', survey.id).executeTakeFirstOrThrow();
    const webAnswer = async (phone: string) => {
      const user = await t.services.db.insertInto('users').values({ display_name: 'Répondante', phone_e164: phone, email: null, neighbourhood: null, preferred_locale: null, gender: null, age_band: null }).returning('id').executeTakeFirstOrThrow();
      t.users.set(`ndar-toute:${phone}:citizen`, user.id);
      const [priority, meeting] = fullAnswers() as [PhoneAnswer & { optionId: string }, PhoneAnswer & { optionId: string }];
      return t.request(`ndar-toute:${phone}:citizen`, 'POST', `/ndar-toute/consultations/${consultation.consultation_id}/survey`, { [`q_${priority.questionId}`]: priority.optionId, [`q_${meeting.questionId}`]: option(1, 'Non') });
    };
    expect(await answer('+221770008805')).toBe('stored');
    expect((await webAnswer('+221770008805')).statusCode).toBe(409);
    expect((await webAnswer('+221770008806')).statusCode).toBe(303);
    expect(await answer('+221770008806')).toBe('already_answered');
    const byPhone = await scoped(t.services.db, ndar.id).selectFrom('survey_responses').select('channel').where('survey_id', '=', survey.id).where('respondent_phone', 'in', ['+221770008805', '+221770008806']).orderBy('channel').execute();
    expect(byPhone.map((r) => r.channel)).toEqual(['ussd', 'web']);
  });

  it('refuses another commune’s caller and a survey whose phase has ended', async () => {
    const tiznit = await communeBySlug('tiznit-el-jadida');
    expect(await answer('+212600008803', fullAnswers(), tiznit)).toBe('closed');
    const before = await surveyResponsesByChannel(t.services.db, ndar.id, new Date(Date.now() - 86_400_000), ndar.time_zone);
    expect(before.find((r) => r.channel === 'ussd')?.count).toBe(4);
    const phase = await scoped(t.services.db, ndar.id).selectFrom('surveys').select('phase_id').where('id', '=', survey.id).executeTakeFirstOrThrow();
    await scoped(t.services.db, ndar.id).updateTable('consultation_phases').set({ starts_on: '2020-01-01', ends_on: '2020-01-31' }).where('id', '=', phase.phase_id).execute();
    expect(await answer('+221770008804')).toBe('closed');
    expect(await phoneSurveys(t.services.db, ndar, 'fr')).toEqual([]);
  });
});
