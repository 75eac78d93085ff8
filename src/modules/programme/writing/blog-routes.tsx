import type { FastifyInstance } from 'fastify';
import { publicBaseUrl } from '../../../platform/config/config.js';
import { AppError } from '../../../platform/http/errors.js';
import { sendPage } from '../../../platform/http/render.js';
import { BlogPage, BlogPostPage } from './blog-views.js';
import { blogFeed } from './feed.js';
import { blogPath, feedPath } from './paths.js';
import { blogCommunes, publishedPost, publishedPosts } from './posts.js';

const everyone = { config: { access: 'public' as const } };
const slugPattern = /^[a-z0-9-]{1,80}$/;

/** The public blog: published posts only, every query filters on it (nothing unpublished is ever public). */
export function blogRoutes(app: FastifyInstance): void {
  const { db, config } = app.platform;
  app.get<{ Querystring: { commune?: string } }>(blogPath, everyone, async (request, reply) => {
    const commune = typeof request.query.commune === 'string' && slugPattern.test(request.query.commune) ? request.query.commune : '';
    const [posts, communes] = await Promise.all([publishedPosts(db, commune ? { communeSlug: commune } : {}), blogCommunes(db)]);
    return sendPage(request, reply, (ctx) => <BlogPage ctx={ctx} posts={posts} communes={communes} commune={commune} />);
  });
  app.get(feedPath, everyone, async (request, reply) => {
    const posts = await publishedPosts(db, { limit: 50 });
    // Revalidated on every read: an unpublished post leaves the feed at once.
    const xml = blogFeed(posts, publicBaseUrl(config), request.t('programme.writing.blog.title'));
    return reply.type('application/atom+xml; charset=utf-8').header('cache-control', 'no-cache').send(xml);
  });
  app.get<{ Params: { slug: string } }>(`${blogPath}/:slug`, everyone, async (request, reply) => {
    const post = slugPattern.test(request.params.slug) ? await publishedPost(db, request.params.slug) : undefined;
    if (!post) throw new AppError('NOT_FOUND');
    return sendPage(request, reply, (ctx) => <BlogPostPage ctx={ctx} post={post} />);
  });
}
