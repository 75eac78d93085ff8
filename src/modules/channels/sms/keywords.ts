import type { Locale } from '../../../platform/i18n/locales.js';

/** What an SMS asks for; the first word decides, in any of the four languages, case and accents ignored. */
export type SmsCommand = { kind: 'follow'; reference: string } | { kind: 'help'; locale: Locale } | { kind: 'none' };

const followWords: Record<string, Locale> = { suivi: 'fr', suivre: 'fr', track: 'en', follow: 'en', seguir: 'pt', acompanhar: 'pt', 'تتبع': 'ar' };
const helpWords: Record<string, Locale> = { aide: 'fr', help: 'en', ajuda: 'pt', 'مساعدة': 'ar' };

const fold = (word: string) => word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

export function smsCommand(text: string): SmsCommand {
  const [first = '', ...rest] = text.trim().split(/\s+/);
  const word = fold(first);
  if (word in followWords && rest.length > 0) return { kind: 'follow', reference: rest.join('').toUpperCase() };
  if (word in helpWords) return { kind: 'help', locale: helpWords[word]! };
  if (word in followWords) return { kind: 'help', locale: followWords[word]! };
  return { kind: 'none' };
}

/** The language the keyword was written in, for the answer; null when the text matched no keyword. */
export function keywordLocale(text: string): Locale | null {
  const word = fold(text.trim().split(/\s+/)[0] ?? '');
  return followWords[word] ?? helpWords[word] ?? null;
}
