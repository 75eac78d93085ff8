import { CsrfField } from '../../../platform/views/components.js';
import { formatDateTime } from '../../../platform/i18n/format.js';
import { locales, pickLocalized, type LocalizedText } from '../../../platform/i18n/locales.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import type { AdminResource } from './resource.js';

const intents = ['draft', 'publish', 'schedule'] as const;

function stateLabel(row: Record<string, unknown>, ctx: ViewContext): string {
  const publishAt = row.publish_at as Date | null;
  if (row.status !== 'published' || !publishAt) return ctx.t('commune.news.state_draft');
  const when = formatDateTime(publishAt, ctx.locale, ctx.commune!.time_zone);
  return publishAt > new Date() ? ctx.t('commune.news.state_scheduled', { date: when }) : ctx.t('commune.news.state_published', { date: when });
}

/** Correcting a post already online keeps its original publication date (feeds and lists stay stable). */
function alreadyOnline(existing: Record<string, unknown> | null, now: Date): Date | null {
  const publishAt = existing?.publish_at as Date | null | undefined;
  return existing?.status === 'published' && publishAt && publishAt <= now ? publishAt : null;
}

export function isOnline(row: Record<string, unknown>): boolean {
  return row.status === 'published' && row.publish_at !== null;
}

/** News posts: the generic section plus a publication state chosen by the button pressed. */
export const newsResource: AdminResource = {
  path: 'news',
  table: 'news_posts',
  titleKey: 'commune.admin.news',
  action: 'news.edit',
  auditType: 'news',
  orderBy: 'created_at',
  orderDirection: 'desc',
  rowLabel: (row, ctx) => pickLocalized(row.title as LocalizedText, ctx.locale, [ctx.commune!.default_locale, ...locales])?.value ?? '',
  listDetails: stateLabel,
  fields: [
    { name: 'title', labelKey: 'commune.fields.title', kind: 'localized', required: true },
    { name: 'body', labelKey: 'commune.fields.body', kind: 'localized-markdown', required: true },
    { name: 'photo_file_id', labelKey: 'commune.fields.photo', kind: 'image' },
    { name: 'publish_at', labelKey: 'commune.fields.publish_at', kind: 'datetime' },
  ],
  beforeSave: (columns, values, { userId, existing, now }): Record<string, string> => {
    const intent = intents.find((i) => i === values.intent) ?? 'draft';
    columns.updated_at = now;
    if (!existing) columns.author_id = userId;
    if (intent === 'draft') Object.assign(columns, { status: 'draft', publish_at: null });
    if (intent === 'publish') Object.assign(columns, { status: 'published', publish_at: alreadyOnline(existing, now) ?? now });
    if (intent === 'schedule') {
      const when = columns.publish_at as Date | null;
      if (!when || when <= now) return { publish_at: 'commune.news.schedule_in_future' };
      columns.status = 'published';
    }
    return {};
  },
  auditAction: (values) => (values.intent === 'publish' ? 'news.published' : values.intent === 'schedule' ? 'news.scheduled' : null),
  editActions: (ctx, row) =>
    isOnline(row) ? (
      <form method="post" action={`/${ctx.commune!.slug}/admin/news/${String(row.id)}/unpublish`} class="admin-actions">
        <CsrfField ctx={ctx} />
        <button type="submit" class="btn btn-secondary" safe>{ctx.t('commune.news.unpublish')}</button>
      </form>
    ) : (
      ''
    ),
  submitButtons: (ctx) => (
    <>
      <button type="submit" name="intent" value="publish" class="btn" safe>{ctx.t('commune.news.publish_now')}</button>
      <button type="submit" name="intent" value="schedule" class="btn btn-secondary" safe>{ctx.t('commune.news.schedule')}</button>
      <button type="submit" name="intent" value="draft" class="btn btn-secondary" safe>{ctx.t('commune.news.save_draft')}</button>
    </>
  ),
};
