import { describe, expect, it } from 'vitest';
import { maskIdentifier, parseIdentifier } from './identifier.js';

describe('parseIdentifier', () => {
  it.each([
    ['77 123 45 67', 'SN', '+221771234567'],
    ['06 12 34 56 78', 'MA', '+212612345678'],
    ['+212 6 12 34 56 78', 'SN', '+212612345678'],
    ['00221 77 123 45 67', 'MA', '+221771234567'],
  ])('reads the phone number %s (default %s) as %s', (input, country, expected) => {
    expect(parseIdentifier(input, country)).toEqual({ kind: 'phone', value: expected });
  });

  it('reads e-mail addresses, lower-cased', () => {
    expect(parseIdentifier('  Awa.Ndiaye@Example.SN ', 'SN')).toEqual({ kind: 'email', value: 'awa.ndiaye@example.sn' });
  });

  it.each(['', '123', 'not a phone', 'a@b', '+221 12', '7'.repeat(250)])('refuses %s', (input) => {
    expect(parseIdentifier(input, 'SN')).toBeNull();
  });
});

describe('maskIdentifier', () => {
  it('keeps only the start and the end', () => {
    expect(maskIdentifier('+221771234567')).toBe('+221 77 *** ** 67');
    expect(maskIdentifier('+212612345678')).toBe('+212 6 ** ** ** 78');
    expect(maskIdentifier('awa@example.sn')).toBe('aw***@example.sn');
  });
});
