import type { FormState } from '../../../platform/http/forms.js';
import { formatDate, formatNumber } from '../../../platform/i18n/format.js';
import { CsrfField, ErrorSummary, Field, Notice, SelectField } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import { safeMarkdownHtml } from '../../../platform/views/markdown.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import { communeLabel } from '../labels.js';
import type { ThreadFilters, NotificationItem, PostView, ThreadListItem, ThreadView } from './queries.js';
import { principleLabelKeys, statusLabelKeys } from './labels.js';
import { principles, threadStatuses } from './tables.js';

export interface ModuleChoice {
  id: string;
  label: string;
}

const basePath = '/network/exchange';

/** "Commune X" for staff posts, "the programme team" for platform administrators. */
function speakerCommune(ctx: ViewContext, post: { commune_name: PostView['commune_name'] }): string {
  return post.commune_name ? communeLabel(ctx, post.commune_name) : ctx.t('network.exchange.programme_team');
}

function moduleLabel(modules: ModuleChoice[], id: string | null): string {
  return modules.find((m) => m.id === id)?.label ?? id ?? '';
}

function principleOptions(ctx: ViewContext): [string, string][] {
  return principles.map((p) => [p, ctx.t(principleLabelKeys[p])]);
}

function FilterForm({ ctx, filters, modules }: { ctx: ViewContext; filters: ThreadFilters; modules: ModuleChoice[] }) {
  const form: FormState = { values: { principle: filters.principle ?? '', module: filters.module ?? '', status: filters.status ?? '' }, errors: {} };
  return (
    <form method="get" action={basePath} class="filters">
      <SelectField ctx={ctx} form={form} name="principle" label={ctx.t('network.exchange.principle')} options={principleOptions(ctx)} empty={ctx.t('network.exchange.all')} />
      <SelectField ctx={ctx} form={form} name="module" label={ctx.t('network.exchange.module')} options={modules.map((m) => [m.id, m.label])} empty={ctx.t('network.exchange.all')} />
      <SelectField ctx={ctx} form={form} name="status" label={ctx.t('network.exchange.status')} options={threadStatuses.map((s) => [s, ctx.t(statusLabelKeys[s])])} empty={ctx.t('network.exchange.all')} />
      <button type="submit" safe>{ctx.t('network.exchange.filter')}</button>
    </form>
  );
}

function pageHref(filters: ThreadFilters, page: number): string {
  const query = new URLSearchParams();
  for (const key of ['principle', 'module', 'status'] as const) if (filters[key]) query.set(key, filters[key]);
  query.set('page', String(page));
  return `${basePath}?${query.toString()}`;
}

function ThreadItem({ ctx, thread, modules }: { ctx: ViewContext; thread: ThreadListItem; modules: ModuleChoice[] }) {
  const tags = [ctx.t(principleLabelKeys[thread.principle]), thread.module_tag ? moduleLabel(modules, thread.module_tag) : ''].filter(Boolean).join(' · ');
  return (
    <li class="card">
      <h2>
        <a href={`${basePath}/${thread.id}`} dir="auto" safe>{thread.title}</a>
      </h2>
      <p class="muted">
        <span class={thread.status === 'resolved' ? 'badge badge-success' : 'badge'} safe>{ctx.t(statusLabelKeys[thread.status])}</span>{' '}
        <span safe>{tags}</span>{' · '}
        <span safe>{speakerCommune(ctx, thread)}</span>{' · '}
        <span safe>{ctx.t('network.exchange.reply_count', { count: formatNumber(thread.reply_count, ctx.locale) })}</span>{' · '}
        <span safe>{ctx.t('network.exchange.last_activity', { date: formatDate(thread.last_activity_at, ctx.locale) })}</span>
      </p>
    </li>
  );
}

