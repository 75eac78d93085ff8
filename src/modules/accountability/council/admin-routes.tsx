import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from '../../../platform/config/config.js';
import { appendPublication } from '../../../platform/ledger/index.js';
import { recordAudit } from '../../../platform/audit/audit.js';
import type { Commune, PlatformTables } from '../../../platform/db/platform-tables.js';
import { AppError } from '../../../platform/http/errors.js';
import { type FormState, parseForm } from '../../../platform/http/forms.js';
import { redirectWithFlash, sendPage } from '../../../platform/http/render.js';
import { staffOnly } from '../../../platform/permissions/route-access.js';
import { type MultipartForm, readMultipartForm, storeUpload } from '../../../platform/storage/uploads.js';
import { councilData, councilMeetingChoices } from '../../commune/index.js';
import { DecisionAdminListPage, type DecisionFormProps, DecisionFormPage, decisionFormValues } from './admin-views.js';
import { councilPolicy } from './policy.js';
import { findDecision, findSession, listAllDecisions, listSessions, numberTaken, scoped, votesOf } from './queries.js';
import type { CouncilDecisionRow, VoteOption } from './tables.js';
import { countErrors, type DecisionInput, decisionSchema, localizedFrom, printableFields, sessionSchema, votesFrom } from './validation.js';

const staff = { config: { access: staffOnly } };
type IdParams = { Params: { id: string } };
const empty: FormState = { values: {}, errors: {} };

function guard(request: FastifyRequest, action: 'council_decisions.manage' | 'council_decisions.publish' = 'council_decisions.manage'): Commune {
  const commune = request.commune;
  if (!commune) throw new AppError('COMMUNE_NOT_FOUND');
  councilPolicy.authorize(request.actor, action, { communeId: commune.id });
  return commune;
}

const audit = (request: FastifyRequest, action: string, resourceType: string, resourceId: string, details?: Record<string, unknown>) =>
  recordAudit(request.server.platform.db, { communeId: request.commune!.id, actorUserId: request.actor.user?.id ?? null, action, resourceType, resourceId, ip: request.ip, details });

const listUrl = (commune: Commune) => `/${commune.slug}/admin/council-decisions`;

async function showList(request: FastifyRequest, reply: FastifyReply, sessionForm: FormState = empty, status = 200) {
  const commune = guard(request);
  const { db } = request.server.platform;
  const [decisions, sessions, meetings] = await Promise.all([listAllDecisions(db, commune.id), listSessions(db, commune.id), councilMeetingChoices(db, commune.id)]);
  return sendPage(request, reply, (ctx) => <DecisionAdminListPage ctx={ctx} decisions={decisions} sessions={sessions} meetings={meetings} sessionForm={sessionForm} />, status);
}

async function councillorsOf(request: FastifyRequest, communeId: string) {
  const data = await councilData(request.server.platform.db, communeId);
  return data.persons.map((p) => ({ id: p.id, name: p.name }));
}

async function showForm(request: FastifyRequest, reply: FastifyReply, form: FormState, decision: CouncilDecisionRow | null, status = 200) {
  const commune = guard(request);
  const [sessions, councillors] = await Promise.all([listSessions(request.server.platform.db, commune.id), councillorsOf(request, commune.id)]);
  const props: DecisionFormProps = { form, sessions, councillors, decision };
  return sendPage(request, reply, (ctx) => <DecisionFormPage ctx={ctx} props={props} />, status);
}

async function staffDecision(request: FastifyRequest, id: string) {
  const commune = guard(request);
  const decision = await findDecision(request.server.platform.db, commune.id, id, { publishedOnly: false });
  if (!decision) throw new AppError('NOT_FOUND');
  return decision;
}

