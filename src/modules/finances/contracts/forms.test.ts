import { describe, expect, it } from 'vitest';
import { amountInput, isWebUrl, parseAmountText } from './forms.js';

describe('amounts typed by staff', () => {
  it('read grouped digits and a decimal comma or point, exactly', () => {
    expect(parseAmountText('1 500 000')).toBe('1500000');
    expect(parseAmountText('1\u202f500\u00a0000')).toBe('1500000');
    expect(parseAmountText('12 500,5')).toBe('12500.50');
    expect(parseAmountText('12500.05')).toBe('12500.05');
    expect(parseAmountText('007')).toBe('7');
    for (const bad of ['', 'beaucoup', '-5', '1.500.000', '1,5,0', '12.345', '1e9', '9999999999999999']) expect(parseAmountText(bad), bad).toBeNull();
  });

  it('go back into a form so they read the same again', () => {
    for (const exact of ['1500000', '12500.50', '7', '999.00']) expect(parseAmountText(amountInput(exact))).toBe(exact.endsWith('.00') ? exact.slice(0, -3) : exact);
    expect(amountInput('1500000')).toBe('1 500 000');
    expect(amountInput(null)).toBe('');
  });

  it('document links are web links only', () => {
    expect(isWebUrl('https://example.org/a.pdf')).toBe(true);
    expect(isWebUrl('javascript:alert(1)')).toBe(false);
    expect(isWebUrl('data:text/html,x')).toBe(false);
    expect(isWebUrl('pas un lien')).toBe(false);
  });
});
