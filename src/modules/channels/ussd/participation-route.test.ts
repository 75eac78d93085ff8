import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, sessionCookieName } from '../../../platform/auth/session-store.js';
import { createTestApp, type TestApp, testCsrfToken } from '../../../test-support/test-app.js';
import { ussdPhone } from './ussd-test-helpers.js';

let t: TestApp;
let ndarId: string;
const hour = 3600_000;
const anyDb = () => t.services.db as unknown as Kysely<any>;

beforeAll(async () => {
  t = await createTestApp();
  ndarId = await t.communeId('ndar-toute');
});
afterAll(() => t.close());

const responsesOf = (phone: string) => anyDb().selectFrom('survey_responses').select(['id', 'channel', 'respondent_id']).where('respondent_phone', '=', phone).execute();
const votersOf = (roundId: string) => anyDb().selectFrom('budget_voters').select(['voter_key', 'channel']).where('round_id', '=', roundId).execute();

/** A knapsack round of Ndar Toute (budget 1 200 XOF) whose vote is open, projects A 600, B 500, C 300. */
async function openRound(): Promise<string> {
  const round = await anyDb()
    .insertInto('budget_rounds')
    .values({ commune_id: ndarId, title: JSON.stringify({ fr: 'Budget des quartiers' }), description: '{}', per_neighbourhood: false, allow_assisted: false, currency: 'XOF', total_amount: 1200, rule: 'knapsack', min_age: null, require_verified_phone: true, allow_ballot_change: false, status: 'published' })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [name, cost] of [['A', 600], ['B', 500], ['C', 300]] as const) {
    await anyDb().insertInto('budget_projects').values({ commune_id: ndarId, round_id: round.id, title: `Projet ${name}`, description: 'Test', estimated_cost: cost, feasibility: 'feasible', created_at: new Date(Date.now() - cost * 10) }).execute();
  }
  await anyDb().insertInto('budget_round_phases').values({ commune_id: ndarId, round_id: round.id, kind: 'voting', starts_at: new Date(Date.now() - hour), ends_at: new Date(Date.now() + 48 * hour) }).execute();
  return round.id;
}

async function signedInWithPhone(phone: string) {
  const user = await t.services.db.insertInto('users').values({ phone_e164: phone, email: null, display_name: 'Votante', neighbourhood: 'Sor', gender: 'female', age_band: '25-34' }).returning('id').executeTakeFirstOrThrow();
  const { token } = await createSession(t.services.db, { userId: user.id, kind: 'citizen', ip: null, userAgent: 'test' });
  return { id: user.id, cookie: `palabre_csrf=${testCsrfToken}; ${sessionCookieName}=${token}` };
}