/** Checks what zod cannot see alone: this commune's session, a free number, text or PDF, figures that agree. */
async function crossChecks(request: FastifyRequest, commune: Commune, input: DecisionInput, form: MultipartForm, votes: Map<string, VoteOption>, existing: CouncilDecisionRow | null) {
  const { db } = request.server.platform;
  const errors: Record<string, string> = countErrors(input, votes);
  if (!(await findSession(db, commune.id, input.session_id))) errors.session_id = 'core.form.required';
  if (await numberTaken(db, commune.id, Number(input.decision_date.slice(0, 4)), input.number, existing?.id ?? null)) errors.number = 'accountability.council.error.number_taken';
  if (!form.fields.text_fr?.trim() && !form.files.pdf && !existing?.pdf_file_id) errors.text_fr = 'accountability.council.error.text_or_pdf';
  if (form.oversized?.includes('pdf')) errors.pdf = 'accountability.council.error.pdf_too_large';
  return errors;
}

async function storePdf(request: FastifyRequest, commune: Commune, form: MultipartForm): Promise<{ id: string | null; error?: string }> {
  if (!form.files.pdf) return { id: null };
  try {
    return { id: (await storeUpload(request, form.files.pdf, { communeId: commune.id, accept: ['pdf'] })).id };
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'UNSUPPORTED_FILE_TYPE') throw error;
    return { id: null, error: 'core.errors.UNSUPPORTED_FILE_TYPE' };
  }
}

/** Writes the decision and replaces its per-councillor votes in one transaction, so counts and votes never disagree. */
async function writeDecision(request: FastifyRequest, commune: Commune, input: DecisionInput, form: MultipartForm, votes: Map<string, VoteOption>, pdfId: string | null, existing: CouncilDecisionRow | null): Promise<string> {
  const columns = {
    session_id: input.session_id,
    number: input.number,
    year: Number(input.decision_date.slice(0, 4)),
    decision_date: input.decision_date,
    subject: JSON.stringify(localizedFrom(form.fields, 'subject', 500)),
    category: input.category,
    full_text: JSON.stringify(localizedFrom(form.fields, 'text', 50_000)),
    members_in_office: input.members_in_office,
    present: input.present,
    votes_for: input.votes_for ?? 0,
    votes_against: input.votes_against ?? 0,
    abstentions: input.abstentions ?? 0,
    status: input.status,
    ...(pdfId ? { pdf_file_id: pdfId } : {}),
  };
  return request.server.platform.db.transaction().execute(async (trx) => {
    const inCommune = scoped(trx, commune.id);
    const id = existing
      ? (await inCommune.updateTable('council_decisions').set({ ...columns, updated_at: new Date() }).where('id', '=', existing.id).returning('id').executeTakeFirstOrThrow()).id
      : (await inCommune.insertInto('council_decisions', columns).returning('id').executeTakeFirstOrThrow()).id;
    await inCommune.deleteFrom('council_decision_votes').where('decision_id', '=', id).execute();
    const rows = [...votes].map(([personId, option]) => ({ decision_id: id, person_id: personId, option }));
    if (rows.length > 0) await inCommune.insertInto('council_decision_votes', rows).execute();
    return id;
  });
}

async function saveDecision(request: FastifyRequest, reply: FastifyReply, existing: CouncilDecisionRow | null) {
  const commune = guard(request);
  const received = await readMultipartForm(request, { keepTextOnOversize: true });
  const form: MultipartForm = { ...received, fields: printableFields(received.fields) };
  const parsed = parseForm(decisionSchema, form.fields);
  const councillorIds = (await councillorsOf(request, commune.id)).map((c) => c.id);
  const votes = votesFrom(form.fields, councillorIds);
  const errors: Record<string, string> = parsed.ok ? await crossChecks(request, commune, parsed.data, form, votes, existing) : { ...parsed.form.errors };
  const pdf = parsed.ok && Object.keys(errors).length === 0 ? await storePdf(request, commune, form) : { id: null };
  if (pdf.error) errors.pdf = pdf.error;
  if (!parsed.ok || Object.keys(errors).length > 0) return showForm(request, reply, { values: form.fields, errors }, existing, 422);
  const id = await writeDecision(request, commune, parsed.data, form, votes, pdf.id, existing);
  await audit(request, existing ? 'council_decision.updated' : 'council_decision.created', 'council_decision', id, { number: parsed.data.number, votes: votes.size });
  return redirectWithFlash(reply, listUrl(commune), 'accountability.council.admin.saved');
}

