import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { fields } from '../../../platform/http/forms.js';
import { locales } from '../../../platform/i18n/locales.js';
import type { DeploymentRow } from '../db/tables.js';
import type { WritingActor } from './access.js';
import { auditWriting } from './audit.js';
import { type PostRow, type PostStatus, writingDb } from './tables.js';

type Db = Kysely<PlatformTables>;

export const postSchema = z.object({
  title: fields.requiredText(200),
  summary: fields.requiredText(600),
  body: fields.requiredText(40000),
  language: z.enum(locales, 'core.form.invalid'),
  action: z.enum(['save', 'submit']).catch('save'),
});
export type PostInput = z.output<typeof postSchema>;
export const returnSchema = z.object({ comment: fields.requiredText(4000) });

const contentOf = (input: PostInput) => ({ title: input.title, summary: input.summary, body: input.body, language: input.language });
const submission = (input: PostInput, now: Date) => (input.action === 'submit' ? { status: 'submitted' as const, submitted_at: now } : {});
const resourceOf = (post: Pick<PostRow, 'id'>, communeId: string) => ({ type: 'post' as const, id: post.id, communeId });

export async function createPost(db: Db, actor: WritingActor, deployment: DeploymentRow, input: PostInput, now = new Date()): Promise<string> {
  const row = await writingDb(db)
    .insertInto('programme_posts')
    .values({ deployment_id: deployment.id, author_user_id: actor.userId, ...contentOf(input), ...submission(input, now) })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (input.action === 'submit') await auditWriting(db, actor, 'submitted', resourceOf(row, deployment.commune_id));
  return row.id;
}

/** Saves (and maybe resubmits) a draft or a returned post; false when it is no longer the volunteer's to edit. */
export async function updatePost(db: Db, actor: WritingActor, deployment: DeploymentRow, post: PostRow, input: PostInput, now = new Date()): Promise<boolean> {
  const updated = await writingDb(db)
    .updateTable('programme_posts')
    .set({ ...contentOf(input), ...submission(input, now), updated_at: now })
    .where('id', '=', post.id)
    .where('status', 'in', ['draft', 'returned'])
    .executeTakeFirst();
  const done = Number(updated.numUpdatedRows) === 1;
  if (done && input.action === 'submit') await auditWriting(db, actor, 'submitted', resourceOf(post, deployment.commune_id));
  return done;
}

/** An address from the title (ASCII words) and a random tail, so two posts with one title never collide. */
export function slugFor(title: string): string {
  const words = title.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60).replace(/-+$/, '');
  return `${words || 'post'}-${randomBytes(3).toString('hex')}`;
}

/** Moves a post from one of `from` to `to`; false when it was not in such a state (a replayed or stale click). */
async function move(db: Db, post: PostRow, from: PostStatus[], set: Partial<{ status: PostStatus; slug: string; published_at: Date; review_comment: string | null }>, now: Date): Promise<boolean> {
  const updated = await writingDb(db).updateTable('programme_posts').set({ ...set, updated_at: now }).where('id', '=', post.id).where('status', 'in', from).executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/** The operator publishes a submitted post (or puts an unpublished one back); its address, once given, stays. */
export async function publishPost(db: Db, actor: WritingActor, communeId: string, post: PostRow, now = new Date()): Promise<boolean> {
  const done = await move(db, post, ['submitted', 'unpublished'], { status: 'published', slug: post.slug ?? slugFor(post.title), published_at: post.published_at ?? now, review_comment: null }, now);
  if (done) await auditWriting(db, actor, 'published', resourceOf(post, communeId));
  return done;
}

export async function returnPost(db: Db, actor: WritingActor, communeId: string, post: PostRow, comment: string, now = new Date()): Promise<boolean> {
  const done = await move(db, post, ['submitted'], { status: 'returned', review_comment: comment }, now);
  if (done) await auditWriting(db, actor, 'returned', resourceOf(post, communeId));
  return done;
}

export async function unpublishPost(db: Db, actor: WritingActor, communeId: string, post: PostRow, now = new Date()): Promise<boolean> {
  const done = await move(db, post, ['published'], { status: 'unpublished' }, now);
  if (done) await auditWriting(db, actor, 'unpublished', resourceOf(post, communeId));
  return done;
}

export const deploymentPosts = (db: Db, deploymentId: string) =>
  writingDb(db).selectFrom('programme_posts').selectAll().where('deployment_id', '=', deploymentId).orderBy('created_at', 'desc').execute();

export const postOf = (db: Db, deploymentId: string, postId: string) =>
  writingDb(db).selectFrom('programme_posts').selectAll().where('deployment_id', '=', deploymentId).where('id', '=', postId).executeTakeFirst();

/** A post with where it comes from: the host commune and the volunteer. */
export interface PostWithOrigin extends PostRow {
  commune_id: string;
  commune_slug: string;
  commune_name: Record<string, string>;
  author_name: string | null;
}

function withOrigin(db: Db) {
  return writingDb(db)
    .selectFrom('programme_posts')
    .innerJoin('programme_deployments', 'programme_deployments.id', 'programme_posts.deployment_id')
    .innerJoin('communes', 'communes.id', 'programme_deployments.commune_id')
    .leftJoin('users', 'users.id', 'programme_posts.author_user_id')
    .selectAll('programme_posts')
    .select(['communes.id as commune_id', 'communes.slug as commune_slug', 'communes.name as commune_name', 'users.display_name as author_name']);
}

/** Published posts only, newest first: the one query every public page and the feed go through. */
export async function publishedPosts(db: Db, filter: { communeSlug?: string; limit?: number } = {}): Promise<PostWithOrigin[]> {
  let query = withOrigin(db).where('programme_posts.status', '=', 'published').orderBy('programme_posts.published_at', 'desc').limit(filter.limit ?? 100);
  if (filter.communeSlug) query = query.where('communes.slug', '=', filter.communeSlug);
  return (await query.execute()) as PostWithOrigin[];
}

export async function publishedPost(db: Db, slug: string): Promise<PostWithOrigin | undefined> {
  return (await withOrigin(db).where('programme_posts.status', '=', 'published').where('programme_posts.slug', '=', slug).executeTakeFirst()) as PostWithOrigin | undefined;
}

/** What the operator's review page lists: awaiting review first, then the rest, by origin. */
export async function postsForReview(db: Db): Promise<PostWithOrigin[]> {
  return (await withOrigin(db).where('programme_posts.status', '<>', 'draft').orderBy('programme_posts.updated_at', 'desc').limit(200).execute()) as PostWithOrigin[];
}

export async function postWithOrigin(db: Db, postId: string): Promise<PostWithOrigin | undefined> {
  return (await withOrigin(db).where('programme_posts.id', '=', postId).executeTakeFirst()) as PostWithOrigin | undefined;
}

/** The communes with published posts, for the blog's filter. */
export const blogCommunes = (db: Db) =>
  writingDb(db)
    .selectFrom('programme_posts')
    .innerJoin('programme_deployments', 'programme_deployments.id', 'programme_posts.deployment_id')
    .innerJoin('communes', 'communes.id', 'programme_deployments.commune_id')
    .select(['communes.slug', 'communes.name'])
    .where('programme_posts.status', '=', 'published')
    .groupBy(['communes.slug', 'communes.name'])
    .orderBy('communes.slug')
    .execute();
