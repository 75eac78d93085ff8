export const locales = ['fr', 'en', 'pt', 'ar'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'fr';

/** Text written by a commune: one value per language it was written in. */
export type LocalizedText = Partial<Record<Locale, string>>;

export const localeNames: Record<Locale, string> = {
  fr: 'Français',
  en: 'English',
  pt: 'Português',
  ar: 'العربية',
};

const rightToLeft = new Set<Locale>(['ar']);

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

export function directionOf(locale: Locale): 'ltr' | 'rtl' {
  return rightToLeft.has(locale) ? 'rtl' : 'ltr';
}

/** Picks the best available translation and says whether it had to fall back. */
export function pickLocalized(
  text: LocalizedText | null | undefined,
  locale: Locale,
  fallbacks: readonly Locale[] = locales,
): { value: string; locale: Locale; isFallback: boolean } | null {
  if (!text) return null;
  const wanted = text[locale];
  if (wanted) return { value: wanted, locale, isFallback: false };
  for (const candidate of fallbacks) {
    const value = text[candidate];
    if (value) return { value, locale: candidate, isFallback: true };
  }
  return null;
}
