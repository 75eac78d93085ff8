import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rankApplications, type RankingInput, type WeightedCriterion } from './ranking.js';

const criteria: WeightedCriterion[] = [
  { id: 'expertise', weight: 3 },
  { id: 'motivation', weight: 1 },
];
const review = (reviewerId: string, expertise: number, motivation: number) => ({ reviewerId, scores: { expertise, motivation } });
const application = (id: string, ...reviews: ReturnType<typeof review>[]): RankingInput => ({ applicationId: id, sortKey: id, reviews });

describe('the ranking’s arithmetic', () => {
  it('weights each review, averages the reviews, rounds to two decimals and shows the spread', () => {
    // (3×5 + 1×1) / 4 = 4 and (3×2 + 1×4) / 4 = 2.5: mean 3.25, spread 2.5–4.
    const [row] = rankApplications(criteria, [application('a', review('r1', 5, 1), review('r2', 2, 4))]);
    expect(row).toEqual({ applicationId: 'a', score: 3.25, reviewCount: 2, min: 2.5, max: 4, rank: 1, tied: false });
    const [third] = rankApplications([{ id: 'x', weight: 1 }], [{ applicationId: 'b', sortKey: 'b', reviews: [{ reviewerId: 'r', scores: { x: 1 } }, { reviewerId: 's', scores: { x: 1 } }, { reviewerId: 't', scores: { x: 2 } }] }]);
    expect(third!.score).toBe(1.33);
  });

  it('shares a rank between equal scores (1, 2, 2, 4), flags them, and leaves applications without a review unranked at the end', () => {
    const rows = rankApplications(criteria, [
      application('none'),
      application('low', review('r1', 1, 1)),
      application('tie-b', review('r1', 4, 0)),
      application('best', review('r1', 5, 5)),
      application('tie-a', review('r2', 3, 3), review('r1', 4, 0)),
    ]);
    expect(rows.map((r) => [r.applicationId, r.rank, r.tied])).toEqual([
      ['best', 1, false],
      ['tie-a', 2, true],
      ['tie-b', 2, true],
      ['low', 4, false],
      ['none', null, false],
    ]);
    expect(rows.at(-1)).toMatchObject({ score: null, reviewCount: 0, min: null, max: null });
  });

  const scoreArb = fc.integer({ min: 0, max: 5 });
  const criteriaArb = fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { minLength: 1 }).chain((ids) =>
    fc.tuple(...ids.map((id) => fc.integer({ min: 1, max: 9 }).map((weight) => ({ id, weight })))),
  );
  const inputsArb = (ids: string[]) =>
    fc.array(
      fc.array(fc.tuple(...ids.map(() => scoreArb)), { maxLength: 4 }).map((reviews) => reviews.map((scores, i) => ({ reviewerId: `r${i}`, scores: Object.fromEntries(ids.map((id, j) => [id, scores[j]!])) }))),
      { maxLength: 8 },
    ).map((lists) => lists.map((reviews, i): RankingInput => ({ applicationId: `app${i}`, sortKey: `app${i}`, reviews })));
  const casesArb = criteriaArb.chain((cs) => fc.tuple(fc.constant(cs), inputsArb(cs.map((c) => c.id))));

  it('is unchanged when every weight is multiplied by the same constant', () => {
    fc.assert(
      fc.property(casesArb, fc.integer({ min: 2, max: 50 }), ([cs, inputs], k) => {
        expect(rankApplications(cs.map((c) => ({ ...c, weight: c.weight * k })), inputs)).toEqual(rankApplications(cs, inputs));
      }),
    );
  });

  it('does not depend on the order of the reviewers', () => {
    fc.assert(
      fc.property(casesArb, ([cs, inputs]) => {
        const reversed = inputs.map((input) => ({ ...input, reviews: [...input.reviews].reverse() }));
        expect(rankApplications(cs, reversed)).toEqual(rankApplications(cs, inputs));
      }),
    );
  });

  it('keeps scores on 0–5, ranks consistently with scores, and gives equal scores the same rank', () => {
    fc.assert(
      fc.property(casesArb, ([cs, inputs]) => {
        const rows = rankApplications(cs, inputs);
        rows.forEach((row, i) => {
          if (row.score === null) return expect(row.rank).toBeNull();
          expect(row.score).toBeGreaterThanOrEqual(0);
          expect(row.score).toBeLessThanOrEqual(5);
          expect(row.min! <= row.score && row.score <= row.max!).toBe(true);
          const better = rows.filter((other) => other.score !== null && other.score > row.score!).length;
          expect(row.rank).toBe(better + 1);
          expect(row.tied).toBe(rows.some((other, j) => j !== i && other.score === row.score));
        });
      }),
    );
  });
});
