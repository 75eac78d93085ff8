import { formatDate, formatMoney, formatNumber } from '../../../platform/i18n/format.js';
import { type Locale, type LocalizedText, locales, pickLocalized } from '../../../platform/i18n/locales.js';
import { Localized } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import { type CommuneService, type DocumentCategory, documentCategories } from '../db/tables.js';
import { safeMarkdownHtml } from '../../../platform/views/markdown.js';
import { procedureStylePath } from './procedure-style.js';

function fee(ctx: ViewContext, service: CommuneService): string {
  const amount = service.fee === null ? 0 : Number(service.fee);
  return amount === 0 ? ctx.t('commune.services.free') : formatMoney(amount, ctx.commune!.currency, ctx.locale);
}

/** "Legal delay: 60 days" when a number of days is announced, else the free-text delay. */
function Delay({ ctx, service }: { ctx: ViewContext; service: CommuneService }) {
  if (service.delay_days === null) return <Localized ctx={ctx} text={service.delay} />;
  const days = formatNumber(service.delay_days, ctx.locale);
  const key = service.delay_days === 0 ? 'commune.services.delay_same_day' : service.delay_basis === 'legal' ? 'commune.services.delay_legal' : 'commune.services.delay_usual';
  return <span safe>{ctx.t(key, { days })}</span>;
}

const fallbacks = (ctx: ViewContext): Locale[] => [ctx.locale, ctx.commune!.default_locale, ...locales];

/** The documents to bring, in the first language (reader's, commune's, then any) that lists some. */
function documentsToBring(ctx: ViewContext, documents: LocalizedText[]): { locale: Locale; items: string[] } | null {
  for (const locale of fallbacks(ctx)) {
    const items = documents.map((item) => item[locale]).filter((item): item is string => Boolean(item));
    if (items.length > 0) return { locale, items };
  }
  return null;
}

export const serviceCategoryKeys: Record<string, string> = {
  civil_status: 'commune.fields.category_civil_status',
  urbanism: 'commune.fields.category_urbanism',
  taxes: 'commune.fields.category_taxes',
  social: 'commune.fields.category_social',
  other: 'commune.fields.category_other',
};

/** Services in the order of the categories, each category once. */
function byCategory(services: CommuneService[]): [string, CommuneService[]][] {
  const groups = new Map<string, CommuneService[]>(Object.keys(serviceCategoryKeys).map((category) => [category, []]));
  for (const service of services) groups.set(service.category, [...(groups.get(service.category) ?? []), service]);
  return [...groups].filter(([, members]) => members.length > 0);
}

function ServiceSearch({ ctx, q }: { ctx: ViewContext; q: string }) {
  return (
    <form method="get" class="search-form" role="search" id="service-search">
      <div class="field">
        <label for="q" safe>{ctx.t('commune.services.search')}</label>
        <input id="q" name="q" type="search" value={q} maxlength="100" />
      </div>
      <button type="submit" class="btn" safe>{ctx.t('commune.services.search_button')}</button>
    </form>
  );
}

