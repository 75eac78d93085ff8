import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isUuid } from '../../../platform/db/uuid.js';
import { AppError } from '../../../platform/http/errors.js';
import { emptyForm, type FormState, parseForm } from '../../../platform/http/forms.js';
import { idempotent } from '../../../platform/http/idempotency.js';
import { redirectWithFlash, sendPage } from '../../../platform/http/render.js';
import { allGuides } from '../../network/index.js';
import { authorizeOperator } from '../permissions.js';
import { actorOf, writingPolicy, relatedDeployment, type DeploymentAccess } from './access.js';
import { LessonsPage, type PracticeError } from './lesson-views.js';
import { foldLesson, foldSchema, lessonById, lessons, lessonSchema, linkPractice, practiceSchema, recordLesson } from './lessons.js';
import { adminLessonsPath, lessonsPath } from './paths.js';

const signedIn = { config: { access: 'signed-in' as const } };
type DeploymentParams = { Params: { id: string } };
type LessonParams = { Params: { lessonId: string } };

/** The deployment's volunteer and the operator record its lessons; anyone else gets a 404. */
async function lessonDeployment(request: FastifyRequest<DeploymentParams>): Promise<DeploymentAccess> {
  const access = await relatedDeployment(request, request.params.id);
  if (!writingPolicy.can(request.actor, 'programme.writing.record_lesson', access)) throw new AppError('NOT_FOUND');
  return access;
}

const blankLesson = (request: FastifyRequest) => emptyForm({ language: request.locale, audience: 'volunteers' });

async function showLessons(request: FastifyRequest, reply: FastifyReply, scope: { deploymentId?: string; operator: boolean; practiceError?: PracticeError }, form: FormState, status = 200) {
  const { db } = request.server.platform;
  const list = await lessons(db, scope.deploymentId);
  const guides = scope.operator ? (await allGuides(db)).map((g) => ({ slug: g.slug, title: g.title })) : null;
  const action = scope.deploymentId ? lessonsPath(scope.deploymentId) : adminLessonsPath;
  return sendPage(request, reply, (ctx) => <LessonsPage ctx={ctx} lessons={list} guides={guides} form={form} action={action} admin={!scope.deploymentId} practiceError={scope.practiceError} />, status);
}

function deploymentLessonRoutes(app: FastifyInstance): void {
  app.get<DeploymentParams>('/network/programme/deployments/:id/lessons', signedIn, async (request, reply) => {
    const { deployment, standing } = await lessonDeployment(request);
    return showLessons(request, reply, { deploymentId: deployment.id, operator: standing.operator }, blankLesson(request));
  });
  app.post<DeploymentParams>('/network/programme/deployments/:id/lessons', signedIn, async (request, reply) => {
    const { deployment, standing } = await lessonDeployment(request);
    const result = parseForm(lessonSchema, request.body);
    if (!result.ok) return showLessons(request, reply, { deploymentId: deployment.id, operator: standing.operator }, result.form as FormState, 422);
    return idempotent(request, reply, 'programme.lesson.record', async (tx) => {
      await recordLesson(tx, actorOf(request), deployment, result.data);
      return { statusCode: 303, location: lessonsPath(deployment.id), flash: 'programme.writing.saved' };
    });
  });
}

async function operatedLesson(request: FastifyRequest<LessonParams>) {
  await authorizeOperator(request);
  const lesson = isUuid(request.params.lessonId) ? await lessonById(request.server.platform.db, request.params.lessonId) : undefined;
  if (!lesson) throw new AppError('NOT_FOUND');
  return lesson;
}

function operatorLessonRoutes(app: FastifyInstance): void {
  const { db, messages } = app.platform;
  app.get(adminLessonsPath, signedIn, async (request, reply) => {
    await authorizeOperator(request);
    return showLessons(request, reply, { operator: true }, blankLesson(request));
  });
  app.post(adminLessonsPath, signedIn, async (request, reply) => {
    await authorizeOperator(request);
    const result = parseForm(lessonSchema, request.body);
    if (!result.ok) return showLessons(request, reply, { operator: true }, result.form as FormState, 422);
    return idempotent(request, reply, 'programme.lesson.record', async (tx) => {
      await recordLesson(tx, actorOf(request), null, result.data);
      return { statusCode: 303, location: adminLessonsPath, flash: 'programme.writing.saved' };
    });
  });
  // Folding twice (a double click, a replay) finds the lesson already folded: one chapter in the guide.
  app.post<LessonParams>(`${adminLessonsPath}/:lessonId/fold`, signedIn, async (request, reply) => {
    const lesson = await operatedLesson(request);
    const result = parseForm(foldSchema, request.body);
    if (!result.ok) throw new AppError('BAD_REQUEST');
    if (!(await foldLesson(db, actorOf(request), lesson, result.data.guide, messages.translator(lesson.language)))) throw new AppError('NOT_FOUND');
    return redirectWithFlash(reply, `${adminLessonsPath}#lesson-${lesson.id}`, 'programme.writing.lesson.folded_flash');
  });
  app.post<LessonParams>(`${adminLessonsPath}/:lessonId/practice`, signedIn, async (request, reply) => {
    const lesson = await operatedLesson(request);
    const result = parseForm(practiceSchema, request.body);
    if (!result.ok) return showLessons(request, reply, { operator: true, practiceError: { lessonId: lesson.id, value: String((request.body as Record<string, unknown>)?.practice_url ?? '') } }, blankLesson(request), 422);
    await linkPractice(db, actorOf(request), lesson, result.data.practice_url);
    return redirectWithFlash(reply, `${adminLessonsPath}#lesson-${lesson.id}`, 'programme.writing.saved');
  });
}

/** Lessons learned, recorded from a deployment or by the operator, folded into the network's guides. */
export function lessonRoutes(app: FastifyInstance): void {
  deploymentLessonRoutes(app);
  operatorLessonRoutes(app);
}
