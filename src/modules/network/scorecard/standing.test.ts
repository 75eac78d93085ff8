import { describe, expect, it } from 'vitest';
import type { Scorecard } from './scoring.js';
import { standingOf } from './standing.js';

const card = (overall: number | null, transparency: number | null): Scorecard => ({
  overall,
  principles: [
    { principle: 'transparency', score: transparency, indicators: [] },
    { principle: 'participation', score: null, indicators: [] },
    { principle: 'accountability', score: null, indicators: [] },
    { principle: 'innovation', score: null, indicators: [] },
  ],
});

describe('standing in the network', () => {
  it('ranks by overall score, ties sharing a rank, and averages what exists', () => {
    const a = card(80, 90);
    const b = card(60, null);
    const c = card(60, 50);
    const d = card(null, null);
    const network = [a, b, c, d];
    expect(standingOf(a, network)).toEqual({ rank: 1, ranked: 3, averages: { overall: 66.7, transparency: 70, participation: null, accountability: null, innovation: null } });
    expect(standingOf(c, network).rank).toBe(2);
    expect(standingOf(b, network).rank).toBe(2);
    expect(standingOf(d, network).rank).toBeNull();
  });
});
