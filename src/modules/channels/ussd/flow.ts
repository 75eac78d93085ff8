import type { Locale } from '../../../platform/i18n/locales.js';
import { type Choice, maxScreenLength, menuScreen, shorten } from './screen.js';

/** Screens and lists shared by every USSD flow (menu.ts, survey-flow.ts, budget-flow.ts). */
export interface UssdSession {
  sessionId: string;
  communeName: string;
  locale: Locale;
  t(key: string, params?: Record<string, string>): string;
}

/** A screen: its text, and what an answer leads to (null: not a valid answer). Without `next` the session ends. */
export interface Screen {
  text: string;
  next?: (input: string) => Promise<Screen | null>;
  /** "0" is an answer here (a number typed), not "back". */
  takesZero?: boolean;
}

export const pageSize = 7;
export const end = (text: string): Screen => ({ text: shorten(text, maxScreenLength) });

/** A numbered list, seven at a time with "8 more" to page on; `pick` gets the chosen item. */
export function listScreen<T>(s: UssdSession, title: string, items: T[], label: (item: T) => string, pick: (item: T) => Promise<Screen>, offset = 0): Screen {
  const page = items.slice(offset, offset + pageSize);
  const hasMore = offset + pageSize < items.length;
  const choices: Choice[] = page.map((item, i) => ({ key: String(i + 1), label: label(item) }));
  if (hasMore) choices.push({ key: '8', label: s.t('channels.ussd.more') });
  return {
    text: menuScreen(title, choices),
    next: async (input) => {
      if (hasMore && input === '8') return listScreen(s, title, items, label, pick, offset + pageSize);
      const item = page[Number(input) - 1];
      return /^\d$/.test(input) && item !== undefined ? pick(item) : null;
    },
  };
}

export function textScreen(prompt: string, accept: (text: string) => Promise<Screen | null>): Screen {
  return { text: shorten(prompt, maxScreenLength), next: async (input) => (input.trim() ? accept(input.trim()) : null) };
}

/** "1 Send / 2 Cancel" under a summary; `send` runs on 1. */
export function confirmScreen(s: UssdSession, summary: string, send: () => Promise<Screen>): Screen {
  return {
    text: menuScreen(shorten(summary, 120), [{ key: '1', label: s.t('channels.ussd.send') }, { key: '2', label: s.t('channels.ussd.cancel') }]),
    next: async (answer) => {
      if (answer === '2') return end(s.t('channels.ussd.cancelled'));
      return answer === '1' ? send() : null;
    },
  };
}
