import { describe, expect, it } from 'vitest';
import { keywordLocale, smsCommand } from './keywords.js';

describe('SMS keywords', () => {
  it('reads the first word in any of the four languages, ignoring case and accents', () => {
    expect(smsCommand('SUIVI PL-2026-00012')).toEqual({ kind: 'follow', reference: 'PL-2026-00012' });
    expect(smsCommand('  suivi pl-2026-00012 ')).toEqual({ kind: 'follow', reference: 'PL-2026-00012' });
    expect(smsCommand('Track PL 2026 00012')).toEqual({ kind: 'follow', reference: 'PL202600012' });
    expect(smsCommand('تتبع PL-2026-00012')).toEqual({ kind: 'follow', reference: 'PL-2026-00012' });
    expect(smsCommand('Aide')).toEqual({ kind: 'help', locale: 'fr' });
    expect(smsCommand('AJUDA')).toEqual({ kind: 'help', locale: 'pt' });
    expect(smsCommand('SUIVI')).toEqual({ kind: 'help', locale: 'fr' });
    expect(smsCommand('Bonjour, la route est coupée')).toEqual({ kind: 'none' });
    expect(smsCommand('')).toEqual({ kind: 'none' });
    expect(keywordLocale('help')).toBe('en');
    expect(keywordLocale('Bonjour')).toBeNull();
  });
});
