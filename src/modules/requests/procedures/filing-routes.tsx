import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../../../platform/audit/audit.js';
import type { Commune } from '../../../platform/db/platform-tables.js';
import { AppError } from '../../../platform/http/errors.js';
import type { FormState } from '../../../platform/http/forms.js';
import { idempotent, pageOutcome } from '../../../platform/http/idempotency.js';
import { sendPage } from '../../../platform/http/render.js';
import type { RouteAccess } from '../../../platform/permissions/route-access.js';
import { photoFingerprint, readMultipartForm } from '../../../platform/storage/uploads.js';
import { normalisePhone } from '../../../platform/auth/identifier.js';
import { findProcedure, listProcedures } from '../../commune/index.js';
import { notifyReporter } from '../commands/notify-reporter.js';
import { requestsPolicy } from '../permissions.js';
import { FiledPage } from '../views/public-views.js';
import { fieldsOf } from './fields.js';
import { checkProcedureForm, fileProcedureRequest, type ProcedureFiling, type Upload } from './filing.js';
import { NoFormPage, ProcedureFormPage, type ProcedureFormProps, ProceduresForSomeonePage } from './filing-views.js';

type ProcedureParams = { Params: { serviceId: string } };
const residents = { config: { access: 'signed-in' as const } };
// Any resident may file; a limit per account keeps one sender from flooding the civil-status queue.
const residentsFiling = { config: { access: 'signed-in' as const, policy: 'open-filing' as const, rateLimit: { max: 10, timeWindow: '10 minutes', keyGenerator: (r: FastifyRequest) => r.actor?.user?.id ?? r.ip } } };
const filingForSomeone: RouteAccess = { communeRoles: ['mediator', 'staff', 'admin'] };
const mediators = { config: { access: filingForSomeone } };

/** What a filing form sent: its text inputs and its files (in memory, within the upload limit). */
interface FilingInput {
  values: Record<string, string>;
  uploads: Record<string, Upload>;
  oversized: string[];
}

