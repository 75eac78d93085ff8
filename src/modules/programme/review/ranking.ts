/**
 * The ranking's arithmetic, kept pure so it can be proved by tests: one review's score is the weighted mean of its
 * criterion scores (0–5), an application's score the plain mean of its reviews' scores.
 */

export interface WeightedCriterion {
  id: string;
  weight: number;
}

/** One reviewer's scores for one application, by criterion id. */
export interface ReviewScores {
  reviewerId: string;
  scores: Readonly<Record<string, number>>;
}

export interface RankingInput {
  applicationId: string;
  /** Orders applications whose scores are equal (e.g. the reference), so the list is stable. */
  sortKey: string;
  reviews: readonly ReviewScores[];
}

export interface RankedApplication {
  applicationId: string;
  /** Mean weighted score on 0–5, rounded to two decimals; null without any review. */
  score: number | null;
  reviewCount: number;
  /** The lowest and highest review scores: a wide spread means the reviewers disagree. */
  min: number | null;
  max: number | null;
  /** 1 for the best; equal scores share a rank (1, 2, 2, 4); null when unranked (no review). */
  rank: number | null;
  tied: boolean;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
export const roundTo2 = (value: number): number => Math.round(value * 100 + 1e-9) / 100;

/** Weights divided by their greatest common divisor: scaling every weight by a constant then changes nothing at all. */
function normalisedWeights(criteria: readonly WeightedCriterion[]): Map<string, number> {
  const divisor = criteria.reduce((d, c) => gcd(c.weight, d), 0) || 1;
  return new Map(criteria.map((c) => [c.id, c.weight / divisor]));
}

/** Σ weight × score / Σ weight over the criteria the review scored; null when it scored none of them. */
function reviewScore(weights: Map<string, number>, review: ReviewScores): number | null {
  let weighted = 0;
  let total = 0;
  for (const [criterionId, weight] of weights) {
    const score = review.scores[criterionId];
    if (score === undefined) continue;
    weighted += weight * score;
    total += weight;
  }
  return total === 0 ? null : weighted / total;
}

function scoreApplication(weights: Map<string, number>, input: RankingInput): Omit<RankedApplication, 'rank' | 'tied'> {
  // Sorted before summing: the result does not depend on the order the reviews arrive in.
  const scores = input.reviews.flatMap((review) => reviewScore(weights, review) ?? []).sort((a, b) => a - b);
  if (scores.length === 0) return { applicationId: input.applicationId, score: null, reviewCount: 0, min: null, max: null };
  const mean = scores.reduce((sum, s) => sum + s, 0) / scores.length;
  return { applicationId: input.applicationId, score: roundTo2(mean), reviewCount: scores.length, min: roundTo2(scores[0]!), max: roundTo2(scores.at(-1)!) };
}

/** Best first; equal (rounded) scores share a rank and are flagged; applications without a review come last, unranked. */
export function rankApplications(criteria: readonly WeightedCriterion[], inputs: readonly RankingInput[]): RankedApplication[] {
  const weights = normalisedWeights(criteria);
  const sortKeys = new Map(inputs.map((input) => [input.applicationId, input.sortKey]));
  const scored = inputs.map((input) => scoreApplication(weights, input));
  const byKey = (a: { applicationId: string }, b: { applicationId: string }) => (sortKeys.get(a.applicationId)! < sortKeys.get(b.applicationId)! ? -1 : 1);
  const ranked = scored.filter((row) => row.score !== null).sort((a, b) => b.score! - a.score! || byKey(a, b));
  const unranked = scored.filter((row) => row.score === null).sort(byKey);
  const count = new Map<number, number>();
  for (const row of ranked) count.set(row.score!, (count.get(row.score!) ?? 0) + 1);
  const rankOf = new Map<number, number>();
  ranked.forEach((row, index) => rankOf.set(row.score!, rankOf.get(row.score!) ?? index + 1));
  return [
    ...ranked.map((row) => ({ ...row, rank: rankOf.get(row.score!)!, tied: count.get(row.score!)! > 1 })),
    ...unranked.map((row) => ({ ...row, rank: null, tied: false })),
  ];
}
