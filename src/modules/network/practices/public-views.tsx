import { countryName } from '../../../platform/administration/form-parts.js';
import { type LocalizedText, locales, pickLocalized } from '../../../platform/i18n/locales.js';
import { Localized } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import { type ModuleTag, moduleLabel, principleKeys } from './labels.js';
import type { PracticeDocument, PracticeFilters, PracticeListItem, PublishedPractice } from './queries.js';
import { principles, type PracticeRow } from './tables.js';

const communeName = (ctx: ViewContext, name: LocalizedText, slug: string) => pickLocalized(name, ctx.locale, locales)?.value ?? slug;

function Tags({ ctx, principles: tagged, modules, tags }: { ctx: ViewContext; principles: string[]; modules: string[]; tags: ModuleTag[] }) {
  return (
    <p class="tags">
      <span class="visually-hidden" safe>{`${ctx.t('network.practices.tags')} `}</span>
      {tagged.map((p) => <><span class="badge badge-success" safe>{ctx.t(principleKeys[p as keyof typeof principleKeys] ?? p)}</span>{' '}</>)}
      {modules.map((m) => <><span class="badge badge-muted" safe>{moduleLabel(ctx, tags, m)}</span>{' '}</>)}
    </p>
  );
}

function PracticeCard({ ctx, item, tags }: { ctx: ViewContext; item: PracticeListItem; tags: ModuleTag[] }) {
  return (
    <li class="card practice-card">
      <h2><a href={`/network/practices/${item.id}`}><Localized ctx={ctx} text={item.title} /></a></h2>
      <p class="muted" safe>{`${communeName(ctx, item.commune_name, item.commune_slug)} · ${countryName(item.country, ctx.locale)}`}</p>
      <Localized ctx={ctx} text={item.summary} as="p" />
      <Tags ctx={ctx} principles={item.principles} modules={item.modules} tags={tags} />
    </li>
  );
}

function Filters({ ctx, filters, countries, tags }: { ctx: ViewContext; filters: PracticeFilters; countries: string[]; tags: ModuleTag[] }) {
  const option = (value: string, label: string, selected: string) => <option value={value} selected={value === selected} safe>{label}</option>;
  return (
    <form method="get" action="/network/practices" id="practice-search" class="card" role="search">
      <div class="field">
        <label for="q" safe>{ctx.t('network.practices.search_words')}</label>
        <input type="search" id="q" name="q" value={filters.q} />
      </div>
      <div class="field">
        <label for="principle" safe>{ctx.t('network.practices.filter_principle')}</label>
        <select id="principle" name="principle">
          {option('', ctx.t('network.practices.filter_all'), filters.principle)}
          {principles.map((p) => option(p, ctx.t(principleKeys[p]), filters.principle))}
        </select>
      </div>
      <div class="field">
        <label for="module" safe>{ctx.t('network.practices.filter_module')}</label>
        <select id="module" name="module">
          {option('', ctx.t('network.practices.filter_all'), filters.module)}
          {tags.map((m) => option(m.id, moduleLabel(ctx, tags, m.id), filters.module))}
        </select>
      </div>
      <div class="field">
        <label for="country" safe>{ctx.t('network.practices.filter_country')}</label>
        <select id="country" name="country">
          {option('', ctx.t('network.practices.filter_all'), filters.country)}
          {countries.map((c) => option(c, countryName(c, ctx.locale), filters.country))}
        </select>
      </div>
      <button type="submit" class="btn" safe>{ctx.t('network.practices.search')}</button>
    </form>
  );
}

function pageHref(filters: PracticeFilters, page: number): string {
  const query = new URLSearchParams();
  for (const name of ['q', 'principle', 'module', 'country'] as const) if (filters[name]) query.set(name, filters[name]);
  if (page > 1) query.set('page', String(page));
  const text = query.toString();
  return `/network/practices${text ? `?${text}` : ''}`;
}

function Pager({ ctx, filters, pages }: { ctx: ViewContext; filters: PracticeFilters; pages: number }) {
  if (pages <= 1) return <></>;
  return (
    <nav class="pagination" aria-label={ctx.t('network.practices.pages')}>
      {filters.page > 1 ? <a href={pageHref(filters, filters.page - 1)} rel="prev" safe>{ctx.t('network.practices.previous')}</a> : ''}{' '}
      <span safe>{ctx.t('network.practices.page_of', { page: String(filters.page), pages: String(pages) })}</span>{' '}
      {filters.page < pages ? <a href={pageHref(filters, filters.page + 1)} rel="next" safe>{ctx.t('network.practices.next')}</a> : ''}
    </nav>
  );
}

export interface LibraryProps {
  filters: PracticeFilters;
  items: PracticeListItem[];
  total: number;
  pages: number;
  countries: string[];
  tags: ModuleTag[];
}

