import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Commune } from '../../../platform/db/platform-tables.js';
import { AppError } from '../../../platform/http/errors.js';
import { type FormState, parseForm } from '../../../platform/http/forms.js';
import { redirectWithFlash, sendPage } from '../../../platform/http/render.js';
import { dateToZonedLocal, zonedLocalToDate } from '../../../platform/i18n/format.js';
import { staffOnly } from '../../../platform/permissions/route-access.js';
import { ForumAdminPage, type ForumAdminProps, MeetingFormPage, type MeetingFormProps, MemberPage, memberValues } from './admin-views.js';
import { addDecision, addEndorsement, addMember, type ForumActor, saveForum, saveMeeting, updateMember } from './commands.js';
import { decisionSchema, endorsementSchema, forumSchema, type MeetingInput, meetingSchema, memberSchema } from './forms.js';
import { findForum, findMeeting, findMember, forumMembers, meetingRecords, planChoices, planEndorsements } from './queries.js';
import { forumPolicy } from './policy.js';
import type { MeetingRow } from './tables.js';

const staff = { config: { access: staffOnly } };
type IdParams = { Params: { id: string } };
type Body = Record<string, unknown>;

function manager(request: FastifyRequest): { commune: Commune; actor: ForumActor } {
  const commune = request.commune;
  if (!commune) throw new AppError('COMMUNE_NOT_FOUND');
  forumPolicy.authorize(request.actor, 'accountability.forum.manage', { communeId: commune.id });
  return { commune, actor: { communeId: commune.id, actorId: request.actor.user?.id ?? null } };
}

/** Members, meetings and endorsements hang on the forum: it must exist first. */
async function ownForum(request: FastifyRequest) {
  const own = manager(request);
  const forum = await findForum(request.server.platform.db, own.commune.id);
  if (!forum) throw new AppError('NOT_FOUND');
  return { ...own, forum };
}

function parsed<S extends z.ZodType>(schema: S, body: unknown): { ok: true; data: z.output<S> } | { ok: false; form: FormState } {
  const result = parseForm(schema, body);
  return result.ok ? result : { ok: false, form: result.form as FormState };
}

const adminPath = (commune: Commune) => `/${commune.slug}/admin/forum`;
const listOf = (value: unknown) => (value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)]);

async function showAdmin(request: FastifyRequest, reply: FastifyReply, forms: Partial<ForumAdminProps> = {}, status = 200) {
  const { commune } = manager(request);
  const { db } = request.server.platform;
  const [forum, members, meetings, endorsements, plans] = await Promise.all([findForum(db, commune.id), forumMembers(db, commune.id), meetingRecords(db, commune.id), planEndorsements(db, commune.id), planChoices(db, commune.id)]);
  const props: ForumAdminProps = { forum, members, meetings, endorsements, plans, ...forms };
  return sendPage(request, reply, (ctx) => <ForumAdminPage ctx={ctx} props={props} />, status);
}

const meetingValues = (meeting: MeetingRow, timeZone: string): FormState['values'] => ({
  starts_at: dateToZonedLocal(meeting.starts_at, timeZone), place: meeting.place, plan_id: meeting.plan_id ?? '', agenda: meeting.agenda,
  agenda_published_on: meeting.agenda_published_on ?? '', minutes_text: meeting.minutes_text, minutes_url: meeting.minutes_url ?? '',
  minutes_published_on: meeting.minutes_published_on ?? '', other_attendees: String(meeting.other_attendees),
});

async function showMeeting(request: FastifyRequest, reply: FastifyReply, commune: Commune, meetingId: string | null, forms: Partial<MeetingFormProps> = {}, status = 200) {
  const { db } = request.server.platform;
  const [members, plans, records] = await Promise.all([forumMembers(db, commune.id), planChoices(db, commune.id), meetingId ? meetingRecords(db, commune.id) : []]);
  const record = records.find((r) => r.meeting.id === meetingId);
  const form = forms.form ?? (record ? { values: meetingValues(record.meeting, commune.time_zone), errors: {} } : { values: { other_attendees: '0' }, errors: {} });
  const props: MeetingFormProps = { members, plans, form, present: forms.present ?? record?.presentIds ?? [], ...(record ? { record } : {}), ...(forms.decisionForm ? { decisionForm: forms.decisionForm } : {}) };
  return sendPage(request, reply, (ctx) => <MeetingFormPage ctx={ctx} props={props} />, status);
}

/** What zod cannot see: the time read in the commune's zone, a plan and members of this commune only. */
async function meetingErrors(request: FastifyRequest, commune: Commune, input: MeetingInput): Promise<{ errors: Record<string, string>; startsAt: Date | null }> {
  const { db } = request.server.platform;
  const errors: Record<string, string> = {};
  const startsAt = zonedLocalToDate(input.starts_at, commune.time_zone);
  if (!startsAt) errors.starts_at = 'core.form.invalid_date';
  const [members, plans] = await Promise.all([forumMembers(db, commune.id), planChoices(db, commune.id)]);
  if (input.present.some((id) => !members.some((m) => m.id === id))) errors.present = 'accountability.forum.error_unknown_member';
  if (input.plan_id && !plans.some((p) => p.id === input.plan_id)) errors.plan_id = 'core.form.invalid';
  return { errors, startsAt };
}

