import { audit, guard } from './staff-guard.js';
import { registerConsultationImageRoutes } from './consultation-image.js';
import { type AnswerTab, answerQueue, awaitingAnswerCount } from '../queries/answer-queue.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Commune } from '../../../platform/db/platform-tables.js';
import { AppError } from '../../../platform/http/errors.js';
import { fields, type FormState, parseForm } from '../../../platform/http/forms.js';
import { redirectWithFlash, sendPage } from '../../../platform/http/render.js';
import type { LocalizedText } from '../../../platform/i18n/locales.js';
import { staffOnly } from '../../../platform/permissions/route-access.js';
import { registerModeration } from './moderation-routes.js';
import { answerProposal } from '../commands/proposal-commands.js';
import { answers, influenceLevels, subjectTypes } from '../db/tables.js';
import { participationPolicy } from '../permissions.js';
import { findConsultation, isUuid, meetingsOf, phasesOf, scoped } from '../queries/participation-queries.js';
import { zonedLocalToDate } from '../../../platform/i18n/format.js';
import { registerMeetingAdminRoutes } from './meeting-routes.js';
import { registerProposalAdminRoutes } from './proposal-routes.js';
import { announcePhaseOpenings } from '../notifications/phase-announcements.js';
import { AdminConsultationsPage, EditConsultationPage, NewConsultationPage } from './admin-views.js';
import { registerSurveyAdminRoutes } from '../surveys/survey-admin-routes.js';

const staff = { config: { access: staffOnly } };
type IdParams = { Params: { id: string } };
type Values = Record<string, string>;


function localized(values: Values, prefix: string, commune: Commune): LocalizedText {
  return Object.fromEntries(commune.enabled_locales.map((l) => [l, values[`${prefix}_${l}`]?.trim().slice(0, 4000) ?? '']).filter(([, v]) => v));
}

/** Reads the consultation form; the default language's title is required. */
function consultationColumns(values: Values, commune: Commune) {
  const errors: FormState['errors'] = {};
  const title = localized(values, 'title', commune);
  if (!title[commune.default_locale]) errors[`title_${commune.default_locale}`] = 'core.form.required';
  const subject = subjectTypes.find((s) => s === values.subject_type);
  const influence = influenceLevels.find((l) => l === values.influence_level);
  const status = (['draft', 'published', 'closed'] as const).find((s) => s === values.status);
  if (!subject) errors.subject_type = 'core.form.invalid';
  if (!influence) errors.influence_level = 'core.form.invalid';
  if (!status) errors.status = 'core.form.invalid';
  const list = (value: string | undefined) => (value ?? '').split(',').map((t) => t.trim().slice(0, 80)).filter(Boolean).slice(0, 30);
  return {
    errors,
    columns: {
      title: JSON.stringify(title),
      description: JSON.stringify(localized(values, 'description', commune)),
      subject_type: subject!,
      influence_level: influence!,
      status: status!,
      tags: JSON.stringify(list(values.tags)),
      neighbourhoods: JSON.stringify(list(values.neighbourhoods)),
      categories: JSON.stringify(list(values.categories)),
    },
  };
}

function valuesOf(consultation: Awaited<ReturnType<typeof findConsultation>> & object): Values {
  const values: Values = { subject_type: consultation.subject_type, influence_level: consultation.influence_level, status: consultation.status, tags: consultation.tags.join(', '), neighbourhoods: consultation.neighbourhoods.join(', '), categories: consultation.categories.join(', ') };
  for (const [l, v] of Object.entries(consultation.title)) values[`title_${l}`] = v ?? '';
  for (const [l, v] of Object.entries(consultation.description)) values[`description_${l}`] = v ?? '';
  return values;
}

async function showEdit(request: FastifyRequest, reply: FastifyReply, id: string, forms: { form?: FormState; phaseForm?: FormState; meetingForm?: FormState } = {}, status = 200) {
  const commune = guard(request);
  const { db } = request.server.platform;
  const consultation = await findConsultation(db, commune.id, id, { includeDrafts: true });
  if (!consultation) throw new AppError('NOT_FOUND');
  const phases = await phasesOf(db, commune.id, consultation.id);
  const query = request.query as Record<string, string | undefined>;
  const tab: AnswerTab = query.answers === 'answered' ? 'answered' : 'awaiting';
  const [queue, awaiting, meetings] = await Promise.all([answerQueue(db, commune.id, consultation.id, tab, query.after), awaitingAnswerCount(db, commune.id, consultation.id), meetingsOf(db, commune.id, consultation.id)]);
  const empty = { values: {}, errors: {} };
  const props = { consultation, phases, proposals: queue.items, next: queue.next, tab, meetings, awaiting, form: forms.form ?? { values: valuesOf(consultation), errors: {} }, phaseForm: forms.phaseForm ?? empty, meetingForm: forms.meetingForm ?? empty };
  return sendPage(request, reply, (ctx) => <EditConsultationPage ctx={ctx} props={props} />, status);
}

