import { describe, expect, it } from 'vitest';
import type { VoteOption } from './tables.js';
import { countErrors, printableFields, votesFrom } from './validation.js';

const counts = { members_in_office: 10, present: 8, votes_for: 5, votes_against: 2, abstentions: 1 };
const votes = (...options: VoteOption[]) => new Map(options.map((option, index) => [`p${index}`, option]));

describe('council vote consistency', () => {
  it('accepts counts alone, and individual votes that add up to them', () => {
    expect(countErrors(counts, new Map())).toEqual({});
    expect(countErrors(counts, votes('yes', 'yes', 'yes', 'yes', 'yes', 'no', 'no', 'abstain', 'absent', 'absent'))).toEqual({});
  });

  it('refuses individual votes that differ from a count', () => {
    expect(countErrors(counts, votes('yes', 'no', 'no', 'abstain'))).toEqual({ votes: 'accountability.council.error.votes_mismatch' });
    expect(countErrors({ ...counts, votes_for: 0, votes_against: 0, abstentions: 0 }, votes('abstain'))).toEqual({ votes: 'accountability.council.error.votes_mismatch' });
  });

  it('refuses more voters than present and more present than in office', () => {
    expect(countErrors({ ...counts, present: 7 }, new Map())).toEqual({ present: 'accountability.council.error.more_votes_than_present' });
    expect(countErrors({ ...counts, members_in_office: 6, present: 8 }, new Map())).toEqual({ members_in_office: 'accountability.council.error.more_present_than_members' });
  });

  it('reads votes only for the given councillors and known options', () => {
    expect([...votesFrom({ vote_a: 'yes', vote_b: 'maybe', vote_c: 'no' }, ['a', 'b'])]).toEqual([['a', 'yes']]);
  });

  it('drops control characters but keeps line breaks', () => {
    expect(printableFields({ text: 'a\u0000b\nc\u0007' })).toEqual({ text: 'ab\nc' });
  });
});
