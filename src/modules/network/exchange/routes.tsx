import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../platform/http/errors.js';
import { emptyForm, type FormState, parseForm } from '../../../platform/http/forms.js';
import { redirectWithFlash, sendPage } from '../../../platform/http/render.js';
import { ErrorPage } from '../../../platform/views/layout.js';
import { memberCommunes, staffCommunes } from '../membership.js';
import { acceptAnswer, addReply, createThread, markRead, type Poster, setFollowing } from './commands.js';
import { acceptSchema, filtersSchema, followSchema, replySchema, threadSchema } from './forms.js';
import { exchangePolicy } from './policy.js';
import { findThread, isFollowing, listNotifications, listThreads, unreadCount } from './queries.js';
import { type ModuleChoice, NewThreadPage, NotificationsPage, ThreadListPage, ThreadPage } from './views.js';

type IdParams = { Params: { id: string } };
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const basePath = '/network/exchange';

/** Signed-in staff of a member commune, or the programme team; everyone else is refused here (403). */
async function participant(request: FastifyRequest): Promise<Poster> {
  const staffOf = staffCommunes(request.actor, await memberCommunes(request.server.platform.db));
  exchangePolicy.authorize(request.actor, 'network.exchange.take_part', { staffOf: staffOf.map((c) => c.id) });
  const user = request.actor.user;
  if (!user) throw new AppError('SIGN_IN_REQUIRED');
  // A person working for several member communes speaks for the first; the programme team for none.
  return { userId: user.id, communeId: staffOf[0]?.id ?? null, ip: request.ip };
}

/**
 * The platform's modules, named as administrators see them, or by their first menu entry when they have no name
 * (the commune's own site, always on and nameless, is no topic of its own).
 */
function moduleChoices(request: FastifyRequest): ModuleChoice[] {
  return request.server.platform.modules.flatMap((m) => {
    const key = m.nameKey ?? (m.alwaysOn ? undefined : m.navigation?.[0]?.labelKey);
    return key ? [{ id: m.id, label: request.t(key) }] : [];
  });
}

async function existingThread(request: FastifyRequest<IdParams>) {
  const id = request.params.id;
  const thread = uuidPattern.test(id) ? await findThread(request.server.platform.db, id) : null;
  if (!thread) throw new AppError('NOT_FOUND');
  return thread;
}

async function showThread(request: FastifyRequest<IdParams>, reply: FastifyReply, poster: Poster, replyForm: FormState = emptyForm(), status = 200, notice?: string) {
  const { db } = request.server.platform;
  const thread = await existingThread(request);
  if (status === 200) await markRead(db, poster.userId, thread.id);
  const following = await isFollowing(db, thread.id, poster.userId);
  const props = { thread, following, replyForm, isAsker: thread.author_id === poster.userId, modules: moduleChoices(request), notice };
  return sendPage(request, reply, (ctx) => <ThreadPage ctx={ctx} props={props} />, status);
}

function showNewThread(request: FastifyRequest, reply: FastifyReply, form: FormState, status = 200, notice?: string) {
  const modules = moduleChoices(request);
  return sendPage(request, reply, (ctx) => <NewThreadPage ctx={ctx} form={form} modules={modules} notice={notice} />, status);
}

/** What the person typed, to show again when a post is refused before it is read. */
function typed(request: FastifyRequest): FormState {
  const body = (request.body ?? {}) as Record<string, unknown>;
  return { values: Object.fromEntries(Object.entries(body).filter(([key, value]) => key !== '_csrf' && typeof value === 'string')) as FormState['values'], errors: {} };
}

const waitNotice = (request: FastifyRequest, seconds: number) => request.t('network.exchange.rate_limited', { minutes: String(Math.ceil(seconds / 60)) });

type RateLimitedPage = (request: FastifyRequest, reply: FastifyReply, retryAfterSeconds: number) => Promise<FastifyReply>;

/** These pages are drawn inside the error handler, so a refusal (not a member, no such thread) is drawn here too. */
const refusalsDrawn = (page: RateLimitedPage): RateLimitedPage => async (request, reply, seconds) => {
  try {
    return await page(request, reply, seconds);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const refusal = error;
    return sendPage(request, reply, (ctx) => <ErrorPage ctx={ctx} code={refusal.code} message={request.t(refusal.messageKey)} />, refusal.status);
  }
};