export function ThreadListPage({ ctx, props }: { ctx: ViewContext; props: { threads: ThreadListItem[]; hasMore: boolean; filters: ThreadFilters; unread: number; modules: ModuleChoice[] } }) {
  const { threads, hasMore, filters, unread, modules } = props;
  return (
    <Layout ctx={ctx} title={ctx.t('network.exchange.title')} area="admin">
      <h1 safe>{ctx.t('network.exchange.title')}</h1>
      <p safe>{ctx.t('network.exchange.intro')}</p>
      <p>
        <a class="button" href={`${basePath}/new`} safe>{ctx.t('network.exchange.ask')}</a>{' '}
        <a id="unread-count" href={`${basePath}/notifications`} safe>{ctx.t('network.exchange.unread', { count: formatNumber(unread, ctx.locale) })}</a>
      </p>
      <FilterForm ctx={ctx} filters={filters} modules={modules} />
      {threads.length === 0 ? <p class="muted" safe>{ctx.t('network.exchange.empty')}</p> : ''}
      <ul class="doc-list" id="threads">
        {threads.map((thread) => <ThreadItem ctx={ctx} thread={thread} modules={modules} />)}
      </ul>
      <nav class="pager" aria-label={ctx.t('network.exchange.pages')}>
        {filters.page > 1 ? <a rel="prev" href={pageHref(filters, filters.page - 1)} safe>{ctx.t('network.exchange.previous')}</a> : ''}{' '}
        {hasMore ? <a rel="next" href={pageHref(filters, filters.page + 1)} safe>{ctx.t('network.exchange.next')}</a> : ''}
      </nav>
    </Layout>
  );
}

const threadLabels = (ctx: ViewContext) => ({
  title: ctx.t('network.exchange.field_title'),
  body: ctx.t('network.exchange.field_body'),
  principle: ctx.t('network.exchange.principle'),
  module_tag: ctx.t('network.exchange.module'),
});

export function NewThreadPage({ ctx, form, modules, notice }: { ctx: ViewContext; form: FormState; modules: ModuleChoice[]; notice?: string | undefined }) {
  const labels = threadLabels(ctx);
  return (
    <Layout ctx={ctx} title={ctx.t('network.exchange.ask')} area="admin">
      <p><a href={basePath} safe>{ctx.t('network.exchange.back')}</a></p>
      <h1 safe>{ctx.t('network.exchange.ask')}</h1>
      {notice ? <Notice kind="error"><p safe>{notice}</p></Notice> : ''}
      <ErrorSummary ctx={ctx} form={form} labels={labels} />
      <form method="post" action={basePath} id="thread-form">
        <CsrfField ctx={ctx} />
        <Field ctx={ctx} form={form} name="title" label={labels.title} required dir="auto" />
        <Field ctx={ctx} form={form} name="body" label={labels.body} hint={ctx.t('network.exchange.markdown_hint')} multiline required dir="auto" />
        <SelectField ctx={ctx} form={form} name="principle" label={labels.principle} options={principleOptions(ctx)} />
        <SelectField ctx={ctx} form={form} name="module_tag" label={labels.module_tag} options={modules.map((m) => [m.id, m.label])} empty={ctx.t('network.exchange.no_module')} />
        <button type="submit" safe>{ctx.t('network.exchange.publish')}</button>
      </form>
    </Layout>
  );
}

function Byline({ ctx, post }: { ctx: ViewContext; post: PostView }) {
  return (
    <p class="muted byline">
      <span safe>{post.author_name ?? ''}</span>{' · '}
      <span safe>{speakerCommune(ctx, post)}</span>{' · '}
      <span safe>{formatDate(post.created_at, ctx.locale)}</span>
    </p>
  );
}

function AcceptForm({ ctx, threadId, replyId }: { ctx: ViewContext; threadId: string; replyId: string }) {
  return (
    <form method="post" action={`${basePath}/${threadId}/accept`}>
      <CsrfField ctx={ctx} />
      <input type="hidden" name="reply_id" value={replyId} />
      <button type="submit" class="secondary" safe>{ctx.t('network.exchange.accept')}</button>
    </form>
  );
}

function Reply({ ctx, thread, reply, canAccept }: { ctx: ViewContext; thread: ThreadView; reply: PostView; canAccept: boolean }) {
  const accepted = thread.accepted_reply_id === reply.id;
  return (
    <article id={`reply-${reply.id}`} class={accepted ? 'card reply accepted' : 'card reply'}>
      {accepted ? <p class="badge badge-success" safe>{ctx.t('network.exchange.accepted_answer')}</p> : ''}
      <Byline ctx={ctx} post={reply} />
      <div class="prose" dir="auto">{safeMarkdownHtml(reply.body)}</div>
      {canAccept ? <AcceptForm ctx={ctx} threadId={thread.id} replyId={reply.id} /> : ''}
    </article>
  );
}