/** Back-office under /<commune>/admin/council-decisions: sessions, decisions and their votes, publication. */
/**
 * A published decision enters the commune's tamper-evident record: the hash of its PDF when it has one (the signed
 * document), else of its French text, so that anyone holding either can check it was published, and when.
 */
async function recordDecision(trx: Kysely<PlatformTables>, config: Config, commune: Commune, decision: CouncilDecisionRow) {
  const pdf = decision.pdf_file_id ? await trx.selectFrom('stored_files').select('sha256').where('id', '=', decision.pdf_file_id).where('commune_id', '=', commune.id).executeTakeFirst() : undefined;
  const contentSha256 = pdf?.sha256 ?? createHash('sha256').update(decision.full_text.fr ?? '').digest('hex');
  await appendPublication(trx, { communeId: commune.id, kind: 'council.decision', title: `Délibération ${decision.number}`, contentSha256, url: `/${commune.slug}/council-decisions/${decision.id}` }, config);
}

export async function registerCouncilAdminRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.platform;

  app.get('/council-decisions', staff, async (request, reply) => showList(request, reply));

  app.post('/council-decisions/sessions', staff, async (request, reply) => {
    const commune = guard(request);
    const parsed = parseForm(sessionSchema, request.body);
    const meetings = await councilMeetingChoices(db, commune.id);
    const meetingRefused = parsed.ok && parsed.data.meeting_id && !meetings.some((m) => m.id === parsed.data.meeting_id);
    if (!parsed.ok || meetingRefused) {
      const form = parsed.ok ? { values: request.body as Record<string, string>, errors: { meeting_id: 'core.form.invalid' } } : parsed.form;
      return showList(request, reply, form as FormState, 422);
    }
    const session = await scoped(db, commune.id)
      .insertInto('council_sessions', { session_date: parsed.data.session_date, title: JSON.stringify({ fr: parsed.data.title_fr }), place: parsed.data.place ?? '', meeting_id: parsed.data.meeting_id ?? null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(request, 'council_session.created', 'council_session', session.id);
    return redirectWithFlash(reply, listUrl(commune), 'accountability.council.admin.session_saved');
  });

  app.get('/council-decisions/new', staff, async (request, reply) => showForm(request, reply, { values: { decision_date: new Date().toISOString().slice(0, 10) }, errors: {} }, null));

  app.post('/council-decisions', staff, async (request, reply) => saveDecision(request, reply, null));

  app.get<IdParams>('/council-decisions/:id/edit', staff, async (request, reply) => {
    const decision = await staffDecision(request, request.params.id);
    const votes = await votesOf(db, decision.commune_id, decision.id);
    return showForm(request, reply, { values: decisionFormValues(decision, votes), errors: {} }, decision);
  });

  app.post<IdParams>('/council-decisions/:id', staff, async (request, reply) => saveDecision(request, reply, await staffDecision(request, request.params.id)));

  app.post<IdParams>('/council-decisions/:id/publish', staff, async (request, reply) => {
    const commune = guard(request, 'council_decisions.publish');
    const decision = await staffDecision(request, request.params.id);
    // Publishing twice keeps the first date: the public record says when it first became public.
    if (!decision.published_at) {
      await db.transaction().execute(async (trx) => {
        await scoped(trx, commune.id).updateTable('council_decisions').set({ published_at: new Date() }).where('id', '=', decision.id).execute();
        await recordDecision(trx, request.server.platform.config, commune, decision);
      });
      await audit(request, 'council_decision.published', 'council_decision', decision.id);
    }
    return redirectWithFlash(reply, listUrl(commune), 'accountability.council.admin.published');
  });
}
