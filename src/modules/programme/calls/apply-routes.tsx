import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { isUuid } from '../../../platform/db/uuid.js';
import { AppError } from '../../../platform/http/errors.js';
import { pickLocalized } from '../../../platform/i18n/locales.js';
import type { FormState } from '../../../platform/http/forms.js';
import { idempotent, pageOutcome } from '../../../platform/http/idempotency.js';
import { redirectWithFlash, sendPage } from '../../../platform/http/render.js';
import { hasRole } from '../../../platform/permissions/actor.js';
import type { Answers, CallRow, FieldRow } from '../db/tables.js';
import { programmePolicy } from '../permissions.js';
import { applicationFormValues, checkApplication, type CheckedApplication } from './answers-check.js';
import { type ApplicationInput, inputFingerprint, readApplicationInput, storeInputFiles, typedValues } from './application-input.js';
import { type ApplicationFormProps, ApplyPage, canWithdraw, MyApplicationPage, MyApplicationsPage } from './application-views.js';
import { callBySlug, callFields } from './queries.js';
import { nextReference } from './reference.js';
import { callState } from './state.js';
import { callsDb, type FullApplicationRow } from './tables.js';

const signedIn = { config: { access: 'signed-in' as const } };
// Any signed-in person may apply; the call's publication and dates are checked by the handler.
const applying = { config: { access: 'signed-in' as const, policy: 'open-participation' as const } };
// Acts only on the person's own application (anyone else's is not found).
const ownApplicationAction = { config: { access: 'signed-in' as const, policy: 'own-account' as const } };
type SlugParams = { Params: { slug: string } };
type IdParams = { Params: { id: string } };

export const applicationPath = (id: string) => `/network/programme/applications/${id}`;
export const applyPath = (slug: string) => `/network/programme/calls/${slug}/apply`;

function userOf(request: FastifyRequest) {
  if (!request.actor.user) throw new AppError('SIGN_IN_REQUIRED');
  return request.actor.user;
}

async function publishedCall(request: FastifyRequest, slug: string): Promise<{ call: CallRow; fields: FieldRow[] }> {
  const { db } = request.server.platform;
  const call = await callBySlug(db, slug);
  if (!call || !programmePolicy.can(request.actor, 'programme.apply', { call })) throw new AppError('NOT_FOUND');
  return { call, fields: await callFields(db, call.id) };
}

/** The person's application to a call, if any (one per person and call). */
export async function applicationOf(db: Kysely<PlatformTables>, callId: string, userId: string): Promise<FullApplicationRow | undefined> {
  return callsDb(db).selectFrom('programme_applications').selectAll().where('call_id', '=', callId).where('applicant_user_id', '=', userId).executeTakeFirst();
}

/** Communes on this install the person administers: a commune call may be made in their name. */
export async function administeredCommunes(request: FastifyRequest): Promise<{ id: string; name: string; country: string }[]> {
  const ids = [...request.actor.roles.keys()].filter((id) => hasRole(request.actor, id, 'admin'));
  if (ids.length === 0) return [];
  const rows = await request.server.platform.db.selectFrom('communes').select(['id', 'name', 'country']).where('id', 'in', ids).execute();
  return rows.map((row) => ({ id: row.id, name: pickLocalized(row.name, request.locale)?.value ?? '', country: row.country.toUpperCase() }));
}

const closedProblem = (call: CallRow, now: Date) => {
  const state = callState(call, now);
  return state === 'open' ? undefined : state === 'upcoming' ? 'programme.apply.not_yet_open' : 'programme.apply.closed';
};

async function formProps(request: FastifyRequest, call: CallRow, fields: FieldRow[], form: FormState, application: FullApplicationRow | undefined): Promise<ApplicationFormProps> {
  const communes = call.audience === 'communes' ? await administeredCommunes(request) : [];
  const files = Object.fromEntries(Object.entries(application?.answers ?? {}).filter(([, answer]) => typeof answer === 'object'));
  return { call, fields, form, files, action: applyPath(call.slug), communes, problem: closedProblem(call, new Date()) };
}

/** The form as first shown: the saved draft (with its errors, so they can be fixed), or the account's name and contact. */
function initialForm(request: FastifyRequest, call: CallRow, fields: FieldRow[], application: FullApplicationRow | undefined): FormState {
  if (application) {
    const values = { ...applicationFormValues(fields, application), commune_id: application.commune_id ?? '' };
    return { values, errors: checkApplication(fields, call.audience, values, application.answers, 'draft').errors };
  }
  const user = userOf(request);
  return { values: { applicant_name: call.audience === 'volunteers' ? (user.display_name ?? '') : '', contact: user.phone_e164 ?? user.email ?? '' }, errors: {} };
}