// Over the limit, the form comes back with its text kept; the membership check runs first, as in the handler.
const threadFormAgain = refusalsDrawn(async (request, reply, seconds) => {
  await participant(request);
  return showNewThread(request, reply, typed(request), 429, waitNotice(request, seconds));
});
const replyFormAgain = refusalsDrawn(async (request, reply, seconds) =>
  showThread(request as FastifyRequest<IdParams>, reply, await participant(request), typed(request), 429, waitNotice(request, seconds)));

export async function exchangeRoutes(app: FastifyInstance): Promise<void> {
  const { db, config } = app.platform;
  const signedIn = { config: { access: 'signed-in' as const } };
  // The platform's post limit, counted per person rather than per address (town halls share one connection).
  const posting = (onRateLimited?: RateLimitedPage) => ({
    config: { access: 'signed-in' as const, rateLimit: { max: config.postRateLimitPerMinute, timeWindow: '1 minute', keyGenerator: (r: FastifyRequest) => r.actor?.user?.id ?? r.ip }, ...(onRateLimited ? { onRateLimited } : {}) },
  });

  app.get(basePath, signedIn, async (request, reply) => {
    const poster = await participant(request);
    const filters = filtersSchema.parse(request.query ?? {});
    const [list, unread] = await Promise.all([listThreads(db, filters), unreadCount(db, poster.userId)]);
    const props = { ...list, filters, unread, modules: moduleChoices(request) };
    return sendPage(request, reply, (ctx) => <ThreadListPage ctx={ctx} props={props} />);
  });

  app.get(`${basePath}/new`, signedIn, async (request, reply) => {
    await participant(request);
    return showNewThread(request, reply, emptyForm());
  });

  app.post(basePath, posting(threadFormAgain), async (request, reply) => {
    const poster = await participant(request);
    const result = parseForm(threadSchema, request.body);
    const modules = moduleChoices(request);
    if (result.ok && result.data.module_tag && !modules.some((m) => m.id === result.data.module_tag)) {
      return showNewThread(request, reply, { values: result.data as FormState['values'], errors: { module_tag: 'core.form.invalid' } }, 422);
    }
    if (!result.ok) return showNewThread(request, reply, result.form as FormState, 422);
    const id = await createThread(db, poster, result.data);
    return redirectWithFlash(reply, `${basePath}/${id}`, 'network.exchange.thread_created');
  });

  app.get(`${basePath}/notifications`, signedIn, async (request, reply) => {
    const poster = await participant(request);
    const notifications = await listNotifications(db, poster.userId);
    return sendPage(request, reply, (ctx) => <NotificationsPage ctx={ctx} notifications={notifications} />);
  });

  app.post(`${basePath}/notifications/read`, signedIn, async (request, reply) => {
    const poster = await participant(request);
    await markRead(db, poster.userId);
    return redirectWithFlash(reply, `${basePath}/notifications`, 'network.exchange.notifications_read');
  });

  app.get<IdParams>(`${basePath}/:id`, signedIn, async (request, reply) => showThread(request, reply, await participant(request)));

  app.post<IdParams>(`${basePath}/:id/replies`, posting(replyFormAgain), async (request, reply) => {
    const poster = await participant(request);
    const thread = await existingThread(request);
    const result = parseForm(replySchema, request.body);
    if (!result.ok) return showThread(request, reply, poster, result.form as FormState, 422);
    const replyId = await addReply(app.platform, poster, thread, result.data.body);
    return redirectWithFlash(reply, `${basePath}/${thread.id}#reply-${replyId}`, 'network.exchange.reply_posted');
  });

  app.post<IdParams>(`${basePath}/:id/accept`, posting(), async (request, reply) => {
    const poster = await participant(request);
    const thread = await existingThread(request);
    exchangePolicy.authorize(request.actor, 'network.exchange.accept_answer', { authorId: thread.author_id });
    const result = parseForm(acceptSchema, request.body);
    if (!result.ok || !(await acceptAnswer(db, poster, thread.id, result.data.reply_id))) throw new AppError('BAD_REQUEST');
    return redirectWithFlash(reply, `${basePath}/${thread.id}`, 'network.exchange.answer_accepted');
  });

  app.post<IdParams>(`${basePath}/:id/follow`, signedIn, async (request, reply) => {
    const poster = await participant(request);
    const thread = await existingThread(request);
    const result = parseForm(followSchema, request.body);
    if (!result.ok) throw new AppError('BAD_REQUEST');
    await setFollowing(db, thread.id, poster.userId, result.data.following);
    return redirectWithFlash(reply, `${basePath}/${thread.id}`, result.data.following ? 'network.exchange.followed' : 'network.exchange.unfollowed');
  });
}
