import { formatDate, formatMoney, formatNumber } from '../../../platform/i18n/format.js';
import { locales, pickLocalized } from '../../../platform/i18n/locales.js';
import { Localized } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import { type CommuneService, type DocumentCategory, documentCategories } from '../db/tables.js';
import { safeMarkdownHtml } from '../../../platform/views/markdown.js';

function fee(ctx: ViewContext, service: CommuneService): string {
  const amount = service.fee === null ? 0 : Number(service.fee);
  return amount === 0 ? ctx.t('commune.services.free') : formatMoney(amount, ctx.commune!.currency, ctx.locale);
}

export function ServicesPage({ ctx, services }: { ctx: ViewContext; services: CommuneService[] }) {
  return (
    <Layout ctx={ctx} title={ctx.t('commune.services.title')}>
      <h1 safe>{ctx.t('commune.services.title')}</h1>
      <p class="lead" safe>{ctx.t('commune.services.intro')}</p>
      <ul class="grid">
        {services.map((service) => (
          <li class="card">
            <h2><a href={`/${ctx.commune!.slug}/services/${service.id}`}><Localized ctx={ctx} text={service.title} /></a></h2>
            <p><strong safe>{ctx.t('commune.services.fee')}</strong> <span safe>{fee(ctx, service)}</span></p>
            <p><strong safe>{ctx.t('commune.services.delay')}</strong> <Localized ctx={ctx} text={service.delay} /></p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export function ServicePage({ ctx, service }: { ctx: ViewContext; service: CommuneService }) {
  const description = pickLocalized(service.description, ctx.locale, [ctx.commune!.default_locale, ...locales]);
  const title = pickLocalized(service.title, ctx.locale, [ctx.commune!.default_locale, ...locales])?.value ?? '';
  return (
    <Layout ctx={ctx} title={title}>
      <h1><Localized ctx={ctx} text={service.title} /></h1>
      {description ? <div lang={description.locale}>{safeMarkdownHtml(description.value)}</div> : ''}
      <dl>
        <dt safe>{ctx.t('commune.services.fee')}</dt>
        <dd safe>{fee(ctx, service)}</dd>
        <dt safe>{ctx.t('commune.services.delay')}</dt>
        <dd><Localized ctx={ctx} text={service.delay} /></dd>
        <dt safe>{ctx.t('commune.services.where')}</dt>
        <dd><Localized ctx={ctx} text={service.location} /></dd>
        <dt safe>{ctx.t('commune.services.hours')}</dt>
        <dd><Localized ctx={ctx} text={service.opening_hours} /></dd>
      </dl>
      <p><a href={`/${ctx.commune!.slug}/services`} safe>{ctx.t('commune.services.back')}</a></p>
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
