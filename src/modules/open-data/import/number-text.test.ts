import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numberReader, numberTextByPatterns, type NumberFormat } from './number-text.js';

const formats: NumberFormat[] = [
  { integer: false },
  { integer: true },
  { decimalChar: ',', groupChar: ' ', integer: false },
  { decimalChar: ',', groupChar: ' ', integer: true },
  { decimalChar: ',', groupChar: '.', integer: false },
  { decimalChar: '.', groupChar: ',', integer: false },
  { decimalChar: '.', groupChar: ' ', integer: false },
  { decimalChar: ',', integer: false },
  { decimalChar: '.', groupChar: '', integer: true },
  // Not scanned: the patterns answer.
  { decimalChar: ',', groupChar: "'", integer: false },
];

describe('numbers read in one pass', () => {
  it('reads French, English and plain numbers as PostgreSQL wants them', () => {
    const french = numberReader({ decimalChar: ',', groupChar: ' ', integer: false });
    expect(french('1 234 567,50')).toBe('1234567.50');
    expect(french(' 2\u00a0500,00 ')).toBe('2500.00');
    expect(french('-3\u202f000')).toBe('-3000');
    expect(french('12')).toBe('12');
    expect(french('1.5')).toBeNull();
    expect(french('1,')).toBeNull();
    expect(french('beaucoup')).toBeNull();
    const plain = numberReader({ integer: false });
    expect(plain('-.5e-3')).toBe('-.5e-3');
    expect(plain('1e')).toBeNull();
    const whole = numberReader({ decimalChar: ',', groupChar: ' ', integer: true });
    expect(whole('1 234')).toBe('1234');
    expect(whole('1,0')).toBeNull();
    expect(numberReader({ decimalChar: '.', groupChar: ',', integer: false })('1,234.5')).toBe('1234.5');
  });

  it('accepts exactly what the regular-expression version accepts, and gives the same text', () => {
    const unit = fc.constantFrom('0', '1', '7', '9', '+', '-', '.', ',', ' ', '\u00a0', '\u202f', 'e', 'E', 'x', '\t', "'");
    fc.assert(
      fc.property(fc.constantFrom(...formats), fc.string({ unit, maxLength: 12 }), (format, text) => {
        expect(numberReader(format)(text)).toBe(numberTextByPatterns(format)(text));
      }),
      { numRuns: 20_000 },
    );
  });

  it('agrees on well-formed numbers of any size written the French way', () => {
    const french: NumberFormat = { decimalChar: ',', groupChar: ' ', integer: false };
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.nat(99), (whole, cents) => {
        const text = `${whole.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f')},${String(cents).padStart(2, '0')}`;
        expect(numberReader(french)(text)).toBe(`${whole}.${String(cents).padStart(2, '0')}`);
      }),
    );
  });
});
