import { describe, expect, it } from 'vitest';
import { localesFromAcceptLanguage, MessageRegistry, negotiateLocale } from './i18n.js';
import { pickLocalized } from './locales.js';

describe('negotiateLocale', () => {
  it('prefers the explicit choice, then the saved one, the account, the browser, the commune', () => {
    expect(negotiateLocale({ explicit: 'ar', cookie: 'en', account: 'pt' })).toBe('ar');
    expect(negotiateLocale({ cookie: 'en', account: 'pt' })).toBe('en');
    expect(negotiateLocale({ account: 'pt', acceptLanguage: 'ar' })).toBe('pt');
    expect(negotiateLocale({ acceptLanguage: 'de-DE, ar-MA;q=0.8, fr;q=0.5', communeDefault: 'fr' })).toBe('ar');
    expect(negotiateLocale({ acceptLanguage: 'de', communeDefault: 'ar' })).toBe('ar');
    expect(negotiateLocale({ cookie: 'xx' })).toBe('fr');
  });

  it('ignores languages with q=0', () => {
    expect(localesFromAcceptLanguage('fr;q=0, en')).toEqual(['en']);
  });
});

describe('MessageRegistry', () => {
  it('namespaces keys, interpolates and falls back to French', () => {
    const registry = new MessageRegistry();
    registry.register('demo', {
      fr: { hello: 'Bonjour {name}', only_fr: 'Seulement' },
      en: { hello: 'Hello {name}' },
      pt: {},
      ar: {},
    });
    expect(registry.translator('en')('demo.hello', { name: 'Awa' })).toBe('Hello Awa');
    expect(registry.translator('en')('demo.only_fr')).toBe('Seulement');
    expect(() => registry.register('demo', { fr: {}, en: {}, pt: {}, ar: {} })).toThrow(/twice/);
  });
});

describe('pickLocalized', () => {
  it('flags a fallback when the wanted language is missing', () => {
    expect(pickLocalized({ fr: 'Marché', ar: 'سوق' }, 'ar')).toEqual({ value: 'سوق', locale: 'ar', isFallback: false });
    expect(pickLocalized({ fr: 'Marché' }, 'en')).toEqual({ value: 'Marché', locale: 'fr', isFallback: true });
    expect(pickLocalized({}, 'en')).toBeNull();
  });
});
