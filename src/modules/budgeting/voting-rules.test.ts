import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Ballot, ballotCost, ballotProblem, type BallotProject, rankProjects, selectWinners, tally, type TalliedProject, type VotingRule } from './voting-rules.js';

const projectList = fc.uniqueArray(fc.record({ id: fc.uuid(), cost: fc.integer({ min: 1, max: 50_000_000 }) }), { minLength: 1, maxLength: 15, selector: (p) => p.id });
const byId = (projects: BallotProject[]) => new Map(projects.map((p) => [p.id, p]));
const choose = (ids: string[]): Ballot => new Map(ids.map((id) => [id, 1]));

/** A ballot drawn from the projects: a subset, each with a weight suited to the rule. */
const ballotFor = (projects: BallotProject[], rule: VotingRule) =>
  fc.subarray(projects.map((p) => p.id)).chain((ids) =>
    rule.kind === 'points' ? fc.tuple(...ids.map(() => fc.integer({ min: 0, max: 20 }))).map((w) => new Map(ids.map((id, i) => [id, w[i]!]))) : fc.constant(choose(ids)),
  );

const rules: fc.Arbitrary<VotingRule> = fc.oneof(
  fc.constant({ kind: 'knapsack' } as const),
  fc.integer({ min: 1, max: 5 }).map((maxChoices) => ({ kind: 'approval', maxChoices }) as const),
  fc.integer({ min: 1, max: 30 }).map((points) => ({ kind: 'points', points }) as const),
);

describe('ballot rules', () => {
  it('a knapsack ballot is valid exactly when its cost stays within the budget', () => {
    fc.assert(
      fc.property(projectList, fc.integer({ min: 0, max: 200_000_000 }), (projects, budget) =>
        fc.assert(
          fc.property(ballotFor(projects, { kind: 'knapsack' }), (ballot) => {
            const problem = ballotProblem({ kind: 'knapsack' }, ballot, byId(projects), budget);
            if (ballot.size === 0) return problem?.code === 'empty';
            return (problem === null) === (ballotCost(ballot, byId(projects)) <= budget);
          }),
          { numRuns: 20 },
        ),
      ),
      { numRuns: 50 },
    );
  });

  it('never accepts more choices than an approval ballot allows, nor more points than given', () => {
    fc.assert(
      fc.property(projectList, rules, (projects, rule) => {
        fc.assert(
          fc.property(ballotFor(projects, rule), (ballot) => {
            if (ballotProblem(rule, ballot, byId(projects), Number.MAX_SAFE_INTEGER) !== null) return true;
            const weights = [...ballot.values()].filter((w) => w > 0);
            if (rule.kind === 'approval') return weights.length <= rule.maxChoices;
            if (rule.kind === 'points') return weights.reduce((a, b) => a + b, 0) <= rule.points;
            return true;
          }),
          { numRuns: 20 },
        );
      }),
      { numRuns: 50 },
    );
  });

  it('names the problem: unknown project, wrong weight, empty ballot', () => {
    const projects = byId([{ id: 'a', cost: 10 }, { id: 'b', cost: 20 }]);
    expect(ballotProblem({ kind: 'knapsack' }, choose(['a', 'zzz']), projects, 100)).toEqual({ code: 'unknown_project', projectId: 'zzz' });
    expect(ballotProblem({ kind: 'approval', maxChoices: 2 }, new Map([['a', 2]]), projects, 100)).toEqual({ code: 'invalid_weight', projectId: 'a' });
    expect(ballotProblem({ kind: 'points', points: 5 }, new Map([['a', 1.5]]), projects, 100)).toEqual({ code: 'invalid_weight', projectId: 'a' });
    expect(ballotProblem({ kind: 'points', points: 5 }, new Map([['a', 0]]), projects, 100)).toEqual({ code: 'empty' });
    expect(ballotProblem({ kind: 'knapsack' }, choose(['a', 'b']), projects, 25)).toEqual({ code: 'over_budget', total: 30, budget: 25 });
    expect(ballotProblem({ kind: 'approval', maxChoices: 1 }, choose(['a', 'b']), projects, 0)).toEqual({ code: 'too_many_choices', chosen: 2, max: 1 });
  });
});

const talliedList = fc.uniqueArray(
  fc.record({ id: fc.uuid(), cost: fc.integer({ min: 1, max: 1000 }), votes: fc.integer({ min: 0, max: 50 }), registeredAt: fc.constantFrom('2026-01-01', '2026-02-01', '2026-03-01') }),
  { minLength: 0, maxLength: 20, selector: (p) => p.id },
);

describe('counting', () => {
  it('funded projects never cost more than the budget, and the left-over is what remains', () => {
    fc.assert(
      fc.property(talliedList, fc.integer({ min: 0, max: 5000 }), (projects, budget) => {
        const result = selectWinners(projects, budget);
        const funded = result.ranking.filter((p) => p.funded);
        const cost = funded.reduce((sum, p) => sum + p.cost, 0);
        return cost <= budget && cost === result.fundedCost && result.leftOver === budget - cost && funded.every((p) => p.votes > 0);
      }),
    );
  });

  it('a project left out with votes did not fit in what remained when its turn came', () => {
    fc.assert(
      fc.property(talliedList, fc.integer({ min: 0, max: 5000 }), (projects, budget) => {
        const { ranking } = selectWinners(projects, budget);
        let left = budget;
        for (const project of ranking) {
          if (project.funded) left -= project.cost;
          else if (project.votes > 0 && project.cost <= left) return false;
        }
        return true;
      }),
    );
  });

  it('the ranking does not depend on the order the projects were read in', () => {
    fc.assert(
      fc.property(talliedList.chain((list) => fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }))), ([list, shuffled]) => {
        expect(rankProjects(shuffled).map((p) => p.id)).toEqual(rankProjects(list).map((p) => p.id));
      }),
    );
  });

  it('breaks ties by lower cost, then earlier registration, then id', () => {
    const project = (id: string, votes: number, cost: number, registeredAt: string): TalliedProject => ({ id, votes, cost, registeredAt });
    const ranked = rankProjects([project('d', 5, 100, '2026-01-02'), project('c', 5, 100, '2026-01-01'), project('b', 5, 50, '2026-03-01'), project('a', 7, 900, '2026-05-01'), project('e', 5, 100, '2026-01-01')]);
    expect(ranked.map((p) => p.id)).toEqual(['a', 'b', 'c', 'e', 'd']);
  });

  it('skips a project too dear and funds the next that fits', () => {
    const result = selectWinners(
      [
        { id: 'school', cost: 600, votes: 40, registeredAt: '1' },
        { id: 'market', cost: 500, votes: 30, registeredAt: '1' },
        { id: 'well', cost: 300, votes: 20, registeredAt: '1' },
        { id: 'bench', cost: 50, votes: 0, registeredAt: '1' },
      ],
      1000,
    );
    expect(result.ranking.map((p) => [p.id, p.funded])).toEqual([['school', true], ['market', false], ['well', true], ['bench', false]]);
    expect(result.leftOver).toBe(100);
  });

  it('tallies choices and points', () => {
    expect(tally([choose(['a', 'b']), choose(['a']), new Map([['b', 0]])])).toEqual(new Map([['a', 2], ['b', 1]]));
    expect(tally([new Map([['a', 3], ['b', 2]]), new Map([['a', 1]])])).toEqual(new Map([['a', 4], ['b', 2]]));
  });
});
