import { formatDate } from '../../../platform/i18n/format.js';
import { type Locale, localeNames, locales, type LocalizedText, pickLocalized } from '../../../platform/i18n/locales.js';
import { CsrfField } from '../../../platform/views/components.js';
import { safeMarkdownHtml } from '../../../platform/views/markdown.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import type { LessonAudience, PostStatus, ReportStatus } from './tables.js';

export const reportStatusKeys: Record<ReportStatus, string> = {
  draft: 'programme.writing.status.draft',
  submitted: 'programme.writing.status.submitted',
  acknowledged: 'programme.writing.status.acknowledged',
};
export const postStatusKeys: Record<PostStatus, string> = {
  draft: 'programme.writing.status.draft',
  submitted: 'programme.writing.status.in_review',
  returned: 'programme.writing.status.returned',
  published: 'programme.writing.status.published',
  unpublished: 'programme.writing.status.unpublished',
};
export const audienceKeys: Record<LessonAudience, string> = {
  mayors: 'programme.writing.audience.mayors',
  staff: 'programme.writing.audience.staff',
  volunteers: 'programme.writing.audience.volunteers',
  citizens: 'programme.writing.audience.citizens',
};

export function StatusBadge({ ctx, status, keys }: { ctx: ViewContext; status: string; keys: Record<string, string> }) {
  return <span class={`badge badge-${status}`} safe>{ctx.t(keys[status] ?? status)}</span>;
}

/** "novembre 2026": a report's month in the reader's language. */
export const periodLabel = (period: string, locale: Locale) =>
  new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${period}-01T00:00:00Z`));

export const communeLabel = (ctx: ViewContext, name: LocalizedText | null | undefined) => pickLocalized(name, ctx.locale, locales)?.value ?? '';

export const languageOptions = (): [string, string][] => locales.map((l) => [l, localeNames[l]]);

/** A person's text in their language: plain, isolated so mixed scripts cannot reorder the page around it. */
export function Written({ text, lang, as = 'span' }: { text: string; lang: Locale; as?: 'span' | 'p' | 'h1' | 'h2' | 'h3' }) {
  const Tag = as;
  return <Tag lang={lang} dir="auto" safe>{text}</Tag>;
}

/** Markdown through the platform's safe renderer, under its heading; nothing when the section is empty. */
export function MarkdownSection({ heading, text, lang, id }: { heading: string; text: string; lang?: Locale; id?: string }) {
  if (!text.trim()) return <></>;
  return (
    <section id={id}>
      {heading ? <h2 safe>{heading}</h2> : ''}
      <div class="prose" lang={lang} dir="auto">{safeMarkdownHtml(text)}</div>
    </section>
  );
}

export const dayOf = (ctx: ViewContext, date: Date | null) => (date ? formatDate(date, ctx.locale) : '');

/** A one-button form (publish, unpublish…). */
export function ActionButton({ ctx, action, label, id, kind = 'btn' }: { ctx: ViewContext; action: string; label: string; id?: string; kind?: string }) {
  return (
    <form method="post" action={action} class="inline-form" id={id}>
      <CsrfField ctx={ctx} />
      <button type="submit" class={kind} safe>{label}</button>
    </form>
  );
}

/** Save as a draft, or submit: the two ends of the volunteer's forms. */
export function SaveOrSubmit({ ctx, submitLabel }: { ctx: ViewContext; submitLabel: string }) {
  return (
    <p class="actions">
      <button type="submit" name="action" value="save" class="btn btn-secondary" safe>{ctx.t('programme.writing.save_draft')}</button>{' '}
      <button type="submit" name="action" value="submit" class="btn" safe>{submitLabel}</button>
    </p>
  );
}
