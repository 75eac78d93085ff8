import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FieldRow } from '../db/tables.js';
import { inputName } from '../../../platform/forms/typed-fields.js';
import { checkApplication } from './answers-check.js';
import { onlyWordingChanged, parseFieldDefinition } from './field-definitions.js';

const volunteers = { audience: 'volunteers' as const, takenKeys: ['motivation'] };
const valid = { key: 'languages_spoken', kind: 'text', label_fr: 'Langues parlées', max_length: '200' };

const field = (overrides: Partial<FieldRow>): FieldRow => ({
  id: '00000000-0000-4000-8000-000000000001',
  call_id: '00000000-0000-4000-8000-000000000002',
  key: 'answer',
  position: 1,
  kind: 'text',
  label: { fr: 'Réponse' },
  help: {},
  required: false,
  options: [],
  min_value: null,
  max_value: null,
  max_length: null,
  purpose: null,
  ...overrides,
});

describe('field definitions typed in the form builder', () => {
  it('accepts a well-formed field and refuses bad keys, duplicate keys, min above max, absurd lengths', () => {
    expect(parseFieldDefinition(valid, volunteers).ok).toBe(true);
    const errorsOf = (values: Record<string, string>) => {
      const result = parseFieldDefinition({ ...valid, ...values }, volunteers);
      return result.ok ? {} : result.form.errors;
    };
    expect(errorsOf({ key: 'Bad Key' }).key).toBe('core.fields.error_key');
    expect(errorsOf({ key: '_private' }).key).toBe('core.fields.error_key');
    expect(errorsOf({ key: 'motivation' }).key).toBe('core.fields.error_key_taken');
    expect(errorsOf({ kind: 'number', min_value: '10', max_value: '2' }).max_value).toBe('core.fields.error_min_max');
    expect(errorsOf({ kind: 'number', min_value: '1e400' }).min_value).toBe('core.form.invalid');
    expect(errorsOf({ max_length: '99999999' }).max_length).toBe('core.fields.error_max_length');
    expect(errorsOf({ label_fr: 'x'.repeat(301) }).label_fr).toBe('core.form.too_long');
    expect(errorsOf({ label_fr: '' }).label_fr).toBe('core.form.required');
    expect(errorsOf({ kind: 'script' }).kind).toBe('core.form.invalid');
    expect(errorsOf({ purpose: 'needs' }).purpose).toBe('programme.builder.error_needs');
  });

  it('refuses choices without options, with empty or duplicate values, or without a French label', () => {
    const choice = { ...valid, kind: 'choice' };
    const optionsError = (options: string) => {
      const result = parseFieldDefinition({ ...choice, options }, volunteers);
      return result.ok ? null : result.form.errors.options;
    };
    expect(optionsError('yes | Oui | Yes\nno | Non | No')).toBeNull();
    expect(optionsError('')).toBe('core.fields.error_options_count');
    expect(optionsError(' | Vide')).toBe('core.fields.error_option_value');
    expect(optionsError('a | A\na | A encore')).toBe('core.fields.error_option_value');
    expect(optionsError('a |  | English only')).toBe('core.fields.error_option_label');
    expect(optionsError(Array.from({ length: 51 }, (_, i) => `v${i} | V${i}`).join('\n'))).toBe('core.fields.error_options_count');
  });

  it('never throws and never accepts a key outside the pattern, whatever is typed', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('key', 'kind', 'label_fr', 'options', 'min_value', 'max_value', 'max_length', 'purpose', 'required'), fc.string({ maxLength: 60 })), (values) => {
        const result = parseFieldDefinition(values, volunteers);
        if (result.ok) {
          expect(result.definition.key).toMatch(/^[a-z][a-z0-9_]{0,39}$/);
          expect(result.definition.label.fr).toBeTruthy();
          if (result.definition.min_value !== null && result.definition.max_value !== null) expect(result.definition.min_value).toBeLessThanOrEqual(result.definition.max_value);
        }
      }),
    );
  });

  it('tells a wording change (allowed once applications were submitted) from a change of meaning', () => {
    const before = field({ kind: 'choice', options: [{ value: 'a', label: { fr: 'A' } }] });
    const parsed = (values: Record<string, string>) => {
      const result = parseFieldDefinition({ key: 'answer', kind: 'choice', label_fr: 'Nouveau libellé', options: 'a | Autre libellé', ...values }, { audience: 'volunteers', takenKeys: [] });
      if (!result.ok) throw new Error('invalid');
      return result.definition;
    };
    expect(onlyWordingChanged(before, parsed({}))).toBe(true);
    expect(onlyWordingChanged(before, parsed({ options: 'b | B' }))).toBe(false);
    expect(onlyWordingChanged(before, parsed({ required: 'on' }))).toBe(false);
  });
});

describe('answers checked against the form', () => {
  const fields = [
    field({ key: 'bio', kind: 'long_text', required: true, max_length: 10 }),
    field({ key: 'level', kind: 'choice', options: [{ value: 'low', label: { fr: 'Bas' } }] }),
    field({ key: 'age', kind: 'number', min_value: '18', max_value: '99' }),
    field({ key: 'ok', kind: 'yes_no' }),
    field({ key: 'cv', kind: 'file', required: true }),
  ];
  const identity = { applicant_name: 'A', country: 'SN', gender: 'female', birth_year: '1990' };

  it('checks kind, options, range, length and presence on submission; a draft only reports bad values', () => {
    const bad = { ...identity, [inputName(fields[0]!)]: 'far too long text', f_level: 'high', f_age: '7', f_ok: 'maybe' };
    const draft = checkApplication(fields, 'volunteers', bad, {}, 'draft');
    expect(draft.errors).toEqual({ f_bio: 'core.form.too_long', f_level: 'core.form.invalid', f_age: 'core.fields.error_range', f_ok: 'core.form.invalid' });
    const submitted = checkApplication(fields, 'volunteers', bad, {}, 'submit');
    expect(submitted.errors.f_cv).toBe('core.form.required');
    const good = checkApplication(fields, 'volunteers', { ...identity, f_bio: 'Court', f_level: 'low', f_age: '30', f_ok: 'yes' }, { cv: { fileId: 'x', filename: 'cv.pdf' } }, 'submit');
    expect(good.errors).toEqual({});
    expect(good.answers).toEqual({ bio: 'Court', level: 'low', age: 30, ok: true, cv: { fileId: 'x', filename: 'cv.pdf' } });
  });

  it('never throws on hostile input and keeps only valid answers', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('applicant_name', 'country', 'gender', 'birth_year', 'f_bio', 'f_level', 'f_age', 'f_ok', 'f___proto__'), fc.string({ maxLength: 40 })), (values) => {
        const checked = checkApplication(fields, 'volunteers', values, {}, 'submit');
        const age = checked.answers.age;
        if (age !== undefined) expect(age as number).toBeGreaterThanOrEqual(18);
        if (checked.answers.level !== undefined) expect(checked.answers.level).toBe('low');
        expect(Object.keys(checked.answers).every((key) => fields.some((f) => f.key === key))).toBe(true);
      }),
    );
  });
});
