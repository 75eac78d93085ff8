import { roundResults } from '../voting/results.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../../../platform/audit/audit.js';
import { AppError } from '../../../platform/http/errors.js';
import type { FormState } from '../../../platform/http/forms.js';
import { redirectWithFlash, sendPage } from '../../../platform/http/render.js';
import { staffOnly } from '../../../platform/permissions/route-access.js';
import { readMultipartForm, storeUpload } from '../../../platform/storage/uploads.js';
import { addProjectPhoto, parseImplementationForm, recordImplementationUpdate } from '../commands/implementation-commands.js';
import type { Project, Round } from '../db/tables.js';
import { amountInputValue } from '../money.js';
import { budgetingPolicy } from '../permissions.js';
import { findProject, findRound, phasesOf } from '../queries/budget-queries.js';
import { canTrack, photosOf, updatesOf } from '../queries/implementation-queries.js';
import { ImplementationAdminPage, photoSlots } from './implementation-admin-views.js';

const staff = { config: { access: staffOnly } };
type ProjectParams = { Params: { id: string; pid: string } };
const empty: FormState = { values: {}, errors: {} };

/** The commune's staff only, and a project of one of this commune's rounds (drafts included), or 404. */
async function staffProject(request: FastifyRequest, params: ProjectParams['Params']) {
  const commune = request.commune;
  if (!commune) throw new AppError('COMMUNE_NOT_FOUND');
  budgetingPolicy.authorize(request.actor, 'project.manage', { communeId: commune.id });
  const { db } = request.server.platform;
  const round = await findRound(db, commune.id, params.id, { includeDrafts: true });
  const project = round ? await findProject(db, commune.id, round.id, params.pid) : undefined;
  if (!round || !project) throw new AppError('NOT_FOUND');
  const results = await roundResults(db, commune.id, round, new Date());
  const funded = results.sealed ? null : new Set(results.budgets.flatMap((b) => b.ranking.filter((p) => p.funded).map((p) => p.id)));
  const trackable = canTrack(await phasesOf(db, commune.id, round.id), project, funded);
  return { commune, round, project, trackable };
}

const audit = (request: FastifyRequest, action: string, resourceId: string, details: Record<string, unknown>) =>
  recordAudit(request.server.platform.db, { communeId: request.commune!.id, actorUserId: request.actor.user?.id ?? null, action, resourceType: 'budget_project', resourceId, ip: request.ip, details });

function currentValues(project: Project): Record<string, string> {
  return {
    implementation_status: project.implementation_status ?? 'planned',
    progress: String(project.progress ?? 0),
    spent_to_date: amountInputValue(project.spent_to_date),
    implementation_note: project.implementation_note ?? '',
  };
}

async function showPage(request: FastifyRequest, reply: FastifyReply, target: { round: Round; project: Project; trackable: boolean }, forms: { form?: FormState; photoForm?: FormState } = {}, status = 200) {
  const { db } = request.server.platform;
  const communeId = request.commune!.id;
  const [updates, photos] = await Promise.all([updatesOf(db, communeId, target.project.id), photosOf(db, communeId, target.project.id)]);
  const props = { ...target, updates, photos, form: forms.form ?? { values: currentValues(target.project), errors: {} }, photoForm: forms.photoForm ?? empty };
  return sendPage(request, reply, (ctx) => <ImplementationAdminPage ctx={ctx} props={props} />, status);
}

/** Until the vote has closed, the page explains why nothing can be recorded; a post gets the same answer as a 409. */
const refuseUntracked = (request: FastifyRequest, reply: FastifyReply, target: { round: Round; project: Project; trackable: boolean }) => showPage(request, reply, target, {}, 409);

/**
 * Implementation tracking in the back-office, under /<commune>/admin/budgets/<id>/projects/<pid>/implementation.
 * Any feasible project of a round whose vote has closed can be tracked; the voting slice restricts it to winners.
 */
export function registerImplementationAdminRoutes(app: FastifyInstance): void {
  const { db } = app.platform;
  const base = '/budgets/:id/projects/:pid/implementation';

  app.get<ProjectParams>(base, staff, async (request, reply) => showPage(request, reply, await staffProject(request, request.params)));

  app.post<ProjectParams>(base, staff, async (request, reply) => {
    const target = await staffProject(request, request.params);
    if (!target.trackable) return refuseUntracked(request, reply, target);
    const values = (request.body ?? {}) as Record<string, string>;
    const { errors, input } = parseImplementationForm(values);
    if (!input) return showPage(request, reply, target, { form: { values, errors } }, 422);
    const updateId = await recordImplementationUpdate(db, target.commune.id, target.project, input, request.actor.user?.id ?? null);
    await audit(request, 'budget_project.implementation_updated', target.project.id, { update_id: updateId, status: input.status, progress: input.progress, spent_to_date: input.spentToDate });
    return redirectWithFlash(reply, `/${target.commune.slug}/admin/budgets/${target.round.id}/projects/${target.project.id}/implementation`, 'budgeting.tracking.saved');
  });

  app.post<ProjectParams>(`${base}/photos`, staff, async (request, reply) => {
    const target = await staffProject(request, request.params);
    if (!target.trackable) return refuseUntracked(request, reply, target);
    const form = await readMultipartForm(request);
    const chosen = photoSlots.filter((slot) => form.files[`photo_${slot}`]);
    if (chosen.length === 0) return showPage(request, reply, target, { photoForm: { values: form.fields, errors: { photo_1: 'core.form.required' } } }, 422);
    // Every file is checked before any is kept, so a refused one does not leave the others half-saved.
    const stored: { slot: number; fileId: string }[] = [];
    for (const slot of chosen) {
      try {
        stored.push({ slot, fileId: (await storeUpload(request, form.files[`photo_${slot}`]!, { communeId: target.commune.id, accept: ['image'] })).id });
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'UNSUPPORTED_FILE_TYPE') throw error;
        return showPage(request, reply, target, { photoForm: { values: form.fields, errors: { [`photo_${slot}`]: 'budgeting.project.photo_invalid' } } }, 422);
      }
    }
    for (const { slot, fileId } of stored) {
      const caption = (form.fields[`caption_${slot}`] ?? '').trim().slice(0, 300);
      const photoId = await addProjectPhoto(db, target.commune.id, target.project.id, fileId, caption);
      await audit(request, 'budget_project.photo_added', target.project.id, { photo_id: photoId });
    }
    return redirectWithFlash(reply, `/${target.commune.slug}/admin/budgets/${target.round.id}/projects/${target.project.id}/implementation`, 'budgeting.tracking.photos_saved');
  });
}
