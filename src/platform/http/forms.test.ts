import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fields, parseForm } from './forms.js';

const schema = z.object({ title: fields.requiredText(10), summary: fields.optionalText(), when: fields.isoDate() });

describe('parseForm', () => {
  it('returns typed data when valid', () => {
    const result = parseForm(schema, { title: '  Marché ', when: '2026-11-23', _csrf: 'x' });
    expect(result).toEqual({ ok: true, data: { title: 'Marché', summary: undefined, when: '2026-11-23' } });
  });

  it('keeps what was typed and gives one i18n key per invalid field', () => {
    const result = parseForm(schema, { title: 'much too long title', when: '23/11/2026', _csrf: 'secret' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.form.values).toEqual({ title: 'much too long title', when: '23/11/2026' });
    expect(result.form.errors).toEqual({ title: 'core.form.too_long', when: 'core.form.invalid_date' });
  });

  it('reports missing fields as required', () => {
    const result = parseForm(schema, {});
    expect(result.ok || result.form.errors.title).toBe('core.form.required');
  });
});
