import { describe, expect, it } from 'vitest';
import { parseFormBody } from './server.js';

describe('form bodies', () => {
  it('drop NUL and other control characters but keep tabs, line breaks and repeated fields', () => {
    expect(parseFormBody('a=x%00y%07z%1B%5B1m&b=line%0D%0Anext%09tab&c=1&c=2&d=%E2%80%AEfdp')).toEqual({ a: 'xyz[1m', b: 'line\r\nnext\ttab', c: ['1', '2'], d: '\u202Efdp' });
  });
});
