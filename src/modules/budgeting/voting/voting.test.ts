import { createHash, randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, sessionCookieName } from '../../../platform/auth/session-store.js';
import { createTestApp, type TestApp, testCsrfToken } from '../../../test-support/test-app.js';
import { budgetingModule } from '../manifest.js';
import { scoped } from '../queries/budget-queries.js';
import { openBallotRef } from '../sealed-ref.js';
import { eraseSealedRefsAfterClose } from './jobs.js';
import { roundResults } from './results.js';
import { recordClosedResults } from './results-record.js';
import type { LedgerTables } from '../../../platform/ledger/index.js';

let t: TestApp;
let ndarId: string;
const hour = 3600_000;
const flat = (html: string) => html.replace(/[\u00a0\u202f]/g, ' ');

beforeAll(async () => {
  t = await createTestApp();
  ndarId = await t.communeId('ndar-toute');
});
afterAll(() => t.close());

const inNdar = () => scoped(t.services.db, ndarId);

/** A person of our own making (the demo has one citizen per commune), signed in; with their phone number. */
async function newPerson(profile: { phone?: boolean; gender?: 'female' | 'male'; neighbourhood?: string } = {}): Promise<{ cookie: string; phone: string | null }> {
  const phone = profile.phone === false ? null : `+22177${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
  const user = await t.services.db
    .insertInto('users')
    .values({ phone_e164: phone, email: phone ? null : `${randomUUID()}@example.org`, display_name: 'Votant', neighbourhood: profile.neighbourhood ?? 'Sor', gender: profile.gender ?? 'female', age_band: '25-34' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { token } = await createSession(t.services.db, { userId: user.id, kind: 'citizen', ip: null, userAgent: 'test' });
  return { cookie: `palabre_csrf=${testCsrfToken}; ${sessionCookieName}=${token}`, phone };
}

const newVoter = async (profile: Parameters<typeof newPerson>[0] = {}) => (await newPerson(profile)).cookie;

async function send(cookie: string, method: 'GET' | 'POST', url: string, form?: Record<string, string | string[]>) {
  const pairs: [string, string][] = Object.entries(form ?? {}).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x): [string, string] => [k, x]));
  const payload = form ? new URLSearchParams([['_csrf', testCsrfToken], ...pairs]).toString() : undefined;
  return t.app.inject({ method, url, payload, headers: { cookie, ...(payload ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) } });
}

interface TestRound {
  id: string;
  projects: Record<string, string>;
}

/** A round of Ndar Toute with feasible projects (and one not feasible), its vote open now unless told. */
async function createRound(rule: { rule: 'knapsack' | 'approval' | 'points'; max_choices?: number; points?: number }, options: { total?: number; costs?: Record<string, number>; allowChange?: boolean; minAge?: number | null; phone?: boolean; votingStartsIn?: number } = {}): Promise<TestRound> {
  const round = await inNdar()
    .insertInto('budget_rounds', { title: JSON.stringify({ fr: 'Tour de test' }), description: '{}', per_neighbourhood: false, allow_assisted: false, currency: 'XOF', total_amount: options.total ?? 1200, rule: rule.rule, max_choices: rule.max_choices ?? null, points: rule.points ?? null, min_age: options.minAge ?? null, require_verified_phone: options.phone ?? false, allow_ballot_change: options.allowChange ?? false, status: 'published' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const projects: Record<string, string> = {};
  for (const [name, cost] of Object.entries(options.costs ?? { A: 600, B: 500, C: 300 })) {
    projects[name] = (await inNdar().insertInto('budget_projects', { round_id: round.id, title: `Projet ${name}`, description: 'Test', estimated_cost: cost, feasibility: 'feasible' }).returning('id').executeTakeFirstOrThrow()).id;
  }
  projects.refused = (await inNdar().insertInto('budget_projects', { round_id: round.id, title: 'Projet refusé', description: 'Test', estimated_cost: 100, feasibility: 'not_feasible', feasibility_reason: 'Hors compétence' }).returning('id').executeTakeFirstOrThrow()).id;
  const start = Date.now() + (options.votingStartsIn ?? -hour);
  await inNdar().insertInto('budget_round_phases', { round_id: round.id, kind: 'voting', starts_at: new Date(start), ends_at: new Date(start + 48 * hour) }).execute();
  return { id: round.id, projects };
}

/** Ends the vote a second ago (moving the end is allowed; moving an opened start is not). */
const closeVote = (roundId: string) => inNdar().updateTable('budget_round_phases').set({ ends_at: new Date(Date.now() - 1000) }).where('round_id', '=', roundId).where('kind', '=', 'voting').execute();

const counts = async (roundId: string) => ({
  voters: (await inNdar().selectFrom('budget_voters').select('voter_key').where('round_id', '=', roundId).execute()).length,
  ballots: (await inNdar().selectFrom('budget_ballots').select('id').where('round_id', '=', roundId).execute()).length,
});

const confirm = (cookie: string, round: TestRound, form: Record<string, string | string[]>) => send(cookie, 'POST', `/ndar-toute/budgets/${round.id}/vote/confirm`, { _idempotency: randomUUID(), ...form });

describe('voting without JavaScript on the demo round (knapsack, sub-budgets, ballot change allowed)', () => {
  let roundId: string;
  let cookie: string;
  let ids: Record<string, string>;

  beforeAll(async () => {
    roundId = (await inNdar().selectFrom('budget_rounds').select('id').executeTakeFirstOrThrow()).id;
    await inNdar().updateTable('budget_round_phases').set({ starts_at: new Date(Date.now() - hour), ends_at: new Date(Date.now() + 48 * hour) }).where('round_id', '=', roundId).where('kind', '=', 'voting').execute();
    const projects = await inNdar().selectFrom('budget_projects').select(['id', 'title']).where('round_id', '=', roundId).execute();
    ids = Object.fromEntries(projects.map((p) => [p.title.split(' ')[p.title.startsWith('Rénovation') ? 0 : 1]!, p.id]));
    cookie = await newVoter({ neighbourhood: 'Pikine' });
  });

  it('compute → review → confirm, then a receipt that shows no choice', async () => {
    const url = `/ndar-toute/budgets/${roundId}/vote`;
    expect((await send(cookie, 'GET', `/ndar-toute/budgets/${roundId}`)).body).toContain(`href="${url}"`);
    const form = await send(cookie, 'GET', url);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`value="${ids.forage}"`);
    expect(form.body).not.toContain(ids.digue);
    expect(form.body).toMatch(/<script src="\/ndar-toute\/budgets\/assets\/ballot\.[0-9a-f]{12}\.js"/);
    const script = await send(cookie, 'GET', form.body.match(/src="(\/ndar-toute\/budgets\/assets\/[^"]+)"/)![1]!);
    expect(script.headers['content-type']).toContain('javascript');

    const computed = await send(cookie, 'POST', url, { sub_budget: 'Pikine', project: ids.forage!, intent: 'compute' });
    expect(flat(computed.body)).toContain('Total de mes choix : 4 500 000 F CFA sur 5 000 000 F CFA');
    expect(computed.body).toMatch(/value="[^"]+" checked/);
    const undeclared = await send(cookie, 'POST', url, { sub_budget: 'Pikine', project: ids.forage!, intent: 'review' });
    expect(undeclared.statusCode).toBe(422);
    expect(undeclared.body).toContain('id="declaration-missing"');
    const review = await send(cookie, 'POST', url, { sub_budget: 'Pikine', project: ids.forage!, declaration: 'yes', intent: 'review' });
    expect(review.statusCode).toBe(200);
    expect(review.body).toContain('Un forage pour le marché de Pikine');
    const key = review.body.match(/name="_idempotency" value="([^"]+)"/)![1]!;
    expect(review.body).toContain(`name="project" value="${ids.forage}"`);

    const confirmed = await send(cookie, 'POST', `${url}/confirm`, { _idempotency: key, sub_budget: 'Pikine', project: ids.forage!, declaration: 'yes' });
    expect(confirmed.statusCode).toBe(303);
    expect(confirmed.headers.location).toBe(`${url}/done`);
    const ballots = await inNdar().selectFrom('budget_ballots').selectAll().where('round_id', '=', roundId).execute();
    expect(ballots).toHaveLength(1);
    expect(ballots[0]).toMatchObject({ sub_budget: 'Pikine', channel: 'web', paper_number: null });
    const receipt = await send(cookie, 'GET', `${url}/done`);
    expect(receipt.body).toContain('Votre vote est enregistré');
    expect(receipt.body).not.toContain(ballots[0]!.id);
    expect(receipt.body).not.toContain('forage');
    // The same form sent again replays the stored answer instead of voting twice.
    const replay = await send(cookie, 'POST', `${url}/confirm`, { _idempotency: key, sub_budget: 'Pikine', project: ids.forage!, declaration: 'yes' });
    expect(replay.statusCode).toBe(303);
    expect(replay.headers['idempotent-replayed']).toBe('true');
  });

  it('a change replaces the choices of the same ballot (one voter row, one ballot); the job clears the sealed reference once the vote closes', async () => {
    const changed = await send(cookie, 'POST', `/ndar-toute/budgets/${roundId}/vote/confirm`, { _idempotency: randomUUID(), sub_budget: 'Sor', project: ids['Rénovation']!, declaration: 'yes' });
    expect(changed.statusCode).toBe(303);
    expect(await counts(roundId)).toEqual({ voters: 1, ballots: 1 });
    const ballot = await inNdar().selectFrom('budget_ballots').selectAll().where('round_id', '=', roundId).executeTakeFirstOrThrow();
    expect(ballot.sub_budget).toBe('Sor');
    const choices = await inNdar().selectFrom('budget_ballot_choices').select(['project_id', 'weight']).where('ballot_id', '=', ballot.id).execute();
    expect(choices).toEqual([{ project_id: ids['Rénovation'], weight: 1 }]);

    const voter = await inNdar().selectFrom('budget_voters').selectAll().where('round_id', '=', roundId).executeTakeFirstOrThrow();
    expect(voter).toMatchObject({ channel: 'web', neighbourhood: 'Pikine', gender: 'female', age_band: '25-34' });
    expect(voter.sealed_ballot_ref).not.toContain(ballot.id);
    expect(openBallotRef(t.services.config.sessionSecret, voter.sealed_ballot_ref!)).toBe(ballot.id);
    expect(openBallotRef('not-the-server-secret-not-the-server-secret', voter.sealed_ballot_ref!)).toBeNull();

    expect(await eraseSealedRefsAfterClose(t.services.db, new Date())).toBe(0);
    await closeVote(roundId);
    expect(await eraseSealedRefsAfterClose(t.services.db, new Date())).toBe(1);
    expect(await eraseSealedRefsAfterClose(t.services.db, new Date())).toBe(0);
    expect((await inNdar().selectFrom('budget_voters').select('sealed_ballot_ref').where('round_id', '=', roundId).executeTakeFirstOrThrow()).sealed_ballot_ref).toBeNull();
    expect(budgetingModule.jobs?.map((j) => j.id)).toContain('budgeting.seal-closed-votes');
    const late = await send(cookie, 'POST', `/ndar-toute/budgets/${roundId}/vote/confirm`, { _idempotency: randomUUID(), sub_budget: 'Sor', project: ids['Rénovation']!, declaration: 'yes' });
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain('Le vote est clos.');
  });
});

describe('the server checks every ballot itself', () => {
  it('refuses forged forms for all three rules, storing nothing', async () => {
    const knapsack = await createRound({ rule: 'knapsack' });
    const approval = await createRound({ rule: 'approval', max_choices: 2 });
    const points = await createRound({ rule: 'points', points: 5 });
    const cookie = await newVoter();
    const refused = [
      await confirm(cookie, knapsack, { project: [knapsack.projects.A!, knapsack.projects.B!, knapsack.projects.C!] }),
      await confirm(cookie, approval, { project: [approval.projects.A!, approval.projects.B!, approval.projects.C!] }),
      await confirm(cookie, points, { [`points_${points.projects.A}`]: '4', [`points_${points.projects.B}`]: '2' }),
      await confirm(cookie, points, { [`points_${points.projects.A}`]: '-1' }),
      await confirm(cookie, approval, { project: randomUUID() }),
      await confirm(cookie, approval, { project: approval.projects.refused! }),
      await confirm(cookie, knapsack, { project: approval.projects.A! }),
      await confirm(cookie, approval, {}),
    ];
    expect(refused.map((r) => r.statusCode)).toEqual(Array(refused.length).fill(422));
    for (const round of [knapsack, approval, points]) expect(await counts(round.id)).toEqual({ voters: 0, ballots: 0 });
    // The same rules let a valid ballot through.
    expect((await confirm(cookie, points, { [`points_${points.projects.A}`]: '3', [`points_${points.projects.B}`]: '2' })).statusCode).toBe(303);
    const weights = await inNdar().selectFrom('budget_ballot_choices').innerJoin('budget_ballots', 'budget_ballots.id', 'budget_ballot_choices.ballot_id').select('weight').where('budget_ballots.round_id', '=', points.id).execute();
    expect(weights.map((w) => w.weight).sort()).toEqual([2, 3]);
  });

  it('the "compute" step shows the problem in words', async () => {
    const approval = await createRound({ rule: 'approval', max_choices: 2 });
    const page = await send(await newVoter(), 'POST', `/ndar-toute/budgets/${approval.id}/vote`, { project: [approval.projects.A!, approval.projects.B!, approval.projects.C!], intent: 'compute' });
    expect(page.body).toContain('Vous avez choisi 3 projets ; 2 au plus.');
    expect(page.body).toContain('Projets choisis : 3 sur 2 au plus');
  });

  it('eligibility: a verified phone when required, the declaration when there is a minimum age, an open vote', async () => {
    const phoneRound = await createRound({ rule: 'approval', max_choices: 2 }, { phone: true, minAge: 18 });
    const noPhone = await newVoter({ phone: false });
    expect((await send(noPhone, 'GET', `/ndar-toute/budgets/${phoneRound.id}/vote`)).statusCode).toBe(403);
    expect((await confirm(noPhone, phoneRound, { project: phoneRound.projects.A!, declaration: 'yes' })).statusCode).toBe(403);
    const withPhone = await newVoter();
    expect((await confirm(withPhone, phoneRound, { project: phoneRound.projects.A! })).statusCode).toBe(422);
    expect((await confirm(withPhone, phoneRound, { project: phoneRound.projects.A!, declaration: 'yes' })).statusCode).toBe(303);
    const later = await createRound({ rule: 'approval', max_choices: 2 }, { votingStartsIn: 24 * hour });
    const notOpen = await send(withPhone, 'GET', `/ndar-toute/budgets/${later.id}/vote`);
    expect(notOpen.statusCode).toBe(409);
    expect(notOpen.body).toContain('Le vote n’est pas ouvert.');
    expect((await confirm(withPhone, later, { project: later.projects.A! })).statusCode).toBe(409);
    expect(await counts(later.id)).toEqual({ voters: 0, ballots: 0 });
  });
});

describe('one person, one ballot under concurrency', () => {
  it('50 identical confirmations with the same key: one voter row, one ballot, every answer the same 303', async () => {
    const round = await createRound({ rule: 'approval', max_choices: 2 });
    const cookie = await newVoter();
    const form = { _idempotency: randomUUID(), project: [round.projects.A!, round.projects.C!] };
    const answers = await Promise.all(Array.from({ length: 50 }, () => send(cookie, 'POST', `/ndar-toute/budgets/${round.id}/vote/confirm`, form)));
    // Issue 12: the duplicates wait for the first attempt's commit, then replay its answer (no 409 "in progress").
    expect(answers.map((a) => a.statusCode)).toEqual(answers.map(() => 303));
    expect(new Set(answers.map((a) => a.headers.location)).size).toBe(1);
    expect(answers.filter((a) => a.headers['idempotent-replayed'] === 'true')).toHaveLength(49);
    expect(await counts(round.id)).toEqual({ voters: 1, ballots: 1 });
  });

  it('50 confirmations with different keys by one voter (no change allowed): one ballot, the others told they already voted', async () => {
    const round = await createRound({ rule: 'approval', max_choices: 2 });
    const cookie = await newVoter();
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => confirm(cookie, round, { project: i % 2 ? round.projects.A! : round.projects.B! })));
    expect(answers.filter((a) => a.statusCode === 303)).toHaveLength(1);
    expect(answers.every((a) => a.statusCode === 303 || a.statusCode === 409)).toBe(true);
    expect(answers.find((a) => a.statusCode === 409)!.body).toContain('Vous avez déjà voté pour ce budget');
    expect(await counts(round.id)).toEqual({ voters: 1, ballots: 1 });
    expect((await send(cookie, 'GET', `/ndar-toute/budgets/${round.id}/vote`)).body).toContain('data-block="already_voted"');
    expect((await inNdar().selectFrom('budget_voters').select('sealed_ballot_ref').where('round_id', '=', round.id).executeTakeFirstOrThrow()).sealed_ballot_ref).toBeNull();
  });
});

const resultsEntries = (roundId: string) => (t.services.db as unknown as Kysely<LedgerTables>).selectFrom('ledger_entries').selectAll().where('kind', '=', 'budgeting.results').where('url', 'like', `%/${roundId}/results.csv`).execute();

/** The closed round's results file enters the tamper-evident record once, even when two jobs race, hash = download. */
async function checkResultsRecord(roundId: string) {
  await Promise.all([recordClosedResults(t.services.db, t.services.config, new Date()), recordClosedResults(t.services.db, t.services.config, new Date())]);
  await recordClosedResults(t.services.db, t.services.config, new Date());
  const entries = await resultsEntries(roundId);
  expect(entries).toHaveLength(1);
  const download = await t.request(null, 'GET', `/ndar-toute/budgets/${roundId}/results.csv`);
  expect(download.statusCode).toBe(200);
  expect(download.body.split('\r\n')[1]).toMatch(/,Projet A,.*,3,yes$/);
  expect(createHash('sha256').update(download.rawPayload).digest('hex')).toBe(entries[0]!.content_sha256);
}

describe('secret ballot and sealed results', () => {
  it('ballots carry no column naming a voter and no time', async () => {
    const columns = await sql<{ column_name: string; data_type: string }>`select column_name, data_type from information_schema.columns where table_name in ('budget_ballots', 'budget_ballot_choices')`.execute(t.services.db);
    expect(columns.rows.length).toBeGreaterThan(5);
    for (const column of columns.rows) {
      expect(column.column_name).not.toMatch(/voter|user|person|_at$|time|date/);
      expect(column.data_type).not.toMatch(/time|date/);
    }
  });

  it('results are sealed for everyone before the end, then show winners, the tie-break rule and turnout; no audit of votes', async () => {
    const round = await createRound({ rule: 'knapsack' }, { total: 1200 });
    const { A, B, C } = round.projects as { A: string; B: string; C: string };
    const auditBefore = (await t.services.db.selectFrom('audit_log').select('id').execute()).length;
    const ballots = [[A, C], [A, B], [B, C], [A]];
    for (const [index, choice] of ballots.entries()) {
      expect((await confirm(await newVoter({ gender: index % 2 ? 'male' : 'female', neighbourhood: 'Sor' }), round, { project: choice })).statusCode).toBe(303);
    }
    expect((await t.services.db.selectFrom('audit_log').select('id').execute()).length).toBe(auditBefore);

    const row = await inNdar().selectFrom('budget_rounds').selectAll().where('id', '=', round.id).executeTakeFirstOrThrow();
    expect(await roundResults(t.services.db, ndarId, row, new Date())).toMatchObject({ sealed: true });
    for (const who of ['ndar-toute:staff', 'ndar-toute:admin', 'platform-admin', null]) {
      const page = await t.request(who, 'GET', `/ndar-toute/budgets/${round.id}/results`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('id="results-sealed"');
      expect(page.body).not.toContain('Projet A');
    }
    expect((await budgetingModule.openDataExports!.find((e) => e.id === 'budgeting-results')!.rows(t.services.db, ndarId)).some((r) => r.round_id === round.id)).toBe(false);
    expect((await t.request(null, 'GET', `/ndar-toute/budgets/${round.id}/results.csv`)).statusCode).toBe(404);
    expect(await resultsEntries(round.id)).toHaveLength(0);

    await closeVote(round.id);
    await checkResultsRecord(round.id);
    const results = await roundResults(t.services.db, ndarId, row, new Date());
    if (results.sealed) throw new Error('results should be open');
    // A 3 votes; B and C 2 each, C first as the cheaper; A and C fit in 1 200, B no longer does.
    expect(results.budgets[0]!.ranking.map((p) => [p.title, p.votes, p.funded])).toEqual([['Projet A', 3, true], ['Projet C', 2, true], ['Projet B', 2, false]]);
    expect(results.budgets[0]).toMatchObject({ fundedCost: 900, leftOver: 300 });
    expect(results.turnout).toMatchObject({ voters: 4, byChannel: [['web', 4]], byGender: [['female', 2], ['male', 2]] });
    const page = flat((await t.request('ndar-toute:citizen', 'GET', `/ndar-toute/budgets/${round.id}/results`)).body);
    expect(page).toContain('<svg');
    expect(page).toContain('Règle de départage');
    expect(page).toContain('4 votants');
    expect(page).toContain('Montant financé : 900 F CFA. Reste non attribué : 300 F CFA.');
    const exported = await budgetingModule.openDataExports!.find((e) => e.id === 'budgeting-results')!.rows(t.services.db, ndarId);
    const mine = exported.filter((r) => r.round_id === round.id);
    expect(mine.map((r) => [r.title, r.votes, r.rank, r.funded])).toEqual([['Projet A', 3, 1, true], ['Projet C', 2, 2, true], ['Projet B', 2, 3, false]]);
    expect(Object.keys(mine[0]!).join(',')).not.toMatch(/voter|ballot/);
  });

  it('another commune’s address reaches neither the vote nor the results', async () => {
    const round = await createRound({ rule: 'approval', max_choices: 2 });
    const cookie = await newVoter();
    expect((await send(cookie, 'GET', `/tiznit-el-jadida/budgets/${round.id}/vote`)).statusCode).toBe(404);
    expect((await send(cookie, 'POST', `/tiznit-el-jadida/budgets/${round.id}/vote/confirm`, { _idempotency: randomUUID(), project: round.projects.A! })).statusCode).toBe(404);
    expect((await send(cookie, 'GET', `/tiznit-el-jadida/budgets/${round.id}/results`)).statusCode).toBe(404);
    expect(await counts(round.id)).toEqual({ voters: 0, ballots: 0 });
  });
});

describe('paper ballots entered by a mediator', () => {
  it('records a sheet once per number, for a person who has not voted online, and audits nothing that reveals the vote', async () => {
    const round = await createRound({ rule: 'approval', max_choices: 2 }, { allowChange: true });
    const paper = `/ndar-toute/admin/budgets/${round.id}/paper`;
    const mediator = 'ndar-toute:mediator';
    const form = await t.request(mediator, 'GET', paper);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="paper_number"');
    expect(form.body).not.toContain(round.projects.refused);

    const first = await newPerson();
    const recorded = await t.request(mediator, 'POST', paper, { paper_number: 'P-0001', voter_phone: first.phone!, project: round.projects.A! });
    expect(recorded.statusCode).toBe(303);
    const ballot = await inNdar().selectFrom('budget_ballots').selectAll().where('round_id', '=', round.id).executeTakeFirstOrThrow();
    expect(ballot).toMatchObject({ channel: 'paper', paper_number: 'P-0001' });
    const voter = await inNdar().selectFrom('budget_voters').selectAll().where('round_id', '=', round.id).executeTakeFirstOrThrow();
    expect(voter).toMatchObject({ channel: 'paper', sealed_ballot_ref: null });

    // The same sheet again, for someone else: refused by the unique paper number.
    const second = await newPerson();
    const twice = await t.request(mediator, 'POST', paper, { paper_number: 'P-0001', voter_phone: second.phone!, project: round.projects.B! });
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain('Ce numéro de bulletin a déjà été saisi');
    // Voted on paper: cannot vote online, even where online ballots may be changed.
    const online = await confirm(first.cookie, round, { project: round.projects.B! });
    expect(online.statusCode).toBe(409);
    // Voted online: cannot vote on paper.
    expect((await confirm(second.cookie, round, { project: round.projects.B! })).statusCode).toBe(303);
    const onPaper = await t.request(mediator, 'POST', paper, { paper_number: 'P-0002', voter_phone: second.phone!, project: round.projects.C! });
    expect(onPaper.statusCode).toBe(409);
    expect(onPaper.body).toContain('Cette personne a déjà voté');
    // A forged sheet and an unknown person are refused with the typed values kept.
    const third = await newPerson();
    const tooMany = await send(await t.cookiesFor(mediator), 'POST', paper, { paper_number: 'P-0003', voter_phone: third.phone!, project: [round.projects.A!, round.projects.B!, round.projects.C!] });
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.body).toContain('Vous avez choisi 3 projets ; 2 au plus.');
    expect(tooMany.body).toContain('value="P-0003"');
    expect((await t.request(mediator, 'POST', paper, { paper_number: 'P-0004', voter_phone: '+221770009999', project: round.projects.A! })).statusCode).toBe(422);
    expect(await counts(round.id)).toEqual({ voters: 2, ballots: 2 });

    const audit = await t.services.db.selectFrom('audit_log').select(['action', 'details', 'resource_id']).where('action', '=', 'budget_round.paper_ballot_entered').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0])).not.toMatch(/P-0001|user:/);
  });

  it('a polling officer checks who may vote — the answer never says how, and the check is audited without the person', async () => {
    const round = await createRound({ rule: 'approval', max_choices: 2 });
    const check = `/ndar-toute/admin/budgets/${round.id}/eligibility`;
    const mediator = 'ndar-toute:mediator';
    // The polling station page, in the mediators' menu, leads to the check and the paper entry of each round.
    const station = await t.request(mediator, 'GET', '/ndar-toute/admin/budgets/polling-station');
    expect(station.body).toContain(`href="${check}"`);
    expect(station.body).toContain('href="/ndar-toute/admin/budgets/polling-station"');
    expect((await t.request('ndar-toute:citizen', 'GET', '/ndar-toute/admin/budgets/polling-station')).statusCode).toBe(403);
    expect((await t.request(mediator, 'GET', check)).statusCode).toBe(200);
    const person = await newPerson();
    expect(flat((await t.request(mediator, 'POST', check, { voter_phone: person.phone! })).body)).toContain('Cette personne peut voter');
    expect((await confirm(person.cookie, round, { project: round.projects.A! })).statusCode).toBe(303);
    const after = flat((await t.request(mediator, 'POST', check, { voter_phone: person.phone! })).body);
    expect(after).toContain('Cette personne a déjà voté pour ce budget');
    expect(after).not.toContain('Projet A');
    expect(flat((await t.request(mediator, 'POST', check, { voter_phone: '+221770009999' })).body)).toContain('Aucun compte avec ce téléphone');
    const audit = await t.services.db.selectFrom('audit_log').select(['details', 'resource_id']).where('action', '=', 'budget_round.eligibility_checked').where('resource_id', '=', round.id).execute();
    expect(audit).toHaveLength(3);
    expect(JSON.stringify(audit)).not.toContain(person.phone!);
    expect((await t.request('ndar-toute:citizen', 'POST', check, { voter_phone: person.phone! })).statusCode).toBe(403);
    expect((await t.request('tiznit-el-jadida:mediator', 'POST', `/tiznit-el-jadida/admin/budgets/${round.id}/eligibility`, { voter_phone: person.phone! })).statusCode).toBe(404);
  });

  it('is closed to citizens and to another commune’s mediators', async () => {
    const round = await createRound({ rule: 'approval', max_choices: 2 });
    expect((await t.request('ndar-toute:citizen', 'GET', `/ndar-toute/admin/budgets/${round.id}/paper`)).statusCode).toBe(403);
    expect((await t.request('tiznit-el-jadida:mediator', 'GET', `/tiznit-el-jadida/admin/budgets/${round.id}/paper`)).statusCode).toBe(404);
    expect((await t.request('tiznit-el-jadida:mediator', 'POST', `/tiznit-el-jadida/admin/budgets/${round.id}/paper`, { paper_number: 'X', voter_phone: '+221770000005', project: round.projects.A! })).statusCode).toBe(404);
    expect(await counts(round.id)).toEqual({ voters: 0, ballots: 0 });
  });
});