/** A meeting: its date in the commune's time zone, a place, and optional agenda, minutes and head counts. */
function meetingColumns(values: Values, timeZone: string) {
  const errors: FormState['errors'] = {};
  const startsAt = zonedLocalToDate(values.starts_at ?? '', timeZone);
  if (!startsAt) errors.starts_at = 'core.form.required';
  const location = (values.location ?? '').trim().slice(0, 300);
  if (!location) errors.location = 'core.form.required';
  const count = (name: string) => {
    const raw = (values[name] ?? '').trim();
    if (!raw) return null;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0 || n > 100_000) errors[name] = 'core.form.invalid';
    return n;
  };
  const meeting = {
    starts_at: startsAt ?? new Date(0),
    location,
    agenda: (values.agenda ?? '').trim().slice(0, 4000),
    minutes: (values.minutes ?? '').trim().slice(0, 20_000),
    attendance_women: count('attendance_women'),
    attendance_men: count('attendance_men'),
    attendance_youth: count('attendance_youth'),
  };
  return { errors, meeting: Object.keys(errors).length === 0 ? meeting : null };
}

const phaseSchema = z.object({ starts_on: fields.isoDate(), ends_on: fields.isoDate() });
const answerSchema = z.object({ answer: z.enum(answers, { error: 'core.form.invalid' }), reason: fields.requiredText(4000) });

