import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitToSegments, gsmFallback, segmentCount, smsCost, smsEncoding, smsLength, smsLimits, splitIntoSegments, ucs2Culprits } from './segments.js';

const limitOf = (part: string, whole: string) => {
  const encoding = smsEncoding(whole);
  return { units: encoding === 'UCS-2' ? part.length : smsLength(part), max: smsLimits[encoding].perPart };
};

describe('SMS encoding', () => {
  it('keeps French with é, è, à, ù and capital Ç in GSM-7', () => {
    expect(smsEncoding('Réunion à la mairie, salle Ç, où? Été 2026: accès libre!')).toBe('GSM-7');
  });

  it('switches to UCS-2 for ê, ô, â, î, û, lowercase ç and œ, and names them', () => {
    for (const char of ['ê', 'ô', 'â', 'î', 'û', 'ç', 'œ', 'ë']) expect(smsEncoding(`fen${char}tre`)).toBe('UCS-2');
    expect(ucs2Culprits('La fête du quartier, ça se prépare: fête!')).toEqual(['ê', 'ç']);
    expect(ucs2Culprits('Réunion à la mairie')).toEqual([]);
  });

  it('treats Arabic and emoji as UCS-2', () => {
    expect(smsEncoding('اجتماع المجلس البلدي')).toBe('UCS-2');
    expect(smsEncoding('Merci 👍')).toBe('UCS-2');
  });

  it('counts extension characters as two septets', () => {
    expect(smsLength('€')).toBe(2);
    expect(smsLength('^{}\\[~]|€\f')).toBe(20);
    expect(smsLength('abc')).toBe(3);
    expect(smsEncoding('[x] {y} 5€')).toBe('GSM-7');
  });

  it('counts characters outside the BMP as two UTF-16 units', () => {
    expect(smsLength('👍')).toBe(2);
    expect(smsLength('ê👍')).toBe(3);
  });
});

describe('segment counts', () => {
  it('fits 160 GSM characters in one SMS and 161 in two', () => {
    expect(segmentCount('a'.repeat(160))).toBe(1);
    expect(segmentCount('a'.repeat(161))).toBe(2);
    expect(segmentCount('a'.repeat(306))).toBe(2);
    expect(segmentCount('a'.repeat(307))).toBe(3);
    expect(segmentCount('')).toBe(0);
  });

  it('fits 70 UCS-2 units in one SMS and 67 per part beyond', () => {
    expect(segmentCount('ê'.repeat(70))).toBe(1);
    expect(segmentCount('ê'.repeat(71))).toBe(2);
    expect(segmentCount('ê'.repeat(134))).toBe(2);
    expect(segmentCount('ê'.repeat(135))).toBe(3);
  });

  it('counts € twice toward the limit', () => {
    expect(segmentCount('€'.repeat(80))).toBe(1);
    expect(segmentCount('€'.repeat(81))).toBe(2);
  });

  it('one ê makes a 150-character French message cost 3 SMS instead of 1', () => {
    const text = 'Bonjour, la reunion publique sur le budget participatif aura lieu mardi a 18h a la mairie. Venez nombreux donner votre avis sur les projets du quartier!!';
    expect(text.length).toBeLessThanOrEqual(160);
    expect(segmentCount(text)).toBe(1);
    const costly = text.replace('mardi', 'fête mardi');
    expect(smsCost(costly)).toMatchObject({ encoding: 'UCS-2', segments: 3, ucs2Characters: ['ê'], segmentsWithoutCulprits: 1 });
  });

  it('never splits an emoji or an escape sequence', () => {
    const emoji = `${'ê'.repeat(66)}👍${'ê'.repeat(10)}`;
    const parts = splitIntoSegments(emoji);
    expect(parts[0]).toBe('ê'.repeat(66));
    expect(parts[1]?.startsWith('👍')).toBe(true);
    const euro = `${'a'.repeat(152)}€${'a'.repeat(10)}`;
    const euroParts = splitIntoSegments(euro);
    expect(euroParts[0]).toBe('a'.repeat(152));
    expect(euroParts[1]?.startsWith('€')).toBe(true);
  });

  it('offers a GSM fallback for French accents and typographic quotes, not for Arabic', () => {
    expect(gsmFallback('La fête « ça » l’été…')).toBe('La fete " ca " l\'été...');
    expect(smsEncoding(gsmFallback('La fête « ça » l’été…'))).toBe('GSM-7');
    expect(gsmFallback('سلام')).toBe('سلام');
  });
});

describe('fitToSegments', () => {
  it('returns a short text unchanged', () => {
    expect(fitToSegments('Bonjour', 1)).toBe('Bonjour');
  });

  it('shortens at a word boundary with an ellipsis', () => {
    const text = Array.from({ length: 60 }, (_, i) => `mot${i}`).join(' ');
    const fitted = fitToSegments(text, 1, '...');
    expect(fitted.endsWith('...')).toBe(true);
    expect(segmentCount(fitted)).toBe(1);
    expect(text.startsWith(fitted.slice(0, -3))).toBe(true);
    expect(text[fitted.length - 3]).toBe(' ');
    expect(fitted.length).toBeGreaterThan(150);
  });

  it('keeps the result within the limit with the UCS-2 ellipsis', () => {
    const fitted = fitToSegments('Réunion '.repeat(40), 2);
    expect(fitted.endsWith('Réunion…')).toBe(true);
    expect(segmentCount(fitted)).toBeLessThanOrEqual(2);
  });
});

describe('properties', () => {
  const smsText = fc.string({ unit: fc.constantFrom('a', 'é', 'ê', '€', '👍', ' ', 'ا', '{', '\n'), maxLength: 500 });

  it('joining the segments gives back the text, each within its limit, and the count matches', () => {
    fc.assert(
      fc.property(fc.oneof(smsText, fc.string({ unit: 'grapheme', maxLength: 400 })), (text) => {
        const parts = splitIntoSegments(text);
        expect(parts.join('')).toBe(text);
        expect(segmentCount(text)).toBe(parts.length);
        if (parts.length > 1) for (const part of parts) expect(limitOf(part, text).units).toBeLessThanOrEqual(limitOf(part, text).max);
        else if (text) expect(smsLength(text)).toBeLessThanOrEqual(smsLimits[smsEncoding(text)].single);
      }),
    );
  });

  it('fitToSegments always fits and keeps a prefix of the text', () => {
    fc.assert(
      fc.property(smsText, fc.integer({ min: 1, max: 3 }), (text, max) => {
        const fitted = fitToSegments(text, max);
        expect(segmentCount(fitted)).toBeLessThanOrEqual(max);
        if (fitted !== text) expect(text.startsWith(fitted.slice(0, -1))).toBe(true);
      }),
    );
  });
});