/** A commune picked on the form, if the person administers it; its name and country fill what was left empty. */
async function pickedCommune(request: FastifyRequest, call: CallRow, values: Record<string, string>) {
  if (call.audience !== 'communes' || !values.commune_id) return null;
  return (await administeredCommunes(request)).find((c) => c.id === values.commune_id) ?? null;
}

async function ensureDraft(db: Kysely<PlatformTables>, call: CallRow, user: { id: string; display_name: string | null }): Promise<FullApplicationRow> {
  await callsDb(db).insertInto('programme_applications').values({ call_id: call.id, applicant_user_id: user.id, applicant_name: '', channel: 'web' }).onConflict((oc) => oc.columns(['call_id', 'applicant_user_id']).where('applicant_user_id', 'is not', null).doNothing()).execute();
  const application = await applicationOf(db, call.id, user.id);
  if (!application) throw new AppError('CONFLICT');
  return application;
}

const identityColumns = (checked: CheckedApplication) => ({ ...checked.identity, answers: JSON.stringify(checked.answers) });

interface SavedDraft {
  values: Record<string, string>;
  files: Answers;
  /** Problems that a saved draft does not show by itself: a refused file, a commune that already applied. */
  errors: FormState['errors'];
}

/** Saves what was typed as the draft (valid answers typed, every raw value kept); returns the check and file errors. */
async function saveDraft(request: FastifyRequest, call: CallRow, fields: FieldRow[], application: FullApplicationRow, input: ApplicationInput): Promise<SavedDraft> {
  const { db, storage } = request.server.platform;
  const stored = await storeInputFiles({ db, storage }, { applicationId: application.id, uploadedBy: userOf(request).id, earlier: application.answers }, fields, input);
  const picked = await pickedCommune(request, call, input.values);
  // One application per commune and call: a commune that already applied is not taken again (the index would refuse it).
  const taken = picked !== null && (await communeAlreadyApplied(db, call.id, picked.id, application.id));
  const commune = taken ? null : picked;
  const values = { ...input.values, applicant_name: input.values.applicant_name?.trim() || commune?.name || '', country: input.values.country || commune?.country || '' };
  const checked = checkApplication(fields, call.audience, values, stored.files, 'draft');
  await callsDb(db)
    .updateTable('programme_applications')
    .set({ ...identityColumns(checked), commune_id: commune?.id ?? null, draft_values: JSON.stringify(typedValues({ ...input, values })), updated_at: new Date() })
    .where('id', '=', application.id)
    .where('status', '=', 'draft')
    .execute();
  return { values, files: stored.files, errors: taken ? { ...stored.errors, commune_id: 'programme.apply.error_commune_taken' } : stored.errors };
}

/** Submits the saved draft in one transaction with its reference; refused (draft kept) when anything is missing. */
function submit(request: FastifyRequest, reply: FastifyReply, call: CallRow, fields: FieldRow[], application: FullApplicationRow, input: ApplicationInput, saved: SavedDraft) {
  return idempotent(request, reply, 'programme.apply', async (tx) => {
    const current = await callsDb(tx).selectFrom('programme_applications').selectAll().where('id', '=', application.id).forUpdate().executeTakeFirstOrThrow();
    if (current.status !== 'draft') return { statusCode: 303, location: applicationPath(current.id) };
    const checked = checkApplication(fields, call.audience, saved.values, saved.files, 'submit');
    const errors = { ...checked.errors, ...saved.errors };
    if (Object.keys(errors).length > 0) {
      const props = await formProps(request, call, fields, { values: saved.values, errors }, { ...current, answers: saved.files });
      return pageOutcome(request, (ctx) => <ApplyPage ctx={ctx} props={{ ...props, problem: 'programme.apply.refused' }} />, 422);
    }
    const now = new Date();
    await callsDb(tx)
      .updateTable('programme_applications')
      .set({ ...identityColumns(checked), status: 'submitted', reference: await nextReference(tx, now), submitted_at: now, draft_values: '{}', updated_at: now })
      .where('id', '=', current.id)
      .execute();
    return { statusCode: 303, location: `${applicationPath(current.id)}?confirmed=1` };
  }, { payload: inputFingerprint(input) });
}

async function communeAlreadyApplied(db: Kysely<PlatformTables>, callId: string, communeId: string, exceptId: string): Promise<boolean> {
  const other = await callsDb(db).selectFrom('programme_applications').select('id').where('call_id', '=', callId).where('commune_id', '=', communeId).where('id', '<>', exceptId).where('status', '<>', 'withdrawn').executeTakeFirst();
  return !!other;
}