/** Back-office of consultations under /<commune>/admin/. */
export async function participationAdminRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.platform;
  registerModeration(app);
  await registerSurveyAdminRoutes(app);
  registerProposalAdminRoutes(app);
  registerConsultationImageRoutes(app);
  registerMeetingAdminRoutes(app);

  app.get('/consultations', staff, async (request, reply) => {
    const commune = guard(request);
    const consultations = await scoped(db, commune.id).selectFrom('consultations').selectAll().orderBy('created_at', 'desc').orderBy('id').execute();
    return sendPage(request, reply, (ctx) => <AdminConsultationsPage ctx={ctx} consultations={consultations} />);
  });

  app.get('/consultations/new', staff, async (request, reply) => {
    guard(request);
    return sendPage(request, reply, (ctx) => <NewConsultationPage ctx={ctx} form={{ values: { status: 'draft', influence_level: 'consult' }, errors: {} }} />);
  });

  app.post('/consultations', staff, async (request, reply) => {
    const commune = guard(request);
    const values = (request.body ?? {}) as Values;
    const { errors, columns } = consultationColumns(values, commune);
    if (Object.keys(errors).length > 0) return sendPage(request, reply, (ctx) => <NewConsultationPage ctx={ctx} form={{ values, errors }} />, 422);
    const created = await scoped(db, commune.id).insertInto('consultations', columns).returning('id').executeTakeFirstOrThrow();
    await audit(request, 'consultation.created', 'consultation', created.id);
    return redirectWithFlash(reply, `/${commune.slug}/admin/consultations/${created.id}`, 'participation.admin.saved');
  });

  app.get<IdParams>('/consultations/:id', staff, async (request, reply) => showEdit(request, reply, request.params.id));

  app.post<IdParams>('/consultations/:id', staff, async (request, reply) => {
    const commune = guard(request);
    const existing = await findConsultation(db, commune.id, request.params.id, { includeDrafts: true });
    if (!existing) throw new AppError('NOT_FOUND');
    if (existing.status === 'archived') throw new AppError('CONFLICT', 'archived consultations are read-only');
    const values = (request.body ?? {}) as Values;
    const { errors, columns } = consultationColumns(values, commune);
    if (Object.keys(errors).length > 0) return showEdit(request, reply, request.params.id, { form: { values, errors } }, 422);
    // The closing date starts the public count of days each unanswered proposal has waited.
    const closedAt = columns.status === 'closed' ? (existing.closed_at ?? new Date()) : null;
    await scoped(db, commune.id).updateTable('consultations').set({ ...columns, closed_at: closedAt }).where('id', '=', request.params.id).execute();
    await audit(request, 'consultation.updated', 'consultation', request.params.id);
    return redirectWithFlash(reply, `/${commune.slug}/admin/consultations/${request.params.id}`, 'participation.admin.saved');
  });

  app.post<IdParams>('/consultations/:id/phases', staff, async (request, reply) => {
    const commune = guard(request);
    if (!(await findConsultation(db, commune.id, request.params.id, { includeDrafts: true }))) throw new AppError('NOT_FOUND');
    const values = (request.body ?? {}) as Values;
    const parsed = parseForm(phaseSchema, values);
    const title = (values[`phase_title_${commune.default_locale}`] ?? '').trim().slice(0, 200);
    const errors: FormState['errors'] = parsed.ok ? {} : { ...parsed.form.errors };
    if (!title) errors[`phase_title_${commune.default_locale}`] = 'core.form.required';
    if (parsed.ok && parsed.data.ends_on < parsed.data.starts_on) errors.ends_on = 'participation.phase.ends_before_start';
    if (!parsed.ok || Object.keys(errors).length > 0) return showEdit(request, reply, request.params.id, { phaseForm: { values, errors } }, 422);
    const flag = (name: string) => values[name] === 'on';
    const phase = await scoped(db, commune.id)
      .insertInto('consultation_phases', { consultation_id: request.params.id, title: JSON.stringify({ [commune.default_locale]: title }), description: '{}', starts_on: parsed.data.starts_on, ends_on: parsed.data.ends_on, allows_proposals: flag('allows_proposals'), allows_supports: flag('allows_supports'), allows_comments: flag('allows_comments'), allows_survey: flag('allows_survey') })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(request, 'consultation.phase_added', 'consultation_phase', phase.id);
    return redirectWithFlash(reply, `/${commune.slug}/admin/consultations/${request.params.id}`, 'participation.admin.saved');
  });

  app.post<IdParams>('/consultations/:id/meetings', staff, async (request, reply) => {
    const commune = guard(request);
    if (!(await findConsultation(db, commune.id, request.params.id, { includeDrafts: true }))) throw new AppError('NOT_FOUND');
    const values = (request.body ?? {}) as Values;
    const { errors, meeting } = meetingColumns(values, commune.time_zone);
    if (Object.keys(errors).length > 0 || !meeting) return showEdit(request, reply, request.params.id, { meetingForm: { values, errors } }, 422);
    const created = await scoped(db, commune.id).insertInto('consultation_meetings', { ...meeting, consultation_id: request.params.id }).returning('id').executeTakeFirstOrThrow();
    await audit(request, 'consultation.meeting_recorded', 'consultation_meeting', created.id);
    return redirectWithFlash(reply, `/${commune.slug}/admin/consultations/${request.params.id}`, 'participation.admin.saved');
  });

  app.post<IdParams>('/consultations/:id/active-phase', staff, async (request, reply) => {
    const commune = guard(request);
    if (!isUuid(request.params.id)) throw new AppError('NOT_FOUND');
    const phaseId = ((request.body ?? {}) as Values).phase_id ?? '';
    const phases = await phasesOf(db, commune.id, request.params.id);
    if (phaseId && !phases.some((p) => p.id === phaseId)) throw new AppError('NOT_FOUND');
    const updated = await scoped(db, commune.id).updateTable('consultations').set({ manual_phase_id: phaseId || null }).where('id', '=', request.params.id).executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw new AppError('NOT_FOUND');
    await audit(request, 'consultation.phase_moved', 'consultation', request.params.id);
    // Followers hear about a phase opened by hand now, not at the next run of the job.
    await announcePhaseOpenings(db, new Date(), { consultationId: request.params.id });
    return redirectWithFlash(reply, `/${commune.slug}/admin/consultations/${request.params.id}`, 'participation.admin.saved');
  });

  app.post<IdParams>('/proposals/:id/answer', staff, async (request, reply) => {
    const commune = request.commune!;
    participationPolicy.authorize(request.actor, 'proposal.answer', { communeId: commune.id });
    if (!isUuid(request.params.id)) throw new AppError('NOT_FOUND');
    const proposal = await scoped(db, commune.id).selectFrom('proposals').select(['id', 'consultation_id']).where('id', '=', request.params.id).executeTakeFirst();
    if (!proposal) throw new AppError('NOT_FOUND');
    const parsed = parseForm(answerSchema, request.body);
    if (!parsed.ok) throw new AppError('VALIDATION_FAILED', JSON.stringify(parsed.form.errors));
    await answerProposal(db, commune.id, proposal.id, { status: parsed.data.answer, reason: parsed.data.reason, staffId: request.actor.user!.id });
    await audit(request, 'proposal.answered', 'proposal', proposal.id);
    return redirectWithFlash(reply, `/${commune.slug}/admin/consultations/${proposal.consultation_id}`, 'participation.answer.saved_notice');
  });
}
