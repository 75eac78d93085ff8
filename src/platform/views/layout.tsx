import type { Children } from '@kitajs/html';
import { localeNames, locales } from '../i18n/locales.js';
import { CsrfField } from './components.js';
import { urlWithLocale, type ViewContext } from './view-context.js';

interface LayoutProps {
  ctx: ViewContext;
  title: string;
  area?: 'public' | 'admin';
  description?: string;
  /** Extra <head> elements, e.g. the RSS feed link. */
  head?: Children;
  children?: Children;
}

function communeHref(ctx: ViewContext, path = ''): string {
  return ctx.commune ? `/${ctx.commune.slug}/${path}` : '/';
}

function LanguageSwitch({ ctx }: { ctx: ViewContext }) {
  return (
    <nav class="lang-switch" aria-label={ctx.t('core.layout.languages')}>
      <ul>
        {locales.map((locale) => (
          <li>
            <a
              href={urlWithLocale(ctx.currentUrl, locale)}
              lang={locale}
              hreflang={locale}
              aria-current={locale === ctx.locale ? 'true' : undefined}
              safe
            >
              {localeNames[locale]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function AccountLinks({ ctx }: { ctx: ViewContext }) {
  const returnTo = encodeURIComponent(ctx.currentUrl);
  const communeQuery = ctx.commune ? `&commune=${ctx.commune.slug}` : '';
  if (!ctx.actor.user) {
    return (
      <li>
        <a href={`/sign-in?return=${returnTo}${communeQuery}`} safe>
          {ctx.t('core.layout.sign_in')}
        </a>
      </li>
    );
  }
  return (
    <>
      <li>
        <a href="/account" safe>
          {ctx.actor.user.display_name ?? ctx.t('core.layout.my_account')}
        </a>
      </li>
      {ctx.accountLinks.filter((link) => !link.accountPageOnly).map((link) => (
        <li>
          <a href={link.path} safe>
            {ctx.t(link.labelKey)}
          </a>
        </li>
      ))}
      <li>
        <form method="post" action="/sign-out" class="inline-form">
          <CsrfField ctx={ctx} />
          <button type="submit" class="btn-link" safe>
            {ctx.t('core.layout.sign_out')}
          </button>
        </form>
      </li>
    </>
  );
}

function SiteNavigation({ ctx, area }: { ctx: ViewContext; area: 'public' | 'admin' }) {
  const entries = area === 'admin' ? ctx.adminNavigation : ctx.navigation;
  return (
    <nav class="site-nav" aria-label={ctx.t('core.layout.main_navigation')}>
      <ul>
        {ctx.commune ? (
          <li>
            <a href={communeHref(ctx, area === 'admin' ? 'admin' : '')} safe>
              {ctx.t(area === 'admin' ? 'core.layout.admin_home' : 'core.layout.home')}
            </a>
          </li>
        ) : (
          ''
        )}
        {entries.map((entry) => (
          <li>
            <a href={communeHref(ctx, entry.path)} safe>
              {ctx.t(entry.labelKey)}
            </a>
          </li>
        ))}
        {area === 'public' && ctx.commune && ctx.adminNavigation.length > 0 ? (
          <li>
            <a href={communeHref(ctx, 'admin')} safe>
              {ctx.t('core.layout.back_office')}
            </a>
          </li>
        ) : (
          ''
        )}
        <AccountLinks ctx={ctx} />
      </ul>
    </nav>
  );
}

export function Layout({ ctx, title, area = 'public', description, head, children }: LayoutProps) {
  const siteName = ctx.communeName ?? ctx.t('core.network.name');
  return (
    <>
      {'<!doctype html>'}
      <html lang={ctx.locale} dir={ctx.dir}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title safe>{`${title} · ${siteName}`}</title>
          {description ? <meta name="description" content={description} /> : ''}
          <link rel="stylesheet" href={ctx.cssHref} />
          <link rel="icon" href="data:," />
          {head}
        </head>
        <body class={area === 'admin' ? 'area-admin' : 'area-public'}>
          <a class="skip-link" href="#main" safe>
            {ctx.t('core.layout.skip_to_content')}
          </a>
          <header class="site-header">
            <div class="container">
              <a class="brand" href={communeHref(ctx)}>
                {ctx.commune?.logo_file_id ? (
                  <img class="brand-logo" src={`/files/${ctx.commune.logo_file_id}`} alt="" width="40" height="40" />
                ) : (
                  ''
                )}
                <span safe>{siteName}</span>
              </a>
              <SiteNavigation ctx={ctx} area={area} />
              <LanguageSwitch ctx={ctx} />
            </div>
          </header>
          <main id="main" class="container" tabindex="-1">
            {ctx.flash ? (
              <div class="notice notice-success" role="status" safe>
                {ctx.t(ctx.flash)}
              </div>
            ) : (
              ''
            )}
            {children}
          </main>
          <footer class="site-footer">
            <div class="container">
              <p>
                <a href="/" safe>
                  {ctx.t('core.network.name')}
                </a>
                {' · '}
                <span safe>{ctx.t('core.layout.footer_tagline')}</span>
              </p>
            </div>
          </footer>
        </body>
      </html>
    </>
  );
}

export function ErrorPage({ ctx, code, message }: { ctx: ViewContext; code: string; message: string }) {
  return (
    <Layout ctx={ctx} title={message}>
      <section class="error-page">
        <h1 safe>{message}</h1>
        <p class="muted">
          <span safe>{ctx.t('core.errors.code_label')}</span> <code safe>{code}</code>
        </p>
        <p>
          <a href={ctx.commune ? `/${ctx.commune.slug}/` : '/'} safe>
            {ctx.t('core.errors.back_home')}
          </a>
        </p>
      </section>
    </Layout>
  );
}
