import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { atiLawFor, atiLaws, type AtiLaw } from './laws.js';

const languages = ['fr', 'en', 'pt', 'ar'] as const;
const catalogues = Object.fromEntries(
  languages.map((language) => [language, JSON.parse(readFileSync(new URL(`../i18n/laws.${language}.json`, import.meta.url), 'utf8')) as Record<string, string>]),
) as Record<(typeof languages)[number], Record<string, string>>;

const laws = Object.entries(atiLaws);
const keysOf = (law: AtiLaw) => [law.appealBodyKey, ...law.refusalGrounds.map((ground) => ground.labelKey)];
const usedKeys = new Set(laws.flatMap(([, law]) => keysOf(law)));

describe('access-to-information laws', () => {
  it('covers the seven countries and a default', () => {
    expect(Object.keys(atiLaws).sort()).toEqual(['BF', 'BJ', 'GN', 'MA', 'NE', 'SN', 'TN', 'default']);
    for (const [key, law] of laws) expect(law.country).toBe(key);
  });

  it.each(laws)('%s: deadlines are whole, positive numbers of days', (_, law) => {
    expect(Number.isInteger(law.responseWorkingDays) && law.responseWorkingDays > 0).toBe(true);
    expect(Number.isInteger(law.extensionWorkingDays) && law.extensionWorkingDays >= 0).toBe(true);
    expect(law.extensionWorkingDays === 0 || law.extensionCitation !== null).toBe(true);
    expect(law.acknowledgementWorkingDays === null || (Number.isInteger(law.acknowledgementWorkingDays) && law.acknowledgementWorkingDays >= 0)).toBe(true);
  });

  it.each(laws)('%s: has grounds with unique codes, each cited', (_, law) => {
    const codes = law.refusalGrounds.map((ground) => ground.code);
    expect(codes.length).toBeGreaterThan(0);
    expect(new Set(codes).size).toBe(codes.length);
    for (const ground of law.refusalGrounds) expect(ground.citation.trim()).not.toBe('');
  });

  it.each(laws)('%s: says what is uncertain whenever it is to be verified', (_, law) => {
    expect(law.title.trim()).not.toBe('');
    expect(law.citation.trim()).not.toBe('');
    if (law.toBeVerified) expect(law.notes.length).toBeGreaterThan(40);
  });

  it('gives a ground code the same label in every law', () => {
    const labelOf = new Map<string, string>();
    for (const [, law] of laws) {
      for (const ground of law.refusalGrounds) {
        expect(labelOf.get(ground.code) ?? ground.labelKey, ground.code).toBe(ground.labelKey);
        labelOf.set(ground.code, ground.labelKey);
      }
    }
    // Reuse is the point: national defence is a ground everywhere.
    expect(laws.every(([, law]) => law.refusalGrounds.some((ground) => ground.code === 'national_defence'))).toBe(true);
  });
});

describe('access-to-information catalogues', () => {
  it('every key used by a law is in the requests namespace and in all four languages', () => {
    for (const key of usedKeys) {
      expect(key.startsWith('requests.law.'), key).toBe(true);
      const local = key.slice('requests.'.length);
      for (const language of languages) expect(catalogues[language][local]?.trim(), `${key} in ${language}`).toBeTruthy();
    }
  });

  it('every catalogue entry is used by a law, in the same key set in all four languages', () => {
    const french = Object.keys(catalogues.fr).sort();
    expect(french.filter((key) => !usedKeys.has(`requests.${key}`))).toEqual([]);
    for (const language of languages) expect(Object.keys(catalogues[language]).sort()).toEqual(french);
  });
});

describe('atiLawFor', () => {
  it('finds a configured country whatever the case', () => {
    expect(atiLawFor('MA').responseWorkingDays).toBe(20);
    expect(atiLawFor(' tn ').appealBodyKey).toBe('requests.law.appeal.tn_inai');
    expect(atiLawFor('sn').country).toBe('SN');
  });

  it('falls back to the default for other countries', () => {
    expect(atiLawFor('XX')).toBe(atiLaws.default);
    expect(atiLawFor('GW').country).toBe('default');
    expect(atiLawFor('')).toBe(atiLaws.default);
    expect(atiLawFor('constructor')).toBe(atiLaws.default);
  });
});
