import type { Locale } from '../../../platform/i18n/locales.js';
import { budgetFlow, type UssdBudgetPorts } from './budget-flow.js';
import { confirmScreen, end, listScreen, type Screen, textScreen, type UssdSession } from './flow.js';
import { surveyFlow, type UssdSurveyPorts } from './survey-flow.js';
import { type Choice, charCount, maxScreenLength, menuScreen, shorten } from './screen.js';

export type { Screen, UssdSession } from './flow.js';

/** What the USSD menu needs from the rest of Palabre, for one commune and one caller (wired in ussd/ports.ts). */
export interface UssdPorts {
  categories(): Promise<{ id: string; label: string }[]>;
  neighbourhoods(): Promise<string[]>;
  /** Files the complaint once per key: a provider retrying the same request gets the same reference back. */
  fileComplaint(input: { categoryId: string; neighbourhood: string | null; text: string }, idempotencyKey: string): Promise<{ reference: string }>;
  /** The status of a complaint or procedure request of this commune, or null when unknown (or not the caller's to know). */
  requestStatus(reference: string): Promise<string | null>;
  latestHeadline(): Promise<{ title: string; date: string } | null>;
  setLocale(locale: Locale): Promise<void>;
  surveys: UssdSurveyPorts;
  budget: UssdBudgetPorts;
}

export interface UssdReply {
  end: boolean;
  text: string;
}

const localeChoices: [Locale, string][] = [['fr', 'Français'], ['en', 'English'], ['pt', 'Português'], ['ar', 'العربية']];

function reportFlow(s: UssdSession, ports: UssdPorts, path: string[]): Promise<Screen> {
  return ports.categories().then((categories) =>
    listScreen(s, s.t('channels.ussd.report_category'), categories, (c) => c.label, async (category) => {
      const neighbourhoods = await ports.neighbourhoods();
      const describe = (neighbourhood: string | null) =>
        textScreen(s.t('channels.ussd.report_text'), async (text) => {
          const summary = s.t('channels.ussd.report_confirm', { category: category.label, text: shorten(text, 60) });
          return confirmScreen(s, summary, async () => {
            const { reference } = await ports.fileComplaint({ categoryId: category.id, neighbourhood, text: text.slice(0, 500) }, `${s.sessionId}:${path.join('*')}`);
            return end(s.t('channels.ussd.report_done', { reference }));
          });
        });
      if (neighbourhoods.length === 0) return describe(null);
      const options: (string | null)[] = [...neighbourhoods, null];
      return listScreen(s, s.t('channels.ussd.report_neighbourhood'), options, (n) => n ?? s.t('channels.ussd.other_place'), async (n) => describe(n));
    }),
  );
}

/** The main menu; "5 Survey" and "6 Participatory budget" appear only while there is something to answer (fixed keys, so a path replayed later still means the same). */
async function mainMenu(s: UssdSession, ports: UssdPorts, path: string[]): Promise<Screen> {
  const [surveys, rounds] = await Promise.all([ports.surveys.list(), ports.budget.rounds()]);
  const choices: Choice[] = [
    { key: '1', label: s.t('channels.ussd.menu_report') },
    { key: '2', label: s.t('channels.ussd.menu_follow') },
    { key: '3', label: s.t('channels.ussd.menu_news') },
    { key: '4', label: s.t('channels.ussd.menu_language') },
    ...(surveys.length > 0 ? [{ key: '5', label: s.t('channels.ussd_survey.menu') }] : []),
    ...(rounds.length > 0 ? [{ key: '6', label: s.t('channels.ussd_budget.menu') }] : []),
  ];
  return {
    text: menuScreen(s.communeName, choices),
    next: async (input) => {
      if (input === '1') return reportFlow(s, ports, path);
      if (input === '2') return textScreen(s.t('channels.ussd.follow_prompt'), async (reference) => {
        const status = await ports.requestStatus(reference.toUpperCase());
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
      if (input === '5' && surveys.length > 0) return surveyFlow(s, ports.surveys, surveys, path);
      if (input === '6' && rounds.length > 0) return budgetFlow(s, ports.budget, rounds, path);
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
  let screen = await mainMenu(session, ports, path);
  let invalid = false;
  for (const input of path) {
    if (!screen.next) break;
    if (input === '0' && trail.length > 0 && !screen.takesZero) {
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
