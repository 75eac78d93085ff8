import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isUuid } from '../../../platform/db/uuid.js';
import { AppError } from '../../../platform/http/errors.js';
import { emptyForm, type FormState, parseForm } from '../../../platform/http/forms.js';
import { idempotent } from '../../../platform/http/idempotency.js';
import { redirectWithFlash, sendPage } from '../../../platform/http/render.js';
import { authorizeOperator } from '../permissions.js';
import { actorOf, allowOr404, authoredDeployment, type DeploymentAccess, relatedDeployment } from './access.js';
import { adminPostsPath, postPath } from './paths.js';
import { AdminPostsPage, PostFormPage, PostPreviewPage } from './post-views.js';
import { createPost, postOf, postSchema, postsForReview, postWithOrigin, type PostWithOrigin, publishPost, returnPost, returnSchema, unpublishPost, updatePost } from './posts.js';
import type { PostRow } from './tables.js';

const signedIn = { config: { access: 'signed-in' as const } };
type DeploymentParams = { Params: { id: string } };
type PostParams = { Params: { id: string; postId: string } };
type AdminPostParams = { Params: { postId: string } };

async function readablePost(request: FastifyRequest<PostParams>): Promise<{ access: DeploymentAccess; post: PostRow }> {
  const access = await relatedDeployment(request, request.params.id);
  const post = isUuid(request.params.postId) ? await postOf(request.server.platform.db, access.deployment.id, request.params.postId) : undefined;
  if (!post) throw new AppError('NOT_FOUND');
  allowOr404(request, 'programme.writing.read_post', { relation: access.relation });
  return { access, post };
}

const postValues = (post: PostRow): FormState => emptyForm({ title: post.title, summary: post.summary, body: post.body, language: post.language });
const flashFor = (action: 'save' | 'submit') => (action === 'submit' ? 'programme.writing.post.submitted_flash' : 'programme.writing.saved');

function volunteerRoutes(app: FastifyInstance): void {
  const { db } = app.platform;
  app.get<DeploymentParams>('/network/programme/deployments/:id/posts/new', signedIn, async (request, reply) => {
    const { deployment } = await authoredDeployment(request, request.params.id);
    return sendPage(request, reply, (ctx) => <PostFormPage ctx={ctx} deploymentId={deployment.id} form={emptyForm({ language: ctx.locale })} />);
  });
  // Idempotent: a double click or a resend on a bad connection creates one post.
  app.post<DeploymentParams>('/network/programme/deployments/:id/posts', signedIn, async (request, reply) => {
    const { deployment } = await authoredDeployment(request, request.params.id);
    const result = parseForm(postSchema, request.body);
    if (!result.ok) return sendPage(request, reply, (ctx) => <PostFormPage ctx={ctx} deploymentId={deployment.id} form={result.form as FormState} />, 422);
    return idempotent(request, reply, 'programme.post.create', async (tx) => {
      const id = await createPost(tx, actorOf(request), deployment, result.data);
      return { statusCode: 303, location: postPath(deployment.id, id), flash: flashFor(result.data.action) };
    });
  });
  app.get<PostParams>('/network/programme/deployments/:id/posts/:postId', signedIn, async (request, reply) => {
    const { access, post } = await readablePost(request);
    if (access.relation === 'volunteer' && (post.status === 'draft' || post.status === 'returned')) {
      return sendPage(request, reply, (ctx) => <PostFormPage ctx={ctx} deploymentId={access.deployment.id} post={post} form={postValues(post)} />);
    }
    return sendPage(request, reply, (ctx) => <PostPreviewPage ctx={ctx} post={post} relation={access.relation} reviewForm={emptyForm()} />);
  });
  app.post<PostParams>('/network/programme/deployments/:id/posts/:postId', signedIn, async (request, reply) => {
    const { access, post } = await readablePost(request);
    allowOr404(request, 'programme.writing.edit_post', { relation: access.relation, status: post.status });
    const result = parseForm(postSchema, request.body);
    if (!result.ok) return sendPage(request, reply, (ctx) => <PostFormPage ctx={ctx} deploymentId={access.deployment.id} post={post} form={result.form as FormState} />, 422);
    if (!(await updatePost(db, actorOf(request), access.deployment, post, result.data))) throw new AppError('CONFLICT');
    return redirectWithFlash(reply, postPath(access.deployment.id, post.id), flashFor(result.data.action));
  });
}

/** The post named in an operator's URL; its commune for the audit entry. */
async function reviewedPost(request: FastifyRequest<AdminPostParams>): Promise<PostWithOrigin> {
  await authorizeOperator(request);
  const post = isUuid(request.params.postId) ? await postWithOrigin(request.server.platform.db, request.params.postId) : undefined;
  if (!post) throw new AppError('NOT_FOUND');
  return post;
}

function done(reply: FastifyReply, post: PostRow, moved: boolean, flash: string) {
  // A replayed or stale click (the post already moved on) changes nothing and says so.
  return redirectWithFlash(reply, postPath(post.deployment_id, post.id), moved ? flash : 'programme.writing.post.already_done');
}

function operatorRoutes(app: FastifyInstance): void {
  const { db } = app.platform;
  app.get(adminPostsPath, signedIn, async (request, reply) => {
    await authorizeOperator(request);
    const posts = await postsForReview(db);
    return sendPage(request, reply, (ctx) => <AdminPostsPage ctx={ctx} posts={posts} />);
  });
  app.post<AdminPostParams>(`${adminPostsPath}/:postId/publish`, signedIn, async (request, reply) => {
    const post = await reviewedPost(request);
    return done(reply, post, await publishPost(db, actorOf(request), post.commune_id, post), 'programme.writing.post.published_flash');
  });
  app.post<AdminPostParams>(`${adminPostsPath}/:postId/unpublish`, signedIn, async (request, reply) => {
    const post = await reviewedPost(request);
    return done(reply, post, await unpublishPost(db, actorOf(request), post.commune_id, post), 'programme.writing.post.unpublished_flash');
  });
  app.post<AdminPostParams>(`${adminPostsPath}/:postId/return`, signedIn, async (request, reply) => {
    const post = await reviewedPost(request);
    const result = parseForm(returnSchema, request.body);
    if (!result.ok) return sendPage(request, reply, (ctx) => <PostPreviewPage ctx={ctx} post={post} relation="operator" reviewForm={result.form as FormState} />, 422);
    return done(reply, post, await returnPost(db, actorOf(request), post.commune_id, post, result.data.comment), 'programme.writing.post.returned_flash');
  });
}

/** Blog posts written by volunteers and reviewed by the operator before anyone else reads them. */
export function postRoutes(app: FastifyInstance): void {
  volunteerRoutes(app);
  operatorRoutes(app);
}