function webVote(cookie: string, roundId: string, projectIds: string[]) {
  const payload = new URLSearchParams([['_csrf', testCsrfToken], ['_idempotency', randomUUID()], ...projectIds.map((p): [string, string] => ['project', p])]).toString();
  return t.app.inject({ method: 'POST', url: `/ndar-toute/budgets/${roundId}/vote/confirm`, payload, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' } });
}

describe('a survey answered on the USSD line', () => {
  it('asks the open survey’s keypad questions one by one, stores one response with channel ussd, and refuses a second attempt', async () => {
    const phone = ussdPhone(t, 'ndar-toute', '+221770007701', 'ATUid_survey1');
    expect((await phone.dial([])).text).toMatch(/\n5 Sondage$/);
    const first = await phone.dial(['5']);
    expect(first.text).toMatch(/^CON 1\/3 Quelle est la priorité/);
    expect(first.text).toContain('1 Eau potable');
    expect((await phone.dial(['5', '1'])).text).toMatch(/^CON 2\/3 Avez-vous déjà participé.*\n1 Oui\n2 Non$/s);
    expect((await phone.dial(['5', '1', '1'])).text).toMatch(/^CON 3\/3 .*\nTapez un nombre de 1 à 5$/s);
    expect((await phone.dial(['5', '1', '1', '9'])).text).toMatch(/^CON Choix non valide\./);
    expect((await phone.dial(['5', '1', '1', '4'])).text).toBe('CON 3 réponse(s) prête(s). Envoyer ?\n1 Envoyer\n2 Annuler');
    const done = await phone.dial(['5', '1', '1', '4', '1']);
    expect(done.text).toBe('END Merci ! Votre réponse est enregistrée.');
    expect(await phone.dial(['5', '1', '1', '4', '1'])).toEqual(done);
    expect(await responsesOf('+221770007701')).toEqual([expect.objectContaining({ channel: 'ussd', respondent_id: null })]);

    const again = ussdPhone(t, 'ndar-toute', '+221770007701');
    expect((await again.dial(['5'])).text).toBe('END Ce téléphone a déjà répondu à ce sondage. Merci !');
    expect((await again.dial(['5', '2', '2', '1'])).text).toMatch(/^END Ce téléphone a déjà répondu/);
    expect(await responsesOf('+221770007701')).toHaveLength(1);
  });

  it('skips a question whose condition is not met, and refuses an account that answered on the web', async () => {
    const phone = ussdPhone(t, 'ndar-toute', '+221770007702');
    expect((await phone.dial(['5', '2', '2'])).text).toBe('CON 2 réponse(s) prête(s). Envoyer ?\n1 Envoyer\n2 Annuler');
    expect((await phone.dial(['5', '2', '2', '2'])).text).toBe('END Rien n’a été envoyé.');
    expect(await responsesOf('+221770007702')).toEqual([]);
    const admin = await t.services.db.selectFrom('users').select('phone_e164').where('id', '=', t.users.get('ndar-toute:admin')!).executeTakeFirstOrThrow();
    expect((await ussdPhone(t, 'ndar-toute', admin.phone_e164!).dial(['5'])).text).toMatch(/^END Ce téléphone a déjà répondu/);
  });

  it('shows no survey entry in a commune without an open survey', async () => {
    const tiznit = await ussdPhone(t, 'tiznit-el-jadida', '+212600007703').dial([]);
    expect(tiznit.text).not.toMatch(/\n5 /);
    expect((await ussdPhone(t, 'tiznit-el-jadida', '+212600007703').dial(['5'])).text).toMatch(/^CON .*non valide|^CON Not a valid|^CON /);
  });
});

describe('a participatory-budget vote on the USSD line', () => {
  let roundId: string;
  let projects: Record<string, string>;

  beforeAll(async () => {
    roundId = await openRound();
    const rows = await anyDb().selectFrom('budget_projects').select(['id', 'title']).where('round_id', '=', roundId).execute();
    projects = Object.fromEntries(rows.map((r: { id: string; title: string }) => [r.title.slice(-1), r.id]));
  });

  it('picks projects within the budget, confirms, records the vote once with channel ussd, and refuses the same phone again', async () => {
    const phone = ussdPhone(t, 'ndar-toute', '+221770007711', 'ATUid_vote1');
    expect((await phone.dial([])).text).toMatch(/\n6 Budget participatif$/);
    const ballot = await phone.dial(['6']);
    expect(ballot.text).toMatch(/^CON Total 0\/1[\s\u202f\u00a0]200 XOF\n1 600 Projet A\n2 500 Projet B\n3 300 Projet C$/);
    expect((await phone.dial(['6', '1', '2'])).text).toMatch(/^CON Total 1[\s\u202f\u00a0]100\/1[\s\u202f\u00a0]200 XOF\n1 \* 600 Projet A\n2 \* 500 Projet B\n3 300 Projet C\n9 Valider$/);
    expect((await phone.dial(['6', '1', '2', '3'])).text).toMatch(/^CON Dépasse le budget ! Total 1[\s\u202f\u00a0]100/);
    expect((await phone.dial(['6', '1', '2', '3', '9'])).text).toMatch(/^CON Votre vote : Projet A, Projet B\. Total 1[\s\u202f\u00a0]100 XOF\.\n1 Envoyer\n2 Annuler$/);
    const done = await phone.dial(['6', '1', '2', '3', '9', '1']);
    expect(done.text).toBe('END Vote enregistré. Merci !');
    expect(await phone.dial(['6', '1', '2', '3', '9', '1'])).toEqual(done);
    expect(await votersOf(roundId)).toEqual([{ voter_key: 'phone:+221770007711', channel: 'ussd' }]);
    expect((await ussdPhone(t, 'ndar-toute', '+221770007711').dial(['6'])).text).toBe('END Ce téléphone ou son compte a déjà voté pour ce budget.');
    // An account created later with this phone cannot vote again on the web.
    const account = await signedInWithPhone('+221770007711');
    expect((await webVote(account.cookie, roundId, [projects.C!])).statusCode).toBe(409);
    expect(await votersOf(roundId)).toHaveLength(1);
  });

  it('refuses by USSD a person who voted on the web, and stops when the vote closes', async () => {
    const account = await signedInWithPhone('+221770007712');
    expect((await webVote(account.cookie, roundId, [projects.A!])).statusCode).toBe(303);
    expect((await ussdPhone(t, 'ndar-toute', '+221770007712').dial(['6'])).text).toBe('END Ce téléphone ou son compte a déjà voté pour ce budget.');
    const late = ussdPhone(t, 'ndar-toute', '+221770007713');
    expect((await late.dial(['6', '3', '9'])).text).toMatch(/^CON Votre vote : Projet C/);
    await anyDb().updateTable('budget_round_phases').set({ ends_at: new Date(Date.now() - 1000) }).where('round_id', '=', roundId).execute();
    expect((await late.dial(['6', '3', '9', '1'])).text).not.toBe('END Vote enregistré. Merci !');
    expect((await ussdPhone(t, 'ndar-toute', '+221770007714').dial([])).text).not.toContain('6 Budget');
    expect((await votersOf(roundId)).map((v: { channel: string }) => v.channel).sort()).toEqual(['ussd', 'web']);
  });
});
