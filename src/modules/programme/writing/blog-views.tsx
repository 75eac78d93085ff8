import type { LocalizedText } from '../../../platform/i18n/locales.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import { communeLabel, dayOf, Written } from './parts.js';
import { PostArticle } from './post-views.js';
import { blogPath, blogPostPath, feedPath } from './paths.js';
import type { PostWithOrigin } from './posts.js';

const feedLink = <link rel="alternate" type="application/atom+xml" href={feedPath} />;

function Byline({ ctx, post }: { ctx: ViewContext; post: PostWithOrigin }) {
  return <p class="muted" safe>{ctx.t('programme.writing.blog.byline', { author: post.author_name ?? '', commune: communeLabel(ctx, post.commune_name), date: dayOf(ctx, post.published_at) })}</p>;
}

export function BlogPage({ ctx, posts, communes, commune }: { ctx: ViewContext; posts: PostWithOrigin[]; communes: { slug: string; name: LocalizedText }[]; commune: string }) {
  return (
    <Layout ctx={ctx} title={ctx.t('programme.writing.blog.title')} head={feedLink}>
      <p><a href="/network/programme" safe>{ctx.t('programme.title')}</a></p>
      <h1 safe>{ctx.t('programme.writing.blog.title')}</h1>
      <p class="lead" safe>{ctx.t('programme.writing.blog.intro')}</p>
      <form method="get" action={blogPath} id="blog-filter" class="inline-form">
        <label for="commune" safe>{ctx.t('programme.writing.commune')}</label>{' '}
        <select id="commune" name="commune">
          <option value="" safe>{ctx.t('programme.writing.blog.all_communes')}</option>
          {communes.map((c) => <option value={c.slug} selected={c.slug === commune} safe>{communeLabel(ctx, c.name)}</option>)}
        </select>{' '}
        <button type="submit" class="btn btn-secondary" safe>{ctx.t('programme.writing.blog.filter')}</button>
      </form>
      {posts.length === 0 ? <p class="muted" safe>{ctx.t('programme.writing.blog.none')}</p> : ''}
      <ul id="blog-posts" class="grid">
        {posts.map((post) => (
          <li class="card" lang={post.language} dir="auto">
            <h2><a href={blogPostPath(post.slug!)}><Written text={post.title} lang={post.language} /></a></h2>
            <Byline ctx={ctx} post={post} />
            <p><Written text={post.summary} lang={post.language} /></p>
          </li>
        ))}
      </ul>
      <p><a href={feedPath} safe>{ctx.t('programme.writing.blog.feed')}</a></p>
    </Layout>
  );
}

export function BlogPostPage({ ctx, post }: { ctx: ViewContext; post: PostWithOrigin }) {
  return (
    <Layout ctx={ctx} title={post.title} description={post.summary} head={feedLink}>
      <p><a href={blogPath} safe>{ctx.t('programme.writing.blog.back')}</a></p>
      <PostArticle post={post} />
      <Byline ctx={ctx} post={post} />
    </Layout>
  );
}
