import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Commune } from '../../../platform/db/platform-tables.js';
import { isUuid } from '../../../platform/db/uuid.js';
import { AppError } from '../../../platform/http/errors.js';
import { type FormState, parseForm } from '../../../platform/http/forms.js';
import { redirectWithFlash, sendPage } from '../../../platform/http/render.js';
import { staffOnly } from '../../../platform/permissions/route-access.js';
import { type MultipartForm, readMultipartForm, storeUpload } from '../../../platform/storage/uploads.js';
import { PracticeFormPage, type PracticeFormProps, AdminPracticesPage } from './admin-views.js';
import { addPracticeDocument, createPractice, maxDocumentsPerPractice, type PracticeActor, removePracticeDocument, setPracticeStatus, updatePractice } from './commands.js';
import { documentSchema, practiceSchema, textValues, translatedFields } from './forms.js';
import { moduleTags } from './labels.js';
import { practicesPolicy } from './permissions.js';
import { communePractices, practiceDocuments } from './queries.js';
import { type PracticeRow, scopedPractices } from './tables.js';

const staff = { config: { access: staffOnly } };
type IdParams = { Params: { id: string } };
type Body = Record<string, unknown>;

function manager(request: FastifyRequest): { commune: Commune; actor: PracticeActor } {
  const commune = request.commune;
  if (!commune) throw new AppError('COMMUNE_NOT_FOUND');
  practicesPolicy.authorize(request.actor, 'network.practices.manage', { communeId: commune.id });
  return { commune, actor: { communeId: commune.id, actorId: request.actor.user?.id ?? null, ip: request.ip } };
}

/** The practice, if it belongs to the staff member's own commune (another commune's id is simply not found). */
async function ownPractice(request: FastifyRequest<IdParams>) {
  const own = manager(request);
  const practice = isUuid(request.params.id)
    ? await scopedPractices(request.server.platform.db, own.commune.id).selectFrom('network_practices').selectAll().where('id', '=', request.params.id).executeTakeFirst()
    : undefined;
  if (!practice) throw new AppError('NOT_FOUND');
  return { ...own, practice };
}

const listOf = (value: unknown) => (value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)]);

const practiceValues = (p: PracticeRow): FormState['values'] => ({
  ...Object.assign({}, ...translatedFields.map((name) => textValues(name, p[name]))),
  contact_name: p.contact_name, contact_role: p.contact_role, contact_email: p.contact_email, contact_phone: p.contact_phone,
});

async function editProps(request: FastifyRequest, practice: PracticeRow, override: Partial<PracticeFormProps> = {}): Promise<PracticeFormProps> {
  return {
    form: { values: practiceValues(practice), errors: {} },
    checked: { principles: practice.principles, modules: practice.modules },
    modules: moduleTags(request.server.platform.modules),
    practice,
    documents: await practiceDocuments(request.server.platform.db, practice.commune_id, practice.id),
    ...override,
  };
}

function refusedForm(request: FastifyRequest, form: FormState): Pick<PracticeFormProps, 'form' | 'checked'> {
  const body = request.body as Body | undefined;
  return { form, checked: { principles: listOf(body?.principles), modules: listOf(body?.modules) } };
}

const refusedDocument = (fields: Record<string, string>, field: string, error: string): FormState => ({ values: { ...fields }, errors: { [field]: error } });

/** One PDF or photo with a title, checked from its bytes; a refusal keeps the title typed. */
async function documentFrom(request: FastifyRequest, communeId: string, form: MultipartForm) {
  const parsed = parseForm(documentSchema, form.fields);
  if (!parsed.ok) return { ok: false as const, form: parsed.form as FormState };
  const file = form.files.document_file;
  if (form.oversized?.includes('document_file')) return { ok: false as const, form: refusedDocument(form.fields, 'document_file', 'network.practices.error_file_too_large') };
  if (!file) return { ok: false as const, form: refusedDocument(form.fields, 'document_file', 'network.practices.error_file_missing') };
  try {
    const stored = await storeUpload(request, file, { communeId, accept: ['pdf', 'image'] });
    return { ok: true as const, document: { title: parsed.data.document_title, fileId: stored.id, kind: stored.mediaType === 'application/pdf' ? ('document' as const) : ('photo' as const) } };
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'UNSUPPORTED_FILE_TYPE') throw error;
    return { ok: false as const, form: refusedDocument(form.fields, 'document_file', 'network.practices.error_file_type') };
  }
}