function registerApplyForm(app: FastifyInstance): void {
  const { db } = app.platform;
  app.get<SlugParams>('/network/programme/calls/:slug/apply', signedIn, async (request, reply) => {
    const { call, fields } = await publishedCall(request, request.params.slug);
    const application = await applicationOf(db, call.id, userOf(request).id);
    if (application && application.status !== 'draft') return reply.redirect(applicationPath(application.id), 303);
    const props = await formProps(request, call, fields, initialForm(request, call, fields, application), application);
    return sendPage(request, reply, (ctx) => <ApplyPage ctx={ctx} props={props} />);
  });

  app.post<SlugParams>('/network/programme/calls/:slug/apply', applying, async (request, reply) => {
    const { call, fields } = await publishedCall(request, request.params.slug);
    const input = await readApplicationInput(request);
    const problem = closedProblem(call, new Date());
    // Outside the call's dates nothing changes: the draft stays as it was, what was typed is shown back.
    if (problem) {
      const props = await formProps(request, call, fields, { values: input.values, errors: {} }, await applicationOf(db, call.id, userOf(request).id));
      return sendPage(request, reply, (ctx) => <ApplyPage ctx={ctx} props={props} />, 422);
    }
    const application = await ensureDraft(db, call, userOf(request));
    const submitting = input.values.action === 'submit';
    // A resend after the submission goes to the idempotent step, which answers as the first time.
    if (application.status !== 'draft' && !submitting) return reply.redirect(applicationPath(application.id), 303);
    const saved = application.status === 'draft' ? await saveDraft(request, call, fields, application, input) : { values: input.values, files: {}, errors: {} } satisfies SavedDraft;
    if (submitting) return submit(request, reply, call, fields, application, input, saved);
    if (Object.keys(saved.errors).length > 0) {
      // A refused file or commune is not stored: say so now, the rest of the draft is saved.
      const current = await applicationOf(db, call.id, userOf(request).id);
      const props = await formProps(request, call, fields, { values: saved.values, errors: saved.errors }, current);
      return sendPage(request, reply, (ctx) => <ApplyPage ctx={ctx} props={props} />, 422);
    }
    return redirectWithFlash(reply, applyPath(call.slug), 'programme.apply.draft_saved');
  });
}

async function ownApplication(request: FastifyRequest, id: string): Promise<FullApplicationRow> {
  const application = isUuid(id) ? await callsDb(request.server.platform.db).selectFrom('programme_applications').selectAll().where('id', '=', id).executeTakeFirst() : undefined;
  // Someone else's application is "not found", not "forbidden": its existence is private too.
  if (!application || application.applicant_user_id !== userOf(request).id) throw new AppError('NOT_FOUND');
  return application;
}

function registerMyApplications(app: FastifyInstance): void {
  const { db } = app.platform;
  app.get('/network/programme/applications', signedIn, async (request, reply) => {
    const applications = await callsDb(db)
      .selectFrom('programme_applications')
      .innerJoin('programme_calls', 'programme_calls.id', 'programme_applications.call_id')
      .selectAll('programme_applications')
      .select(['programme_calls.slug as call_slug', 'programme_calls.title as call_title'])
      .where('programme_applications.applicant_user_id', '=', userOf(request).id)
      .orderBy('programme_applications.created_at', 'desc')
      .execute();
    return sendPage(request, reply, (ctx) => <MyApplicationsPage ctx={ctx} applications={applications} />);
  });

  app.get<IdParams & { Querystring: { confirmed?: string } }>('/network/programme/applications/:id', signedIn, async (request, reply) => {
    const application = await ownApplication(request, request.params.id);
    const call = await callsDb(db).selectFrom('programme_calls').selectAll().where('id', '=', application.call_id).executeTakeFirstOrThrow();
    if (application.status === 'draft') return reply.redirect(applyPath(call.slug), 303);
    const fields = await callFields(db, call.id);
    return sendPage(request, reply, (ctx) => <MyApplicationPage ctx={ctx} application={application} call={call} fields={fields} confirmed={request.query.confirmed === '1'} />);
  });

  app.post<IdParams>('/network/programme/applications/:id/withdraw', ownApplicationAction, async (request, reply) => {
    const application = await ownApplication(request, request.params.id);
    if (!canWithdraw(application)) throw new AppError('CONFLICT');
    await callsDb(db).updateTable('programme_applications').set({ status: 'withdrawn', withdrawn_at: new Date(), updated_at: new Date() }).where('id', '=', application.id).where('status', 'in', ['submitted', 'shortlisted']).execute();
    return redirectWithFlash(reply, applicationPath(application.id), 'programme.mine.withdrawn');
  });
}

/** Applying online, and the applicant's own applications. */
export function applyRoutes(app: FastifyInstance): void {
  registerApplyForm(app);
  registerMyApplications(app);
}