function FollowForm({ ctx, threadId, following }: { ctx: ViewContext; threadId: string; following: boolean }) {
  return (
    <form method="post" action={`${basePath}/${threadId}/follow`} id="follow-form">
      <CsrfField ctx={ctx} />
      <input type="hidden" name="following" value={following ? '0' : '1'} />
      <p class="muted" safe>{ctx.t(following ? 'network.exchange.following_yes' : 'network.exchange.following_no')}</p>
      <button type="submit" class="secondary" safe>{ctx.t(following ? 'network.exchange.unfollow' : 'network.exchange.follow')}</button>
    </form>
  );
}

export function ThreadPage({ ctx, props }: { ctx: ViewContext; props: { thread: ThreadView; following: boolean; replyForm: FormState; isAsker: boolean; modules: ModuleChoice[]; notice?: string | undefined } }) {
  const { thread, following, replyForm, isAsker, modules, notice } = props;
  const canAccept = isAsker && thread.status === 'open';
  const tags = [ctx.t(principleLabelKeys[thread.principle]), thread.module_tag ? moduleLabel(modules, thread.module_tag) : ''].filter(Boolean).join(' · ');
  return (
    <Layout ctx={ctx} title={thread.title} area="admin">
      <p><a href={basePath} safe>{ctx.t('network.exchange.back')}</a></p>
      <article id="thread">
        <h1 dir="auto" safe>{thread.title}</h1>
        <p>
          <span class={thread.status === 'resolved' ? 'badge badge-success' : 'badge'} id="thread-status" safe>{ctx.t(statusLabelKeys[thread.status])}</span>{' '}
          <span class="muted" safe>{tags}</span>
        </p>
        <Byline ctx={ctx} post={thread} />
        <div class="prose" dir="auto">{safeMarkdownHtml(thread.body)}</div>
      </article>
      <FollowForm ctx={ctx} threadId={thread.id} following={following} />
      <section id="replies">
        <h2 safe>{ctx.t('network.exchange.reply_count', { count: formatNumber(thread.replies.length, ctx.locale) })}</h2>
        {thread.replies.map((reply) => <Reply ctx={ctx} thread={thread} reply={reply} canAccept={canAccept} />)}
      </section>
      <section>
        <h2 safe>{ctx.t('network.exchange.your_reply')}</h2>
        {notice ? <Notice kind="error"><p safe>{notice}</p></Notice> : ''}
        <ErrorSummary ctx={ctx} form={replyForm} labels={{ body: ctx.t('network.exchange.field_reply') }} />
        <form method="post" action={`${basePath}/${thread.id}/replies`} id="reply-form">
          <CsrfField ctx={ctx} />
          <Field ctx={ctx} form={replyForm} name="body" label={ctx.t('network.exchange.field_reply')} hint={ctx.t('network.exchange.markdown_hint')} multiline required dir="auto" />
          <button type="submit" safe>{ctx.t('network.exchange.send_reply')}</button>
        </form>
      </section>
    </Layout>
  );
}

export function NotificationsPage({ ctx, notifications }: { ctx: ViewContext; notifications: NotificationItem[] }) {
  return (
    <Layout ctx={ctx} title={ctx.t('network.exchange.notifications')} area="admin">
      <p><a href={basePath} safe>{ctx.t('network.exchange.back')}</a></p>
      <h1 safe>{ctx.t('network.exchange.notifications')}</h1>
      {notifications.length === 0 ? <p class="muted" safe>{ctx.t('network.exchange.no_notifications')}</p> : ''}
      <ul class="doc-list" id="notifications">
        {notifications.map((n) => (
          <li class={n.read_at ? 'card read' : 'card unread'}>
            <a href={`${basePath}/${n.thread_id}`} dir="auto" safe>{ctx.t('network.exchange.notification_text', { name: n.replier_name ?? '', commune: speakerCommune(ctx, n), title: n.thread_title })}</a>
            <span class="muted" safe>{` · ${formatDate(n.created_at, ctx.locale)}${n.read_at ? '' : ` · ${ctx.t('network.exchange.new')}`}`}</span>
          </li>
        ))}
      </ul>
      {notifications.some((n) => !n.read_at) ? (
        <form method="post" action={`${basePath}/notifications/read`}>
          <CsrfField ctx={ctx} />
          <button type="submit" class="secondary" safe>{ctx.t('network.exchange.mark_all_read')}</button>
        </form>
      ) : ''}
    </Layout>
  );
}