function practiceRoutes(app: FastifyInstance, base: string): void {
  const { db } = app.platform;
  const schema = () => practiceSchema(moduleTags(app.platform.modules).map((m) => m.id));
  const show = (request: FastifyRequest, reply: FastifyReply, props: PracticeFormProps, status = 200) => sendPage(request, reply, (ctx) => <PracticeFormPage ctx={ctx} props={props} />, status);

  app.get(base, staff, async (request, reply) => {
    const { commune } = manager(request);
    const practices = await communePractices(db, commune.id, { publishedOnly: false });
    return sendPage(request, reply, (ctx) => <AdminPracticesPage ctx={ctx} practices={practices} />);
  });
  app.get(`${base}/new`, staff, async (request, reply) => {
    manager(request);
    return show(request, reply, { form: { values: {}, errors: {} }, checked: { principles: [], modules: [] }, modules: moduleTags(app.platform.modules) });
  });
  app.post(base, staff, async (request, reply) => {
    const { commune, actor } = manager(request);
    const result = parseForm(schema(), request.body);
    if (!result.ok) return show(request, reply, { ...refusedForm(request, result.form as FormState), modules: moduleTags(app.platform.modules) }, 422);
    const id = await createPractice(db, actor, result.data);
    return redirectWithFlash(reply, `/${commune.slug}/admin/network/practices/${id}`, 'network.practices.saved');
  });
  app.get<IdParams>(`${base}/:id`, staff, async (request, reply) => {
    const { practice } = await ownPractice(request);
    return show(request, reply, await editProps(request, practice));
  });
  app.post<IdParams>(`${base}/:id`, staff, async (request, reply) => {
    const { commune, actor, practice } = await ownPractice(request);
    const result = parseForm(schema(), request.body);
    if (!result.ok) return show(request, reply, await editProps(request, practice, refusedForm(request, result.form as FormState)), 422);
    await updatePractice(db, actor, practice.id, result.data);
    return redirectWithFlash(reply, `/${commune.slug}/admin/network/practices/${practice.id}`, 'network.practices.saved');
  });
  app.post<IdParams>(`${base}/:id/status`, staff, async (request, reply) => {
    const { commune, actor, practice } = await ownPractice(request);
    const status = (request.body as Body | undefined)?.status;
    if (status !== 'draft' && status !== 'published') throw new AppError('BAD_REQUEST');
    await setPracticeStatus(db, actor, practice.id, status);
    return redirectWithFlash(reply, `/${commune.slug}/admin/network/practices/${practice.id}`, status === 'published' ? 'network.practices.published_flash' : 'network.practices.unpublished_flash');
  });
}

function documentRoutes(app: FastifyInstance, base: string): void {
  const { db } = app.platform;
  app.post<IdParams>(`${base}/:id/documents`, staff, async (request, reply) => {
    const { commune, actor, practice } = await ownPractice(request);
    const form = request.isMultipart() ? await readMultipartForm(request, { keepTextOnOversize: true }) : { fields: (request.body ?? {}) as Record<string, string>, files: {} };
    const existing = await practiceDocuments(db, commune.id, practice.id);
    if (existing.length >= maxDocumentsPerPractice) throw new AppError('BAD_REQUEST', 'too many documents');
    const result = await documentFrom(request, commune.id, form);
    if (!result.ok) {
      const props = await editProps(request, practice, { documentForm: result.form });
      return sendPage(request, reply, (ctx) => <PracticeFormPage ctx={ctx} props={props} />, 422);
    }
    await addPracticeDocument(db, actor, practice.id, result.document);
    return redirectWithFlash(reply, `/${commune.slug}/admin/network/practices/${practice.id}#documents`, 'network.practices.document_added');
  });
  app.post<IdParams & { Params: { documentId: string } }>(`${base}/:id/documents/:documentId/remove`, staff, async (request, reply) => {
    const { commune, actor, practice } = await ownPractice(request);
    if (!isUuid(request.params.documentId) || !(await removePracticeDocument(db, actor, practice.id, request.params.documentId))) throw new AppError('NOT_FOUND');
    return redirectWithFlash(reply, `/${commune.slug}/admin/network/practices/${practice.id}#documents`, 'network.practices.document_removed');
  });
}

/** Staff of a member commune write, publish and document their commune's good practices for the network. */
export function practiceAdminRoutes(app: FastifyInstance): void {
  practiceRoutes(app, '/network/practices');
  documentRoutes(app, '/network/practices');
}
