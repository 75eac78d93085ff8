import { describe, expect, it } from 'vitest';
import { complaintStages } from '../db/tables.js';
import { checkCategory, checkNewState, checkRouting, checkService, open311StatusOf, resolveCell, routeField } from './settings-commands.js';

const errorsOf = <T>(result: { ok: true; data: T } | { ok: false; errors: Record<string, string> }) => (result.ok ? {} : result.errors);

describe('Open311 mapping of the stages', () => {
  it('answered stages are closed, every other stage is open', () => {
    const mapping = Object.fromEntries(complaintStages.map((stage) => [stage, open311StatusOf(stage)]));
    expect(mapping).toEqual({ received: 'open', acknowledged: 'open', in_progress: 'open', resolved: 'closed', rejected: 'closed', reopened: 'open' });
  });

  it('a new state must carry the Open311 status of its stage', () => {
    for (const stage of complaintStages) {
      const right = open311StatusOf(stage);
      const wrong = right === 'open' ? 'closed' : 'open';
      expect(checkNewState({ code: 'x', name_fr: 'X', stage, open311_status: right }, 'fr', []).ok, stage).toBe(true);
      expect(errorsOf(checkNewState({ code: 'x', name_fr: 'X', stage, open311_status: wrong }, 'fr', [])), stage).toHaveProperty('open311_status');
    }
  });
});

describe('category and service forms', () => {
  const context = { defaultLocale: 'ar' as const, services: [{ id: 's1' }], designatable: [{ id: 'u1' }], takenCodes: ['roads'], existing: null };

  it('requires the name in the commune’s default language and checks every field at once', () => {
    const errors = errorsOf(checkCategory({ code: '-bad', name_fr: 'Seulement en français', response_days: '300', default_service_id: 's9', designated_user_id: 'u9' }, context));
    expect(errors).toEqual({
      code: 'requests.settings.error.code_format',
      name_ar: 'core.form.required',
      response_days: 'requests.settings.error.response_days',
      default_service_id: 'requests.settings.error.service_invalid',
      designated_user_id: 'requests.settings.error.designated_invalid',
    });
  });

  it('fixes the code of a used category but lets an unused one change it', () => {
    const values = { code: 'new-code', name_ar: 'اسم', response_days: '10' };
    expect(errorsOf(checkCategory(values, { ...context, existing: { code: 'old', used: true } }))).toEqual({ code: 'requests.settings.error.code_locked' });
    expect(checkCategory(values, { ...context, existing: { code: 'old', used: false } }).ok).toBe(true);
  });

  it('a service e-mail is optional but must look like one', () => {
    expect(checkService({ name_fr: 'Voirie' }, 'fr')).toEqual({ ok: true, data: { name: { fr: 'Voirie' }, email: null, position: 0 } });
    expect(errorsOf(checkService({ name_fr: 'Voirie', email: 'voirie@' }, 'fr'))).toEqual({ email: 'requests.settings.error.email' });
  });
});

describe('routing matrix', () => {
  const category = { id: 'c1', default_service_id: 'sDefault' };

  it('an empty cell inherits the "all neighbourhoods" column, then the category’s default service', () => {
    const values = { [routeField('c1', null)]: 'sAll', [routeField('c1', 'Sor')]: 'sSor' };
    expect(resolveCell(values, category, 'Sor')).toEqual({ serviceId: 'sSor', via: 'own' });
    expect(resolveCell(values, category, 'Pikine')).toEqual({ serviceId: 'sAll', via: 'all' });
    expect(resolveCell({}, category, 'Pikine')).toEqual({ serviceId: 'sDefault', via: 'default' });
    expect(resolveCell({}, { id: 'c1', default_service_id: null }, null)).toEqual({ serviceId: null, via: 'none' });
  });

  it('keeps the filled cells of known neighbourhoods and refuses unknown services', () => {
    const values = { [routeField('c1', null)]: 's1', [routeField('c1', 'Sor')]: 'elsewhere', [routeField('c1', 'Atlantis')]: 's1' };
    expect(errorsOf(checkRouting(values, [category], ['Sor'], [{ id: 's1' }]))).toEqual({ [routeField('c1', 'Sor')]: 'requests.settings.error.service_invalid' });
    expect(checkRouting({ [routeField('c1', null)]: 's1', [routeField('c1', 'Atlantis')]: 's1' }, [category], ['Sor'], [{ id: 's1' }])).toEqual({ ok: true, data: [{ categoryId: 'c1', neighbourhood: null, serviceId: 's1' }] });
  });
});
