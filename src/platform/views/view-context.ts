import type { FastifyRequest } from 'fastify';
import type { Commune } from '../db/platform-tables.js';
import type { Translate } from '../i18n/i18n.js';
import { directionOf, type Locale, locales, pickLocalized } from '../i18n/locales.js';
import type { AccountLink, NavigationEntry } from '../module.js';
import { type Actor, hasRole } from '../permissions/actor.js';

/** Everything a view needs about the request, so views stay pure functions of their props. */
export interface ViewContext {
  locale: Locale;
  dir: 'ltr' | 'rtl';
  t: Translate;
  actor: Actor;
  commune: Commune | null;
  communeName: string | null;
  csrfToken: string;
  /** Path and query of the current page, for the language links and sign-in return. */
  currentUrl: string;
  navigation: NavigationEntry[];
  adminNavigation: NavigationEntry[];
  accountLinks: AccountLink[];
  demoMode: boolean;
  cssHref: string;
  flash: string | null;
}

export const assetState = { cssHref: '/assets/app.css' };

function enabledModuleIds(commune: Commune | null, alwaysOn: Set<string>): Set<string> {
  return new Set([...(commune?.enabled_modules ?? []), ...alwaysOn]);
}

export function buildViewContext(request: FastifyRequest): ViewContext {
  const { commune, actor } = request;
  const modules = request.server.platform.modules;
  const enabled = enabledModuleIds(commune, new Set(modules.filter((m) => m.alwaysOn).map((m) => m.id)));
  // Outside a commune (network pages) there is no commune menu to show.
  const entries = commune ? modules.filter((m) => enabled.has(m.id)).flatMap((m) => m.navigation ?? []) : [];
  const byOrder = (a: NavigationEntry, b: NavigationEntry) => (a.order ?? 50) - (b.order ?? 50);
  const canSee = (entry: NavigationEntry) =>
    !entry.roles || (commune !== null && (actor.isPlatformAdmin || hasRole(actor, commune.id, ...entry.roles)));
  return {
    locale: request.locale,
    dir: directionOf(request.locale),
    t: request.t,
    actor,
    commune,
    communeName: commune ? (pickLocalized(commune.name, request.locale, [commune.default_locale, ...locales])?.value ?? commune.slug) : null,
    // Read only by forms: the token (and its cookie) exists only on pages that have one.
    get csrfToken() {
      return request.csrfToken();
    },
    currentUrl: request.url,
    navigation: entries.filter((e) => e.area === 'public').sort(byOrder),
    adminNavigation: entries.filter((e) => e.area === 'admin' && canSee(e)).sort(byOrder),
    accountLinks: actor.user ? modules.flatMap((m) => m.accountLinks ?? []) : [],
    demoMode: request.server.platform.config.demoMode,
    cssHref: assetState.cssHref,
    flash: (request as { flash?: string | null }).flash ?? null,
  };
}

/** The URL of the current page with the language switched (a GET link that persists the choice). */
export function urlWithLocale(currentUrl: string, locale: Locale): string {
  const url = new URL(currentUrl, 'http://local');
  url.searchParams.set('lang', locale);
  return `${url.pathname}${url.search}`;
}
