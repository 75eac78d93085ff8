import { type Principle, principles } from '../principles.js';
import type { Scorecard } from './scoring.js';

export interface Standing {
  /** 1 = best overall score of the network; null when the commune has no overall score. */
  rank: number | null;
  /** Member communes with an overall score. */
  ranked: number;
  /** The network's mean, overall and by principle, over the communes that have a score. */
  averages: Record<'overall' | Principle, number | null>;
}

const mean = (values: (number | null)[]): number | null => {
  const present = values.filter((v): v is number => v !== null);
  return present.length === 0 ? null : Math.round((present.reduce((sum, v) => sum + v, 0) / present.length) * 10) / 10;
};

const principleScore = (card: Scorecard, principle: Principle) => card.principles.find((p) => p.principle === principle)?.score ?? null;

/** Where one commune stands among the network's: its rank by overall score (ties share a rank) and the averages. */
export function standingOf(own: Scorecard, network: Scorecard[]): Standing {
  const overalls = network.map((card) => card.overall).filter((score): score is number => score !== null);
  const rank = own.overall === null ? null : overalls.filter((score) => score > own.overall!).length + 1;
  const averages = Object.fromEntries([['overall', mean(network.map((card) => card.overall))], ...principles.map((p) => [p, mean(network.map((card) => principleScore(card, p)))])]) as Standing['averages'];
  return { rank, ranked: overalls.length, averages };
}