export function PracticeLibraryPage({ ctx, props }: { ctx: ViewContext; props: LibraryProps }) {
  return (
    <Layout ctx={ctx} title={ctx.t('network.practices.library_title')}>
      <h1 safe>{ctx.t('network.practices.library_title')}</h1>
      <p class="lead" safe>{ctx.t('network.practices.library_intro')}</p>
      <p><a href="/network/guides" safe>{ctx.t('network.guides.list_title')}</a></p>
      <Filters ctx={ctx} filters={props.filters} countries={props.countries} tags={props.tags} />
      <p id="practice-count" role="status" safe>{ctx.t('network.practices.count', { count: String(props.total) })}</p>
      {props.items.length === 0 ? <p class="muted" safe>{ctx.t('network.practices.none_found')}</p> : (
        <ul class="grid" id="practices">{props.items.map((item) => <PracticeCard ctx={ctx} item={item} tags={props.tags} />)}</ul>
      )}
      <Pager ctx={ctx} filters={props.filters} pages={props.pages} />
    </Layout>
  );
}

function Section({ ctx, id, title, text }: { ctx: ViewContext; id: string; title: string; text: LocalizedText }) {
  if (!pickLocalized(text, ctx.locale)) return <></>;
  return (
    <section id={id}>
      <h2 safe>{title}</h2>
      <Localized ctx={ctx} text={text} markdown />
    </section>
  );
}

function Contact({ ctx, practice }: { ctx: ViewContext; practice: PublishedPractice }) {
  if (!practice.contact_name && !practice.contact_email && !practice.contact_phone) return <></>;
  return (
    <section id="contact">
      <h2 safe>{ctx.t('network.practices.field_contact')}</h2>
      <p>
        <span safe>{practice.contact_name}</span>
        {practice.contact_role ? <span safe>{`, ${practice.contact_role}`}</span> : ''}
      </p>
      {practice.contact_email ? <p><a href={`mailto:${practice.contact_email}`} dir="ltr" safe>{practice.contact_email}</a></p> : ''}
      {practice.contact_phone ? <p><a href={`tel:${practice.contact_phone.replace(/[^\d+]/g, '')}`} dir="ltr" safe>{practice.contact_phone}</a></p> : ''}
    </section>
  );
}

function Documents({ ctx, documents }: { ctx: ViewContext; documents: PracticeDocument[] }) {
  if (documents.length === 0) return <></>;
  return (
    <section id="documents">
      <h2 safe>{ctx.t('network.practices.documents')}</h2>
      <ul>
        {documents.map((d) => (
          <li>
            <a href={`/files/${d.file_id}`} safe>{d.title}</a>
            <span class="muted" safe>{` (${ctx.t('network.practices.document_meta', { kind: ctx.t(d.kind === 'photo' ? 'network.practices.kind_photo' : 'network.practices.kind_pdf'), size: String(Math.max(1, Math.round(d.byte_size / 1024))) })})`}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function PracticePage({ ctx, practice, documents, tags }: { ctx: ViewContext; practice: PublishedPractice; documents: PracticeDocument[]; tags: ModuleTag[] }) {
  const title = pickLocalized(practice.title, ctx.locale)?.value ?? '';
  const commune = communeName(ctx, practice.commune_name, practice.commune_slug);
  return (
    <Layout ctx={ctx} title={title}>
      <p><a href="/network/practices" safe>{ctx.t('network.practices.back_to_library')}</a></p>
      <article id="practice">
        <h1><Localized ctx={ctx} text={practice.title} /></h1>
        <p class="muted">
          <a href={`/${practice.commune_slug}/practices`} safe>{commune}</a>
          <span safe>{` · ${countryName(practice.country, ctx.locale)}`}</span>
        </p>
        <Tags ctx={ctx} principles={practice.principles} modules={practice.modules} tags={tags} />
        <Localized ctx={ctx} text={practice.summary} as="p" />
        <Section ctx={ctx} id="what-was-done" title={ctx.t('network.practices.field_body')} text={practice.body} />
        <Section ctx={ctx} id="results" title={ctx.t('network.practices.field_results')} text={practice.results} />
        <Contact ctx={ctx} practice={practice} />
        <Documents ctx={ctx} documents={documents} />
      </article>
    </Layout>
  );
}

export function CommunePracticesPage({ ctx, practices }: { ctx: ViewContext; practices: PracticeRow[] }) {
  return (
    <Layout ctx={ctx} title={ctx.t('network.practices.commune_title')}>
      <h1 safe>{ctx.t('network.practices.commune_title')}</h1>
      <p safe>{ctx.t('network.practices.commune_intro')}</p>
      {practices.length === 0 ? <p class="muted" safe>{ctx.t('network.practices.none_found')}</p> : (
        <ul id="commune-practices">
          {practices.map((p) => (
            <li>
              <a href={`/network/practices/${p.id}`}><Localized ctx={ctx} text={p.title} /></a>
              <Localized ctx={ctx} text={p.summary} as="p" />
            </li>
          ))}
        </ul>
      )}
      <p><a href="/network/practices" safe>{ctx.t('network.practices.library_link')}</a></p>
    </Layout>
  );
}
