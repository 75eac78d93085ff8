import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isUuid } from '../../../platform/db/uuid.js';
import { AppError } from '../../../platform/http/errors.js';
import { type FormState, parseForm } from '../../../platform/http/forms.js';
import { redirectWithFlash, sendPage } from '../../../platform/http/render.js';
import { definePolicy } from '../../../platform/permissions/authorize.js';
import { AdminGuidesPage, adminGuidesPath, ChapterEditPage, GuideEditPage, type GuideEditProps } from './admin-views.js';
import { addChapter, createGuide, type GuideActor, moveChapter, publishGuide, updateChapter, updateGuide } from './commands.js';
import { chapterSchema, guideSchema, textValues } from './forms.js';
import { allGuides, draftChapters, guideBySlug, guideVersions } from './queries.js';
import type { ChapterRow, GuideRow } from './tables.js';

const platformAdmin = { config: { access: 'platform-admin' as const } };
type SlugParams = { Params: { slug: string } };
type ChapterParams = { Params: { slug: string; chapterId: string } };

/** The network's programme (platform administrators) writes the guides, not any one commune. */
export const guidesPolicy = definePolicy<{ 'network.guides.edit': Record<string, never> }>({
  'network.guides.edit': (actor) => actor.isPlatformAdmin,
});

function editor(request: FastifyRequest): GuideActor {
  guidesPolicy.authorize(request.actor, 'network.guides.edit', {});
  return { actorId: request.actor.user?.id ?? null, ip: request.ip };
}

async function ownGuide(request: FastifyRequest<SlugParams>): Promise<{ actor: GuideActor; guide: GuideRow }> {
  const actor = editor(request);
  const guide = await guideBySlug(request.server.platform.db, request.params.slug);
  if (!guide) throw new AppError('NOT_FOUND');
  return { actor, guide };
}

async function ownChapter(request: FastifyRequest<ChapterParams>): Promise<{ actor: GuideActor; guide: GuideRow; chapter: ChapterRow }> {
  const own = await ownGuide(request);
  const chapters = await draftChapters(request.server.platform.db, own.guide.id);
  const chapter = isUuid(request.params.chapterId) ? chapters.find((c) => c.id === request.params.chapterId) : undefined;
  if (!chapter) throw new AppError('NOT_FOUND');
  return { ...own, chapter };
}

async function showGuide(request: FastifyRequest, reply: FastifyReply, guide: GuideRow, forms: Pick<GuideEditProps, 'guideForm' | 'chapterForm'> = {}, status = 200) {
  const { db } = request.server.platform;
  const props: GuideEditProps = { guide, chapters: await draftChapters(db, guide.id), versions: await guideVersions(db, guide.id), ...forms };
  return sendPage(request, reply, (ctx) => <GuideEditPage ctx={ctx} props={props} />, status);
}

const chapterValues = (c: ChapterRow): FormState => ({ values: { key: c.key, ...textValues('title', c.title), ...textValues('body', c.body) }, errors: {} });
const duplicateKey = (body: unknown): FormState => ({ values: body as FormState['values'], errors: { key: 'network.guides.error_key_taken' } });

