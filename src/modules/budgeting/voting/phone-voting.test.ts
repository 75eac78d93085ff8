import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, sessionCookieName } from '../../../platform/auth/session-store.js';
import { createTestApp, type TestApp, testCsrfToken } from '../../../test-support/test-app.js';
import { castBallotFromPhone, type PhoneChoice, phoneBallotOptions, phoneBallotProblem, phoneHasVoted, phoneVotingRounds, votersByChannel } from '../index.js';
import { scoped } from '../queries/budget-queries.js';

let t: TestApp;
let ndarId: string;
const hour = 3600_000;
let phones = 0;
const newPhone = () => `+22177${String(8_100_000 + (phones += 1))}`;

beforeAll(async () => {
  t = await createTestApp();
  ndarId = await t.communeId('ndar-toute');
});
afterAll(() => t.close());

const inNdar = () => scoped(t.services.db, ndarId);

/** A knapsack (or approval) round of Ndar Toute whose vote is open, with projects A 600, B 500, C 300; budget 1200. */
async function openRound(options: { rule?: 'knapsack' | 'approval'; maxChoices?: number; minAge?: number; subBudgets?: Record<string, number> } = {}) {
  const round = await inNdar()
    .insertInto('budget_rounds', { title: JSON.stringify({ fr: 'Tour par téléphone' }), description: '{}', per_neighbourhood: !!options.subBudgets, allow_assisted: false, currency: 'XOF', total_amount: 1200, rule: options.rule ?? 'knapsack', max_choices: options.maxChoices ?? null, points: null, min_age: options.minAge ?? null, require_verified_phone: true, allow_ballot_change: true, status: 'published' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const projects: Record<string, string> = {};
  for (const [name, cost, neighbourhood] of [['A', 600, 'Sor'], ['B', 500, 'Sor'], ['C', 300, 'Pikine']] as const) {
    projects[name] = (await inNdar().insertInto('budget_projects', { round_id: round.id, title: `Projet ${name}`, description: 'Test', estimated_cost: cost, neighbourhood, feasibility: 'feasible' }).returning('id').executeTakeFirstOrThrow()).id;
  }
  for (const [neighbourhood, amount] of Object.entries(options.subBudgets ?? {})) await inNdar().insertInto('budget_sub_budgets', { round_id: round.id, neighbourhood, amount }).execute();
  await inNdar().insertInto('budget_round_phases', { round_id: round.id, kind: 'voting', starts_at: new Date(Date.now() - hour), ends_at: new Date(Date.now() + 48 * hour) }).execute();
  return { id: round.id, projects };
}

const pick = (...ids: string[]): PhoneChoice[] => ids.map((projectId) => ({ projectId, weight: 1 }));
const vote = (roundId: string, phone: string, choices: PhoneChoice[], extra: { subBudget?: string; declaredAge?: boolean } = {}) =>
  castBallotFromPhone(t.services.db, { id: ndarId }, { roundId, phone, subBudget: extra.subBudget ?? null, choices, declaredAge: extra.declaredAge ?? false, channel: 'ussd' });
const votersOf = (roundId: string) => inNdar().selectFrom('budget_voters').select(['voter_key', 'channel']).where('round_id', '=', roundId).execute();
const ballotsOf = (roundId: string) => inNdar().selectFrom('budget_ballots').select(['channel']).where('round_id', '=', roundId).execute();

/** A signed-in account whose verified phone is `phone`. */
async function accountWithPhone(phone: string): Promise<{ id: string; cookie: string }> {
  const user = await t.services.db.insertInto('users').values({ phone_e164: phone, email: null, display_name: 'Votante', neighbourhood: 'Sor', gender: 'female', age_band: '25-34' }).returning('id').executeTakeFirstOrThrow();
  const { token } = await createSession(t.services.db, { userId: user.id, kind: 'citizen', ip: null, userAgent: 'test' });
  return { id: user.id, cookie: `palabre_csrf=${testCsrfToken}; ${sessionCookieName}=${token}` };
}

function webVote(cookie: string, roundId: string, projects: string[]) {
  const payload = new URLSearchParams([['_csrf', testCsrfToken], ['_idempotency', randomUUID()], ...projects.map((p): [string, string] => ['project', p])]).toString();
  return t.app.inject({ method: 'POST', url: `/ndar-toute/budgets/${roundId}/vote/confirm`, payload, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' } });
}

describe('participatory-budget votes from a phone', () => {
  it('lists the open round and its projects, records a phone vote once with channel ussd, and refuses the same phone again', async () => {
    const round = await openRound();
    expect((await phoneVotingRounds(t.services.db, ndarId, 'fr')).map((r) => r.id)).toContain(round.id);
    const options = (await phoneBallotOptions(t.services.db, ndarId, round.id, null))!;
    expect(options).toMatchObject({ budget: 1200, projects: expect.arrayContaining([expect.objectContaining({ title: 'Projet A', cost: 600 })]) });
    const phone = newPhone();
    expect(await vote(round.id, phone, pick(round.projects.A!, round.projects.B!))).toBe('recorded');
    expect(await vote(round.id, phone, pick(round.projects.C!))).toBe('already_voted');
    expect(await votersOf(round.id)).toEqual([{ voter_key: `phone:${phone}`, channel: 'ussd' }]);
    expect(await ballotsOf(round.id)).toEqual([{ channel: 'ussd' }]);
    expect(await phoneHasVoted(t.services.db, ndarId, round.id, phone)).toBe(true);
    const counts = await votersByChannel(t.services.db, ndarId, new Date(Date.now() - hour), 'Africa/Dakar');
    expect(counts.find((c) => c.channel === 'ussd')?.count).toBeGreaterThanOrEqual(1);
  });

  it('the same person cannot vote on the web and then by phone', async () => {
    const round = await openRound();
    const phone = newPhone();
    const account = await accountWithPhone(phone);
    expect((await webVote(account.cookie, round.id, [round.projects.A!])).statusCode).toBe(303);
    expect(await vote(round.id, phone, pick(round.projects.B!))).toBe('already_voted');
    expect(await votersOf(round.id)).toEqual([{ voter_key: `user:${account.id}`, channel: 'web' }]);
  });

  it('the same person cannot vote by phone and then on the web, even with an account created afterwards', async () => {
    const round = await openRound();
    const phone = newPhone();
    expect(await vote(round.id, phone, pick(round.projects.A!))).toBe('recorded');
    const account = await accountWithPhone(phone);
    expect((await webVote(account.cookie, round.id, [round.projects.B!])).statusCode).toBe(409);
    expect(await votersOf(round.id)).toEqual([{ voter_key: `phone:${phone}`, channel: 'ussd' }]);
    expect(await ballotsOf(round.id)).toHaveLength(1);

    const linked = newPhone();
    const withAccount = await accountWithPhone(linked);
    expect(await vote(round.id, linked, pick(round.projects.C!))).toBe('recorded');
    expect((await webVote(withAccount.cookie, round.id, [round.projects.B!])).statusCode).toBe(409);
    expect(await votersOf(round.id)).toContainEqual({ voter_key: `user:${withAccount.id}`, channel: 'ussd' });
  });

  it('applies the round’s rules: budget limit, number of choices, age declaration, sub-budgets, closed vote', async () => {
    const knapsack = await openRound();
    const over = pick(knapsack.projects.A!, knapsack.projects.B!, knapsack.projects.C!);
    expect(phoneBallotProblem({ kind: 'knapsack' }, (await phoneBallotOptions(t.services.db, ndarId, knapsack.id, null))!, over)).toEqual({ code: 'over_budget', total: 1400, budget: 1200 });
    expect(await vote(knapsack.id, newPhone(), over)).toBe('invalid');
    expect(await vote(knapsack.id, newPhone(), [])).toBe('invalid');

    const approval = await openRound({ rule: 'approval', maxChoices: 1, minAge: 16 });
    expect(await vote(approval.id, newPhone(), pick(approval.projects.A!, approval.projects.C!), { declaredAge: true })).toBe('invalid');
    expect(await vote(approval.id, newPhone(), pick(approval.projects.A!))).toBe('invalid');
    expect(await vote(approval.id, newPhone(), pick(approval.projects.A!), { declaredAge: true })).toBe('recorded');

    const local = await openRound({ subBudgets: { Sor: 700, Pikine: 400 } });
    expect(await phoneBallotOptions(t.services.db, ndarId, local.id, null)).toBeNull();
    expect((await phoneBallotOptions(t.services.db, ndarId, local.id, 'Sor'))!.projects.map((p) => p.title).sort()).toEqual(['Projet A', 'Projet B']);
    expect(await vote(local.id, newPhone(), pick(local.projects.A!))).toBe('invalid');
    expect(await vote(local.id, newPhone(), pick(local.projects.C!), { subBudget: 'Sor' })).toBe('invalid');
    expect(await vote(local.id, newPhone(), pick(local.projects.A!, local.projects.B!), { subBudget: 'Sor' })).toBe('invalid');
    expect(await vote(local.id, newPhone(), pick(local.projects.A!), { subBudget: 'Sor' })).toBe('recorded');

    await inNdar().updateTable('budget_round_phases').set({ ends_at: new Date(Date.now() - 1000) }).where('round_id', '=', knapsack.id).execute();
    expect(await vote(knapsack.id, newPhone(), pick(knapsack.projects.A!))).toBe('closed');
    expect((await phoneVotingRounds(t.services.db, ndarId, 'fr')).map((r) => r.id)).not.toContain(knapsack.id);
    const tiznitId = await t.communeId('tiznit-el-jadida');
    expect(await castBallotFromPhone(t.services.db, { id: tiznitId }, { roundId: approval.id, phone: newPhone(), subBudget: null, choices: pick(approval.projects.A!), declaredAge: true, channel: 'ussd' })).toBe('closed');
  });
});