async function readFilingInput(request: FastifyRequest): Promise<FilingInput> {
  if (request.isMultipart()) {
    const form = await readMultipartForm(request, { keepTextOnOversize: true });
    return { values: form.fields, uploads: form.files, oversized: form.oversized ?? [] };
  }
  const values = Object.fromEntries(Object.entries((request.body ?? {}) as Record<string, unknown>).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  return { values, uploads: {}, oversized: [] };
}

/** The payload an idempotency key is bound to: the text and each file's digest. */
const fingerprint = (input: FilingInput) => ({ ...input.values, ...Object.fromEntries(Object.entries(input.uploads).map(([name, file]) => [`_file_${name}`, photoFingerprint(file)])) });

function communeOf(request: FastifyRequest): Commune {
  if (!request.commune) throw new AppError('COMMUNE_NOT_FOUND');
  return request.commune;
}

/** The procedure of the URL in this commune, with its form's fields; another commune's id does not exist here. */
async function procedureWithForm(request: FastifyRequest, serviceId: string) {
  const commune = communeOf(request);
  const procedure = await findProcedure(request.server.platform.db, commune.id, serviceId);
  if (!procedure) throw new AppError('NOT_FOUND');
  const fields = await fieldsOf(request.server.platform.db, commune.id, procedure.id);
  return { commune, procedure, fields };
}

const formProps = (request: FastifyRequest, base: Omit<ProcedureFormProps, 'maxUploadMegabytes'>): ProcedureFormProps => ({ ...base, maxUploadMegabytes: Math.round(request.server.platform.config.uploadMaxBytes / 1024 / 1024) });

/** The person a mediator files for: a name is required, a phone (for the news) is checked when given. */
function checkPerson(commune: Commune, values: Record<string, string>, errors: FormState['errors']): { name: string; phone: string | null } {
  const name = (values.person_name ?? '').trim();
  if (!name) errors.person_name = 'core.form.required';
  else if (name.length > 200) errors.person_name = 'core.form.too_long';
  const typed = (values.person_phone ?? '').trim();
  const phone = typed ? normalisePhone(typed, commune.country) : null;
  if (typed && !phone) errors.person_phone = 'requests.procedure.error_phone';
  return { name: name.slice(0, 200), phone };
}

async function submit(request: FastifyRequest, reply: FastifyReply, serviceId: string, forSomeone: boolean) {
  const { commune, procedure, fields } = await procedureWithForm(request, serviceId);
  if (fields.length === 0) throw new AppError('NOT_FOUND');
  const input = await readFilingInput(request);
  const checked = await checkProcedureForm(fields, input.values, input.uploads, input.oversized);
  const person = forSomeone ? checkPerson(commune, input.values, checked.errors) : null;
  const action = request.url.split('?')[0]!;
  if (Object.keys(checked.errors).length > 0) {
    const props = formProps(request, { procedure, fields, form: { values: input.values, errors: checked.errors }, action, forSomeone });
    return sendPage(request, reply, (ctx) => <ProcedureFormPage ctx={ctx} props={props} />, 422);
  }
  const user = request.actor.user!;
  const filing: ProcedureFiling = {
    procedure,
    answers: checked.answers,
    scans: checked.scans,
    channel: forSomeone ? 'mediator' : 'web',
    reporter: forSomeone ? { userId: null, name: person!.name, phone: person!.phone, locale: null } : { userId: user.id, name: user.display_name, phone: null, locale: request.locale },
    recordedBy: forSomeone ? user.id : null,
  };
  // Idempotent: a resend of the same form (flaky network, double tap) gets the first answer, one request stored.
  return idempotent(request, reply, forSomeone ? 'requests.procedure_for_someone' : 'requests.procedure', async (tx) => {
    const { request: filed, accessCode } = await fileProcedureRequest(tx, request.server.platform.storage, commune, filing);
    if (forSomeone) await recordAudit(tx, { communeId: commune.id, actorUserId: user.id, action: 'request.filed_for_someone', resourceType: 'request', resourceId: filed.id, ip: request.ip, details: { reference: filed.reference, procedure_id: procedure.id } });
    const page = await pageOutcome(request, (ctx) => <FiledPage ctx={ctx} request={filed} accessCode={accessCode} />, 201);
    return { ...page, afterCommit: async () => void (await notifyReporter(request.server.platform, commune, filed, 'filed', { code: accessCode })) };
  }, { payload: fingerprint(input) });
}

async function showForm(request: FastifyRequest, reply: FastifyReply, serviceId: string, forSomeone: boolean) {
  const { procedure, fields } = await procedureWithForm(request, serviceId);
  if (fields.length === 0) return sendPage(request, reply, (ctx) => <NoFormPage ctx={ctx} procedure={procedure} />, 404);
  const props = formProps(request, { procedure, fields, form: { values: {}, errors: {} }, action: request.url.split('?')[0]!, forSomeone });
  return sendPage(request, reply, (ctx) => <ProcedureFormPage ctx={ctx} props={props} />);
}

/** A signed-in resident requests a procedure of the catalogue online: /<commune>/services/<id>/request. */
export function registerProcedureFiling(app: FastifyInstance): void {
  app.get<ProcedureParams>('/services/:serviceId/request', residents, async (request, reply) => showForm(request, reply, request.params.serviceId, false));
  app.post<ProcedureParams>('/services/:serviceId/request', residentsFiling, async (request, reply) => submit(request, reply, request.params.serviceId, false));
}

/** A mediator (or staff) files a procedure request for someone: /<commune>/admin/requests/on-behalf/procedures/<id>. */
export function registerProcedureFilingForSomeone(app: FastifyInstance): void {
  const authorize = (request: FastifyRequest) => requestsPolicy.authorize(request.actor, 'request.file_for_someone', { communeId: communeOf(request).id });
  app.get('/requests/on-behalf/procedures', mediators, async (request, reply) => {
    authorize(request);
    const { db } = request.server.platform;
    const communeId = communeOf(request).id;
    const procedures = await listProcedures(db, communeId);
    const withForm = (await Promise.all(procedures.map(async (p) => ((await fieldsOf(db, communeId, p.id)).length > 0 ? p : null)))).filter((p) => p !== null);
    return sendPage(request, reply, (ctx) => <ProceduresForSomeonePage ctx={ctx} procedures={withForm} />);
  });
  app.get<ProcedureParams>('/requests/on-behalf/procedures/:serviceId', mediators, async (request, reply) => {
    authorize(request);
    return showForm(request, reply, request.params.serviceId, true);
  });
  app.post<ProcedureParams>('/requests/on-behalf/procedures/:serviceId', mediators, async (request, reply) => {
    authorize(request);
    return submit(request, reply, request.params.serviceId, true);
  });
}