function guideRoutes(app: FastifyInstance): void {
  const { db } = app.platform;
  app.get(adminGuidesPath, platformAdmin, async (request, reply) => {
    editor(request);
    const guides = await allGuides(db);
    return sendPage(request, reply, (ctx) => <AdminGuidesPage ctx={ctx} guides={guides} form={{ values: { audience: 'mayors' }, errors: {} }} />);
  });
  app.post(adminGuidesPath, platformAdmin, async (request, reply) => {
    const actor = editor(request);
    const result = parseForm(guideSchema, request.body);
    const refused = async (form: FormState) => {
      const guides = await allGuides(db);
      return sendPage(request, reply, (ctx) => <AdminGuidesPage ctx={ctx} guides={guides} form={form} />, 422);
    };
    if (!result.ok) return refused(result.form as FormState);
    if (!(await createGuide(db, actor, result.data))) return refused({ values: request.body as FormState['values'], errors: { slug: 'network.guides.error_slug_taken' } });
    return redirectWithFlash(reply, `${adminGuidesPath}/${result.data.slug}`, 'network.guides.saved');
  });
  app.get<SlugParams>(`${adminGuidesPath}/:slug`, platformAdmin, async (request, reply) => showGuide(request, reply, (await ownGuide(request)).guide));
  app.post<SlugParams>(`${adminGuidesPath}/:slug`, platformAdmin, async (request, reply) => {
    const { actor, guide } = await ownGuide(request);
    const result = parseForm(guideSchema, { ...(request.body as object), slug: guide.slug });
    if (!result.ok) return showGuide(request, reply, guide, { guideForm: result.form as FormState }, 422);
    await updateGuide(db, actor, guide.id, result.data);
    return redirectWithFlash(reply, `${adminGuidesPath}/${guide.slug}`, 'network.guides.saved');
  });
  app.post<SlugParams>(`${adminGuidesPath}/:slug/publish`, platformAdmin, async (request, reply) => {
    const { actor, guide } = await ownGuide(request);
    await publishGuide(db, actor, guide.id);
    return redirectWithFlash(reply, `${adminGuidesPath}/${guide.slug}`, 'network.guides.published_flash');
  });
}

function chapterRoutes(app: FastifyInstance): void {
  const { db } = app.platform;
  app.post<SlugParams>(`${adminGuidesPath}/:slug/chapters`, platformAdmin, async (request, reply) => {
    const { actor, guide } = await ownGuide(request);
    const result = parseForm(chapterSchema, request.body);
    if (!result.ok) return showGuide(request, reply, guide, { chapterForm: result.form as FormState }, 422);
    if (!(await addChapter(db, actor, guide.id, result.data))) return showGuide(request, reply, guide, { chapterForm: duplicateKey(request.body) }, 422);
    return redirectWithFlash(reply, `${adminGuidesPath}/${guide.slug}#chapters`, 'network.guides.saved');
  });
  app.get<ChapterParams>(`${adminGuidesPath}/:slug/chapters/:chapterId`, platformAdmin, async (request, reply) => {
    const { guide, chapter } = await ownChapter(request);
    return sendPage(request, reply, (ctx) => <ChapterEditPage ctx={ctx} guide={guide} chapterId={chapter.id} form={chapterValues(chapter)} />);
  });
  app.post<ChapterParams>(`${adminGuidesPath}/:slug/chapters/:chapterId`, platformAdmin, async (request, reply) => {
    const { actor, guide, chapter } = await ownChapter(request);
    const result = parseForm(chapterSchema, request.body);
    const refused = (form: FormState) => sendPage(request, reply, (ctx) => <ChapterEditPage ctx={ctx} guide={guide} chapterId={chapter.id} form={form} />, 422);
    if (!result.ok) return refused(result.form as FormState);
    if (!(await updateChapter(db, actor, guide.id, chapter.id, result.data))) return refused(duplicateKey(request.body));
    return redirectWithFlash(reply, `${adminGuidesPath}/${guide.slug}#chapters`, 'network.guides.saved');
  });
  app.post<ChapterParams>(`${adminGuidesPath}/:slug/chapters/:chapterId/move`, platformAdmin, async (request, reply) => {
    const { actor, guide, chapter } = await ownChapter(request);
    const direction = (request.body as Record<string, unknown> | undefined)?.direction;
    if (direction !== 'up' && direction !== 'down') throw new AppError('BAD_REQUEST');
    await moveChapter(db, actor, guide.id, chapter.id, direction);
    return redirectWithFlash(reply, `${adminGuidesPath}/${guide.slug}#chapters`, 'network.guides.saved');
  });
}

/** Platform administrators write the network's guides at /admin/network/guides. */
export function guideAdminRoutes(app: FastifyInstance): void {
  guideRoutes(app);
  chapterRoutes(app);
}