async function submitMeeting(request: FastifyRequest, reply: FastifyReply, existing: MeetingRow | null) {
  const { commune, actor, forum } = await ownForum(request);
  const body = (request.body ?? {}) as Body;
  const present = listOf(body.present);
  const result = parsed(meetingSchema, body);
  const checked = result.ok ? await meetingErrors(request, commune, result.data) : { errors: result.form.errors as Record<string, string>, startsAt: null };
  if (!result.ok || Object.keys(checked.errors).length > 0 || !checked.startsAt) {
    const values = result.ok ? (body as Record<string, string>) : result.form.values;
    return showMeeting(request, reply, commune, existing?.id ?? null, { form: { values: typedOnly(values), errors: checked.errors }, present }, 422);
  }
  const id = await saveMeeting(request.server.platform.db, actor, forum.id, result.data, checked.startsAt, existing?.id ?? null);
  return redirectWithFlash(reply, `${adminPath(commune)}/meetings/${id}`, 'accountability.forum.saved');
}

/** The typed strings, for showing a refused form again. */
const typedOnly = (values: Record<string, unknown>): FormState['values'] =>
  Object.fromEntries(Object.entries(values).filter(([key, value]) => key !== '_csrf' && typeof value === 'string')) as FormState['values'];

async function ownMeeting(request: FastifyRequest<IdParams>) {
  const own = await ownForum(request);
  const meeting = await findMeeting(request.server.platform.db, own.commune.id, request.params.id);
  if (!meeting) throw new AppError('NOT_FOUND');
  return { ...own, meeting };
}

function forumRoutes(app: FastifyInstance): void {
  const { db } = app.platform;
  app.get('/forum', staff, async (request, reply) => showAdmin(request, reply));
  app.post('/forum', staff, async (request, reply) => {
    const { commune, actor } = manager(request);
    const result = parsed(forumSchema, request.body);
    if (!result.ok) return showAdmin(request, reply, { forumForm: result.form }, 422);
    await saveForum(db, actor, result.data);
    return redirectWithFlash(reply, adminPath(commune), 'accountability.forum.saved');
  });
  app.post('/forum/endorsements', staff, async (request, reply) => {
    const { commune, actor } = await ownForum(request);
    const result = parsed(endorsementSchema, request.body);
    const plans = await planChoices(db, commune.id);
    if (!result.ok || !plans.some((p) => p.id === result.data.plan_id)) {
      const form = result.ok ? { values: typedOnly(request.body as Body), errors: { plan_id: 'core.form.invalid' } } : result.form;
      return showAdmin(request, reply, { endorsementForm: form }, 422);
    }
    await addEndorsement(db, actor, result.data);
    return redirectWithFlash(reply, adminPath(commune), 'accountability.forum.saved');
  });
}

function memberRoutes(app: FastifyInstance): void {
  const { db } = app.platform;
  app.post('/forum/members', staff, async (request, reply) => {
    const { commune, actor, forum } = await ownForum(request);
    const result = parsed(memberSchema, request.body);
    if (!result.ok) return showAdmin(request, reply, { memberForm: result.form }, 422);
    await addMember(db, actor, forum.id, result.data);
    return redirectWithFlash(reply, adminPath(commune), 'accountability.forum.saved');
  });
  app.get<IdParams>('/forum/members/:id', staff, async (request, reply) => {
    const { commune } = manager(request);
    const member = await findMember(db, commune.id, request.params.id);
    if (!member) throw new AppError('NOT_FOUND');
    return sendPage(request, reply, (ctx) => <MemberPage ctx={ctx} member={member} form={{ values: memberValues(member), errors: {} }} />);
  });
  app.post<IdParams>('/forum/members/:id', staff, async (request, reply) => {
    const { commune, actor } = manager(request);
    const member = await findMember(db, commune.id, request.params.id);
    if (!member) throw new AppError('NOT_FOUND');
    const result = parsed(memberSchema, request.body);
    if (!result.ok) return sendPage(request, reply, (ctx) => <MemberPage ctx={ctx} member={member} form={result.form} />, 422);
    await updateMember(db, actor, member.id, result.data);
    return redirectWithFlash(reply, adminPath(commune), 'accountability.forum.saved');
  });
}

function meetingRoutes(app: FastifyInstance): void {
  const { db } = app.platform;
  app.get('/forum/meetings/new', staff, async (request, reply) => {
    const { commune } = await ownForum(request);
    return showMeeting(request, reply, commune, null);
  });
  app.post('/forum/meetings', staff, async (request, reply) => submitMeeting(request, reply, null));
  app.get<IdParams>('/forum/meetings/:id', staff, async (request, reply) => {
    const { commune, meeting } = await ownMeeting(request);
    return showMeeting(request, reply, commune, meeting.id);
  });
  app.post<IdParams>('/forum/meetings/:id', staff, async (request, reply) => submitMeeting(request, reply, (await ownMeeting(request)).meeting));
  app.post<IdParams>('/forum/meetings/:id/decisions', staff, async (request, reply) => {
    const { commune, actor, meeting } = await ownMeeting(request);
    const result = parsed(decisionSchema, request.body);
    if (!result.ok) return showMeeting(request, reply, commune, meeting.id, { decisionForm: result.form }, 422);
    await addDecision(db, actor, meeting.id, result.data);
    return redirectWithFlash(reply, `${adminPath(commune)}/meetings/${meeting.id}`, 'accountability.forum.saved');
  });
}

/** Back-office under /<commune>/admin/forum: the forum, its members, meetings with attendance and decisions, endorsements. */
export function forumAdminRoutes(app: FastifyInstance): void {
  forumRoutes(app);
  memberRoutes(app);
  meetingRoutes(app);
}
