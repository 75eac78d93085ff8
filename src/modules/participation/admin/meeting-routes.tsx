import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/audit.js';
import { AppError } from '../../../platform/http/errors.js';
import { fields, type FormState, parseForm } from '../../../platform/http/forms.js';
import { redirectWithFlash, sendPage } from '../../../platform/http/render.js';
import { staffOnly } from '../../../platform/permissions/route-access.js';
import { readMultipartForm, storeUpload } from '../../../platform/storage/uploads.js';
import { recordMeetingProposal } from '../commands/meeting-commands.js';
import { participationPolicy } from '../permissions.js';
import { findConsultation, scoped } from '../queries/participation-queries.js';
import { findMeeting, meetingPhotosOf } from '../queries/proposal-detail-queries.js';
import { MeetingAdminPage, photoSlots } from './meeting-admin-views.js';

const staff = { config: { access: staffOnly } };
type IdParams = { Params: { id: string } };
const empty: FormState = { values: {}, errors: {} };

const meetingProposalSchema = z.object({ title: fields.requiredText(150), body: fields.requiredText(5000), neighbourhood: fields.optionalText(120), category: fields.optionalText(80) });

async function staffMeeting(request: FastifyRequest, id: string) {
  const commune = request.commune;
  if (!commune) throw new AppError('COMMUNE_NOT_FOUND');
  participationPolicy.authorize(request.actor, 'consultation.manage', { communeId: commune.id });
  const meeting = await findMeeting(request.server.platform.db, commune.id, id);
  if (!meeting) throw new AppError('NOT_FOUND');
  const consultation = await findConsultation(request.server.platform.db, commune.id, meeting.consultation_id, { includeDrafts: true });
  return { commune, meeting, categories: consultation?.categories ?? [] };
}

async function showMeeting(request: FastifyRequest, reply: FastifyReply, id: string, forms: { photoForm?: FormState; proposalForm?: FormState } = {}, status = 200) {
  const { db } = request.server.platform;
  const { commune, meeting, categories } = await staffMeeting(request, id);
  const photos = await meetingPhotosOf(db, commune.id, [meeting.id]);
  const proposals = await scoped(db, commune.id).selectFrom('proposals').select(['id', 'title']).where('meeting_id', '=', meeting.id).orderBy('created_at').orderBy('id').limit(500).execute();
  const props = { meeting, photos, proposals, categories, photoForm: forms.photoForm ?? empty, proposalForm: forms.proposalForm ?? empty };
  return sendPage(request, reply, (ctx) => <MeetingAdminPage ctx={ctx} props={props} />, status);
}

/** A meeting's block in the back-office, under /<commune>/admin/meetings/<id>: photos and proposals voiced there. */
export function registerMeetingAdminRoutes(app: FastifyInstance): void {
  const { db } = app.platform;
  const audit = (request: FastifyRequest, action: string, resourceType: string, resourceId: string) =>
    recordAudit(db, { communeId: request.commune!.id, actorUserId: request.actor.user?.id ?? null, action, resourceType, resourceId, ip: request.ip });

  app.get<IdParams>('/meetings/:id', staff, async (request, reply) => showMeeting(request, reply, request.params.id));

  app.post<IdParams>('/meetings/:id/photos', staff, async (request, reply) => {
    const { commune, meeting } = await staffMeeting(request, request.params.id);
    const form = await readMultipartForm(request);
    const chosen = photoSlots.filter((slot) => form.files[`photo_${slot}`]);
    if (chosen.length === 0) return showMeeting(request, reply, meeting.id, { photoForm: { values: form.fields, errors: { photo_1: 'core.form.required' } } }, 422);
    for (const slot of chosen) {
      let fileId: string;
      try {
        fileId = (await storeUpload(request, form.files[`photo_${slot}`]!, { communeId: commune.id, accept: ['image'] })).id;
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'UNSUPPORTED_FILE_TYPE') throw error;
        return showMeeting(request, reply, meeting.id, { photoForm: { values: form.fields, errors: { [`photo_${slot}`]: 'core.errors.UNSUPPORTED_FILE_TYPE' } } }, 422);
      }
      const caption = (form.fields[`caption_${slot}`] ?? '').trim().slice(0, 300);
      const photo = await scoped(db, commune.id).insertInto('consultation_meeting_photos', { meeting_id: meeting.id, file_id: fileId, caption }).returning('id').executeTakeFirstOrThrow();
      await audit(request, 'consultation.meeting_photo_added', 'consultation_meeting_photo', photo.id);
    }
    return redirectWithFlash(reply, `/${commune.slug}/admin/meetings/${meeting.id}`, 'participation.admin.saved');
  });

  app.post<IdParams>('/meetings/:id/proposals', staff, async (request, reply) => {
    const { commune, meeting, categories } = await staffMeeting(request, request.params.id);
    const parsed = parseForm(meetingProposalSchema, request.body);
    const categoryRefused = parsed.ok && parsed.data.category && !categories.includes(parsed.data.category);
    if (!parsed.ok || categoryRefused) {
      const form = parsed.ok ? { values: (request.body ?? {}) as Record<string, string>, errors: { category: 'core.form.invalid' } } : parsed.form;
      return showMeeting(request, reply, meeting.id, { proposalForm: form as FormState }, 422);
    }
    const created = await recordMeetingProposal(db, commune, meeting, { ...parsed.data, staffId: request.actor.user!.id });
    await audit(request, 'proposal.recorded_from_meeting', 'proposal', created.id);
    return redirectWithFlash(reply, `/${commune.slug}/admin/meetings/${meeting.id}`, 'participation.meeting.proposal_recorded');
  });
}
