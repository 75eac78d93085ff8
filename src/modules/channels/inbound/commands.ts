import type { Commune } from '../../../platform/db/platform-tables.js';
import type { PlatformServices } from '../../../platform/http/context.js';
import type { MessageRegistry, Translate } from '../../../platform/i18n/i18n.js';
import { type Locale, locales } from '../../../platform/i18n/locales.js';
import type { InboundMessage } from '../providers/webhooks.js';

export type InboundChannel = 'sms' | 'whatsapp';

export interface CommandContext {
  services: PlatformServices;
  commune: Commune;
  message: InboundMessage;
  channel: InboundChannel;
  /** The language the keyword was written in: the answer is in it. */
  locale: Locale;
  t: Translate;
  /** The text after the keyword, trimmed. */
  args: string;
}

/** A keyword a phone can send (SUIVI, AIDE…): its words come from each language's catalogue. */
export interface InboundCommand {
  id: string;
  /** The catalogue key holding the command's words, comma-separated, e.g. 'channels.keywords.follow' = "SUIVI, SUIVRE". */
  wordsKey: string;
  /** Answers the person; the text is sent back on the channel the message came from. */
  run(context: CommandContext): Promise<string>;
}

export interface KeywordMatch {
  command: InboundCommand;
  locale: Locale;
  args: string;
}

export const fold = (word: string) => word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

type CatalogueWords = [Locale, string][];

/** The words of one command in every language, folded: "SUIVI, SUIVRE" in French → suivi, suivre. */
function foldedWords(catalogued: CatalogueWords): Map<string, Locale> {
  const words = new Map<string, Locale>();
  // A word shared by several languages (STOP) answers in the first of them: French first, as the platform.
  for (const [locale, list] of catalogued) for (const word of list.split(',')) if (word.trim() && !words.has(fold(word.trim()))) words.set(fold(word.trim()), locale);
  return words;
}

// Words are folded once per catalogue text rather than for every message and command.
const foldedByText = new Map<string, Map<string, Locale>>();

function wordsOf(messages: MessageRegistry, key: string): Map<string, Locale> {
  const catalogued: CatalogueWords = locales.filter((locale) => messages.has(locale, key)).map((locale) => [locale, messages.translator(locale)(key)]);
  const text = JSON.stringify(catalogued);
  let words = foldedByText.get(text);
  if (!words) foldedByText.set(text, (words = foldedWords(catalogued)));
  return words;
}

/** The command the message's first word calls, in any language, case and accents ignored; null when none does. */
export function matchKeyword(text: string, commands: readonly InboundCommand[], messages: MessageRegistry): KeywordMatch | null {
  const trimmed = text.trim();
  const first = trimmed.split(/\s+/, 1)[0] ?? '';
  const word = fold(first);
  if (!word) return null;
  for (const command of commands) {
    const locale = wordsOf(messages, command.wordsKey).get(word);
    if (locale) return { command, locale, args: trimmed.slice(first.length).trim() };
  }
  return null;
}
