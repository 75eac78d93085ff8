import type { Locale } from '../../../platform/i18n/locales.js';
import { type Choice, charCount, maxScreenLength, menuScreen, shorten } from './screen.js';

/** What the USSD menu needs from the rest of Palabre, for one commune and one caller (wired in ussd/ports.ts). */
export interface UssdPorts {
  categories(): Promise<{ id: string; label: string }[]>;
  neighbourhoods(): Promise<string[]>;
  /** Files the complaint once per key: a provider retrying the same request gets the same reference back. */
  fileComplaint(input: { categoryId: string; neighbourhood: string | null; text: string }, idempotencyKey: string): Promise<{ reference: string }>;
  /** The public status of a complaint of this commune, or null when the reference is unknown. */
  complaintStatus(reference: string): Promise<string | null>;
  latestHeadline(): Promise<{ title: string; date: string } | null>;
  setLocale(locale: Locale): Promise<void>;
}

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
}

export interface UssdReply {
  end: boolean;
  text: string;
}

const pageSize = 7;
const localeChoices: [Locale, string][] = [['fr', 'Français'], ['en', 'English'], ['pt', 'Português'], ['ar', 'العربية']];
const end = (text: string): Screen => ({ text: shorten(text, maxScreenLength) });

/** A numbered list, seven at a time with "8 more" to page on; `pick` gets the chosen item. */
function listScreen<T>(s: UssdSession, title: string, items: T[], label: (item: T) => string, pick: (item: T) => Promise<Screen>, offset = 0): Screen {
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

function textScreen(prompt: string, accept: (text: string) => Promise<Screen | null>): Screen {
  return { text: shorten(prompt, maxScreenLength), next: async (input) => (input.trim() ? accept(input.trim()) : null) };
}

function reportFlow(s: UssdSession, ports: UssdPorts, path: string[]): Promise<Screen> {
  return ports.categories().then((categories) =>
    listScreen(s, s.t('channels.ussd.report_category'), categories, (c) => c.label, async (category) => {
      const neighbourhoods = await ports.neighbourhoods();
      const describe = (neighbourhood: string | null) =>
        textScreen(s.t('channels.ussd.report_text'), async (text) => {
          const summary = s.t('channels.ussd.report_confirm', { category: category.label, text: shorten(text, 60) });
          return {
            text: menuScreen(shorten(summary, 120), [{ key: '1', label: s.t('channels.ussd.send') }, { key: '2', label: s.t('channels.ussd.cancel') }]),
            next: async (answer) => {
              if (answer === '2') return end(s.t('channels.ussd.cancelled'));
              if (answer !== '1') return null;
              const { reference } = await ports.fileComplaint({ categoryId: category.id, neighbourhood, text: text.slice(0, 500) }, `${s.sessionId}:${path.join('*')}`);
              return end(s.t('channels.ussd.report_done', { reference }));
            },
          };
        });
      if (neighbourhoods.length === 0) return describe(null);
      const options: (string | null)[] = [...neighbourhoods, null];
      return listScreen(s, s.t('channels.ussd.report_neighbourhood'), options, (n) => n ?? s.t('channels.ussd.other_place'), async (n) => describe(n));
    }),
  );
}

function mainMenu(s: UssdSession, ports: UssdPorts, path: string[]): Screen {
  const choices: Choice[] = [
    { key: '1', label: s.t('channels.ussd.menu_report') },
    { key: '2', label: s.t('channels.ussd.menu_follow') },
    { key: '3', label: s.t('channels.ussd.menu_news') },
    { key: '4', label: s.t('channels.ussd.menu_language') },
  ];
  return {
    text: menuScreen(s.communeName, choices),
    next: async (input) => {
      if (input === '1') return reportFlow(s, ports, path);
      if (input === '2') return textScreen(s.t('channels.ussd.follow_prompt'), async (reference) => {
        const status = await ports.complaintStatus(reference.toUpperCase());
        return end(status === null ? s.t('channels.ussd.follow_unknown', { reference }) : s.t('channels.ussd.follow_status', { reference: reference.toUpperCase(), status }));
      });
      if (input === '3') {
        const headline = await ports.latestHeadline();
        return end(headline ? `${headline.date} — ${headline.title}` : s.t('channels.ussd.news_none'));
      }
      if (input === '4') return listScreen(s, s.t('channels.ussd.menu_language'), localeChoices, ([, name]) => name, async ([locale]) => {
        await ports.setLocale(locale);
        return end(s.t('channels.ussd.language_saved'));
      });
      return null;
    },
  };
}

/**
 * Answers one USSD request. The provider sends the whole path typed so far ("1*3*Route coupée"), so the handler
 * keeps no state: it replays the path from the main menu. "0" goes back one screen; a wrong answer shows the same
 * screen again with a short notice.
 */
export async function ussdReply(path: string[], session: UssdSession, ports: UssdPorts): Promise<UssdReply> {
  const trail: Screen[] = [];
  let screen = mainMenu(session, ports, path);
  let invalid = false;
  for (const input of path) {
    if (!screen.next) break;
    if (input === '0' && trail.length > 0) {
      screen = trail.pop()!;
      invalid = false;
      continue;
    }
    const next = await screen.next(input);
    invalid = next === null;
    if (next) {
      trail.push(screen);
      screen = next;
    }
  }
  const text = invalid ? shorten(`${session.t('channels.ussd.invalid')}\n${screen.text}`, maxScreenLength) : screen.text;
  return { end: !screen.next, text: charCount(text) > maxScreenLength ? shorten(text, maxScreenLength) : text };
}

/** Africa's Talking sends the inputs joined by "*", empty on the first request. */
export const ussdPath = (text: string): string[] => (text === '' ? [] : text.split('*'));
