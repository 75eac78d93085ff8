import type { FormState } from '../../../platform/http/forms.js';
import { IdempotencyField } from '../../../platform/http/idempotency.js';
import { CsrfField, ErrorSummary, Field, Notice, SelectField } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import type { DeploymentRelation } from '../permissions.js';
import { ActionButton, communeLabel, dayOf, languageOptions, MarkdownSection, postStatusKeys, SaveOrSubmit, StatusBadge, Written } from './parts.js';
import { adminPostPath, adminPostsPath, blogPostPath, deskPath, postPath, postsPath } from './paths.js';
import type { PostWithOrigin } from './posts.js';
import type { PostRow } from './tables.js';

const postLabels = (ctx: ViewContext) => ({
  title: ctx.t('programme.writing.post.title_field'),
  summary: ctx.t('programme.writing.post.summary'),
  body: ctx.t('programme.writing.post.body'),
  language: ctx.t('programme.writing.post.language'),
});

/** What the operator said when returning the post: the volunteer sees it above their text. */
function ReviewComment({ ctx, post }: { ctx: ViewContext; post: PostRow }) {
  if (post.status !== 'returned' || !post.review_comment) return <></>;
  return (
    <Notice kind="error">
      <p id="review-comment"><strong safe>{ctx.t('programme.writing.post.returned_with')}</strong> <span dir="auto" safe>{post.review_comment}</span></p>
    </Notice>
  );
}

export function PostFormPage({ ctx, deploymentId, post, form }: { ctx: ViewContext; deploymentId: string; post?: PostRow; form: FormState }) {
  const labels = postLabels(ctx);
  const title = post ? ctx.t('programme.writing.post.edit_title') : ctx.t('programme.writing.post.new');
  return (
    <Layout ctx={ctx} title={title}>
      <p><a href={deskPath} safe>{ctx.t('programme.writing.desk.title')}</a></p>
      <h1 safe>{title}</h1>
      {post ? <ReviewComment ctx={ctx} post={post} /> : ''}
      <p class="muted" safe>{ctx.t('programme.writing.post.review_hint')}</p>
      <p class="muted" safe>{ctx.t('programme.writing.markdown_hint')}</p>
      <ErrorSummary ctx={ctx} form={form} labels={labels} />
      <form method="post" action={post ? postPath(deploymentId, post.id) : postsPath(deploymentId)} id="post-form" class="card">
        <CsrfField ctx={ctx} />
        {post ? '' : <IdempotencyField />}
        <Field ctx={ctx} form={form} name="title" label={labels.title} required dir="auto" />
        <Field ctx={ctx} form={form} name="summary" label={labels.summary} multiline required dir="auto" />
        <Field ctx={ctx} form={form} name="body" label={labels.body} multiline required dir="auto" />
        <SelectField ctx={ctx} form={form} name="language" label={labels.language} options={languageOptions()} />
        <SaveOrSubmit ctx={ctx} submitLabel={ctx.t('programme.writing.post.submit')} />
      </form>
    </Layout>
  );
}

/** The post as readers see it (also the operator's preview before publishing). */
export function PostArticle({ post }: { post: PostRow }) {
  return (
    <article id="post" lang={post.language} dir="auto">
      <Written text={post.title} lang={post.language} as="h1" />
      <p class="lead"><Written text={post.summary} lang={post.language} /></p>
      <MarkdownSection heading="" text={post.body} lang={post.language} id="post-body" />
    </article>
  );
}

/** The operator's review buttons for one post, by its state. */
export function ReviewActions({ ctx, post, form }: { ctx: ViewContext; post: PostRow; form: FormState }) {
  return (
    <section id="post-review" class="card">
      <p><StatusBadge ctx={ctx} status={post.status} keys={postStatusKeys} /></p>
      {post.status === 'submitted' || post.status === 'unpublished' ? <ActionButton ctx={ctx} id="publish-form" action={`${adminPostPath(post.id)}/publish`} label={ctx.t('programme.writing.post.publish')} /> : ''}
      {post.status === 'published' ? <ActionButton ctx={ctx} id="unpublish-form" kind="btn btn-danger" action={`${adminPostPath(post.id)}/unpublish`} label={ctx.t('programme.writing.post.unpublish')} /> : ''}
      {post.status === 'submitted' ? (
        <form method="post" action={`${adminPostPath(post.id)}/return`} id="return-form">
          <CsrfField ctx={ctx} />
          <Field ctx={ctx} form={form} name="comment" label={ctx.t('programme.writing.post.return_comment')} multiline required dir="auto" />
          <button type="submit" class="btn btn-secondary" safe>{ctx.t('programme.writing.post.return')}</button>
        </form>
      ) : (
        ''
      )}
    </section>
  );
}

export function PostPreviewPage({ ctx, post, relation, reviewForm }: { ctx: ViewContext; post: PostRow; relation: DeploymentRelation; reviewForm: FormState }) {
  return (
    <Layout ctx={ctx} title={post.title}>
      <p><a href={relation === 'operator' ? adminPostsPath : deskPath} safe>{relation === 'operator' ? ctx.t('programme.writing.post.admin_title') : ctx.t('programme.writing.desk.title')}</a></p>
      <Notice><p safe>{ctx.t('programme.writing.post.preview_note')}</p></Notice>
      {post.status === 'published' && post.slug ? <p><a href={blogPostPath(post.slug)} safe>{ctx.t('programme.writing.post.public_link')}</a></p> : ''}
      {relation === 'operator' ? <ReviewActions ctx={ctx} post={post} form={reviewForm} /> : <p><StatusBadge ctx={ctx} status={post.status} keys={postStatusKeys} /></p>}
      <PostArticle post={post} />
    </Layout>
  );
}

export function AdminPostsPage({ ctx, posts }: { ctx: ViewContext; posts: PostWithOrigin[] }) {
  const waiting = posts.filter((p) => p.status === 'submitted');
  const others = posts.filter((p) => p.status !== 'submitted');
  const table = (rows: PostWithOrigin[], id: string) => (
    <table id={id}>
      <thead><tr><th safe>{ctx.t('programme.writing.post.title_field')}</th><th safe>{ctx.t('programme.writing.commune')}</th><th safe>{ctx.t('programme.writing.volunteer')}</th><th safe>{ctx.t('programme.writing.status_label')}</th><th safe>{ctx.t('programme.writing.updated')}</th></tr></thead>
      <tbody>
        {rows.map((post) => (
          <tr>
            <td><a href={postPath(post.deployment_id, post.id)}><Written text={post.title} lang={post.language} /></a></td>
            <td safe>{communeLabel(ctx, post.commune_name)}</td>
            <td dir="auto" safe>{post.author_name ?? ''}</td>
            <td><StatusBadge ctx={ctx} status={post.status} keys={postStatusKeys} /></td>
            <td safe>{dayOf(ctx, post.updated_at)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <Layout ctx={ctx} area="admin" title={ctx.t('programme.writing.post.admin_title')}>
      <h1 safe>{ctx.t('programme.writing.post.admin_title')}</h1>
      <h2 safe>{ctx.t('programme.writing.post.awaiting_review')}</h2>
      {waiting.length === 0 ? <p class="muted" safe>{ctx.t('programme.writing.post.none_waiting')}</p> : table(waiting, 'posts-waiting')}
      <h2 safe>{ctx.t('programme.writing.post.reviewed')}</h2>
      {table(others, 'posts-reviewed')}
    </Layout>
  );
}