export function ServicesPage({ ctx, services, q }: { ctx: ViewContext; services: CommuneService[]; q: string }) {
  return (
    <Layout ctx={ctx} title={ctx.t('commune.services.title')} head={<link rel="stylesheet" href={`/${ctx.commune!.slug}${procedureStylePath}`} />}>
      <h1 safe>{ctx.t('commune.services.title')}</h1>
      <p class="lead" safe>{ctx.t('commune.services.intro')}</p>
      <ServiceSearch ctx={ctx} q={q} />
      {q ? <p class="muted" safe>{ctx.t('commune.services.results', { count: formatNumber(services.length, ctx.locale) })}</p> : ''}
      {ctx.commune!.enabled_modules.includes('requests') ? (
        // The requests module publishes how long the procedures really take; only where it is switched on.
        <p><a href={`/${ctx.commune!.slug}/requests/procedures/statistics`} id="procedure-statistics-link" safe>{ctx.t('requests.procedure_stats.services_link')}</a></p>
      ) : (
        ''
      )}
      {byCategory(services).map(([category, members]) => (
        <section class="service-group" aria-labelledby={`category-${category}`}>
          <h2 id={`category-${category}`} safe>{serviceCategoryKeys[category] ? ctx.t(serviceCategoryKeys[category]) : category}</h2>
          <ul class="grid">
            {members.map((service) => (
              <li class="card">
                <h3><a href={`/${ctx.commune!.slug}/services/${service.id}`}><Localized ctx={ctx} text={service.title} /></a></h3>
                <p><strong safe>{ctx.t('commune.services.fee')}</strong> <span safe>{fee(ctx, service)}</span></p>
                <p><strong safe>{ctx.t('commune.services.delay')}</strong> <Delay ctx={ctx} service={service} /></p>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Layout>
  );
}

function Documents({ ctx, service }: { ctx: ViewContext; service: CommuneService }) {
  const documents = documentsToBring(ctx, service.documents);
  if (!documents) return <></>;
  return (
    <>
      <dt safe>{ctx.t('commune.services.documents')}</dt>
      <dd>
        <ul class="procedure-documents" lang={documents.locale}>
          {documents.items.map((item) => <li safe>{item}</li>)}
        </ul>
      </dd>
    </>
  );
}

/** A term and its localized text, left out when the commune wrote nothing. */
function Entry({ ctx, label, text }: { ctx: ViewContext; label: string; text: LocalizedText }) {
  if (!pickLocalized(text, ctx.locale, fallbacks(ctx))) return <></>;
  return (
    <>
      <dt safe>{ctx.t(label)}</dt>
      <dd><Localized ctx={ctx} text={text} /></dd>
    </>
  );
}

/** A procedure's page; the print view is the same sheet, with a reminder of the browser's print command. */
export function ServicePage({ ctx, service, printView = false, requestForm = false }: { ctx: ViewContext; service: CommuneService; printView?: boolean; requestForm?: boolean }) {
  const description = pickLocalized(service.description, ctx.locale, [ctx.commune!.default_locale, ...locales]);
  const title = pickLocalized(service.title, ctx.locale, [ctx.commune!.default_locale, ...locales])?.value ?? '';
  return (
    <Layout ctx={ctx} title={title} head={<link rel="stylesheet" href={`/${ctx.commune!.slug}${procedureStylePath}`} />}>
      {printView ? <p class="notice no-print" role="note" safe>{ctx.t('commune.services.print_hint')}</p> : ''}
      <article class="procedure-sheet">
        <h1><Localized ctx={ctx} text={service.title} /></h1>
        {description ? <div lang={description.locale}>{safeMarkdownHtml(description.value)}</div> : ''}
        <dl>
          <Entry ctx={ctx} label="commune.services.eligibility" text={service.eligibility} />
          <Documents ctx={ctx} service={service} />
          <dt safe>{ctx.t('commune.services.fee')}</dt>
          <dd safe>{fee(ctx, service)}</dd>
          <dt safe>{ctx.t('commune.services.delay')}</dt>
          <dd><Delay ctx={ctx} service={service} /></dd>
          <Entry ctx={ctx} label="commune.services.where" text={service.location} />
          <Entry ctx={ctx} label="commune.services.hours" text={service.opening_hours} />
          <Entry ctx={ctx} label="commune.services.collection" text={service.collection} />
        </dl>
      </article>
      {requestForm ? (
        <p class="no-print">
          <a href={`/${ctx.commune!.slug}/services/${service.id}/request`} id="request-link" class="button" safe>{ctx.t('commune.services.request_online')}</a>
        </p>
      ) : (
        ''
      )}
      <p class="no-print">
        <a href={`/${ctx.commune!.slug}/services/${service.id}/print`} id="print-link" safe>{ctx.t('commune.services.print')}</a>
        {' · '}
        <a href={`/${ctx.commune!.slug}/services`} safe>{ctx.t('commune.services.back')}</a>
      </p>
    </Layout>
  );
}

export const categoryLabelKeys: Record<DocumentCategory, string> = {
  deliberation: 'commune.documents.category_deliberation',
  budget: 'commune.documents.category_budget',
  report: 'commune.documents.category_report',
  decree: 'commune.documents.category_decree',
  other: 'commune.documents.category_other',
};

export interface DocumentRow {
  id: string;
  title: Partial<Record<string, string>>;
  category: DocumentCategory;
  document_date: string;
  file_id: string;
  byte_size: number;
}

function DocumentFilters({ ctx, filters }: { ctx: ViewContext; filters: { q?: string | undefined; category?: string | undefined; year?: number | undefined } }) {
  return (
    <form method="get" class="search-form" role="search">
      <div class="field">
        <label for="q" safe>{ctx.t('commune.documents.search')}</label>
        <input id="q" name="q" type="search" value={filters.q ?? ''} />
      </div>
      <div class="field">
        <label for="category" safe>{ctx.t('commune.documents.category')}</label>
        <select id="category" name="category">
          <option value="" safe>{ctx.t('commune.documents.all_categories')}</option>
          {documentCategories.map((c) => <option value={c} selected={filters.category === c} safe>{ctx.t(categoryLabelKeys[c])}</option>)}
        </select>
      </div>
      <div class="field">
        <label for="year" safe>{ctx.t('commune.documents.year')}</label>
        <input id="year" name="year" type="number" inputmode="numeric" min="1960" max="2100" value={filters.year ? String(filters.year) : ''} />
      </div>
      <button type="submit" class="btn" safe>{ctx.t('commune.documents.filter')}</button>
    </form>
  );
}

export function DocumentsPage({ ctx, documents, filters }: { ctx: ViewContext; documents: DocumentRow[]; filters: { q?: string | undefined; category?: string | undefined; year?: number | undefined } }) {
  return (
    <Layout ctx={ctx} title={ctx.t('commune.documents.title')}>
      <h1 safe>{ctx.t('commune.documents.title')}</h1>
      <DocumentFilters ctx={ctx} filters={filters} />
      <p class="muted" safe>{ctx.t('commune.documents.count', { count: formatNumber(documents.length, ctx.locale) })}</p>
      <ul class="doc-list">
        {documents.map((doc) => (
          <li>
            <a href={`/files/${doc.file_id}`}><Localized ctx={ctx} text={doc.title} /></a>
            <span class="muted" safe>{` · ${ctx.t(categoryLabelKeys[doc.category])} · ${formatDate(doc.document_date, ctx.locale, 'UTC')} · ${ctx.t('commune.documents.pdf_size', { size: formatNumber(Math.ceil(doc.byte_size / 1024), ctx.locale) })}`}</span>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
