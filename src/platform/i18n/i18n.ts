import { defaultLocale, isLocale, type Locale, locales } from './locales.js';

export type Catalogue = Record<string, string>;
export type Catalogues = Record<Locale, Catalogue>;
export type TranslationParams = Record<string, string | number>;
export type Translate = (key: string, params?: TranslationParams) => string;

/** All interface strings, keyed "<namespace>.<key>", one map per language. */
export class MessageRegistry {
  private readonly messages = new Map<Locale, Map<string, string>>(locales.map((locale) => [locale, new Map()]));
  private readonly namespaces = new Map<string, Catalogues>();

  register(namespace: string, catalogues: Catalogues): void {
    if (this.namespaces.has(namespace)) throw new Error(`i18n namespace "${namespace}" registered twice`);
    this.namespaces.set(namespace, catalogues);
    for (const locale of locales) {
      const target = this.messages.get(locale)!;
      for (const [key, value] of Object.entries(catalogues[locale])) target.set(`${namespace}.${key}`, value);
    }
  }

  registered(): ReadonlyMap<string, Catalogues> {
    return this.namespaces;
  }

  has(locale: Locale, key: string): boolean {
    return this.messages.get(locale)!.has(key);
  }

  translator(locale: Locale): Translate {
    const own = this.messages.get(locale)!;
    const fallback = this.messages.get(defaultLocale)!;
    return (key, params) => interpolate(own.get(key) ?? fallback.get(key) ?? key, params);
  }
}

function interpolate(template: string, params?: TranslationParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Parses an Accept-Language header into supported locales, best first. */
export function localesFromAcceptLanguage(header: string | undefined): Locale[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part) => {
      const [tag = '', ...attributes] = part.trim().split(';');
      const quality = attributes.map((a) => a.trim()).find((a) => a.startsWith('q='));
      return { language: tag.toLowerCase().split('-')[0] ?? '', q: quality ? Number(quality.slice(2)) : 1 };
    })
    .filter((entry) => entry.q > 0 && isLocale(entry.language))
    .sort((a, b) => b.q - a.q)
    .map((entry) => entry.language as Locale);
}

export interface LocaleSources {
  explicit?: string | undefined;
  cookie?: string | undefined;
  account?: string | null | undefined;
  acceptLanguage?: string | undefined;
  communeDefault?: string | undefined;
}

/** Language order: explicit choice, then the saved choice, the account's, the browser's, the commune's. */
export function negotiateLocale(sources: LocaleSources): Locale {
  for (const candidate of [sources.explicit, sources.cookie, sources.account]) {
    if (isLocale(candidate)) return candidate;
  }
  const fromBrowser = localesFromAcceptLanguage(sources.acceptLanguage)[0];
  if (fromBrowser) return fromBrowser;
  return isLocale(sources.communeDefault) ? sources.communeDefault : defaultLocale;
}
