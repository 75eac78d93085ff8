import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { recordAudit } from '../../../platform/audit/audit.js';
import { AppError } from '../../../platform/http/errors.js';
import { type FormState, parseForm } from '../../../platform/http/forms.js';
import { redirectWithFlash, sendPage } from '../../../platform/http/render.js';
import { adminOnly, staffOnly } from '../../../platform/permissions/route-access.js';
import { AdminContractListPage, ContractAdminPage, NewContractPage, recordedValues, SettingsPage, type StageFormName } from './admin-views.js';
import { amendmentSchema, awardSchema, awardStage, contractSchema, contractStage, newProcessSchema, paymentSchema, planningSchema, planningStage, settingsSchema, tenderSchema, tenderStage } from './forms.js';
import type { Stage } from './ocds.js';
import { contractsPolicy } from './permissions.js';
import { budgetLineChoices, contractSettings, createProcess, findProcess, listProcesses, recordStage, releasesOf, saveContractSettings, type StagePatch } from './store.js';
import type { ContractProcess } from './tables.js';

const staff = { config: { access: staffOnly } };
const admins = { config: { access: adminOnly } };
type Body = Record<string, unknown>;
type ProcessParams = { Params: { pid: string }; Body: Body };

function staffCommune(request: FastifyRequest, action: 'contracts.record' | 'contracts.configure' = 'contracts.record') {
  const commune = request.commune;
  if (!commune) throw new AppError('COMMUNE_NOT_FOUND');
  contractsPolicy.authorize(request.actor, action, { communeId: commune.id });
  return commune;
}

const audit = (request: FastifyRequest, action: string, resourceId: string, details: Record<string, unknown>) =>
  recordAudit(request.server.platform.db, { communeId: request.commune!.id, actorUserId: request.actor.user?.id ?? null, action, resourceType: 'contract_process', resourceId, ip: request.ip, details });

const processUrl = (request: FastifyRequest, process: ContractProcess) => `/${request.commune!.slug}/admin/finances/contracts/${process.id}`;

async function staffProcess(request: FastifyRequest<ProcessParams>) {
  const commune = staffCommune(request);
  const process = await findProcess(request.server.platform.db, commune.id, request.params.pid);
  if (!process) throw new AppError('NOT_FOUND');
  return { commune, process };
}

async function showProcess(request: FastifyRequest, reply: FastifyReply, process: ContractProcess, failed?: { name: StageFormName; form: FormState }) {
  const { db } = request.server.platform;
  const communeId = request.commune!.id;
  const [settings, budgetLines, stored] = await Promise.all([contractSettings(db, communeId), budgetLineChoices(db, communeId), releasesOf(db, communeId, process.id)]);
  const recorded = recordedValues(process);
  const forms = Object.fromEntries(Object.entries(recorded).map(([name, values]) => [name, failed?.name === name ? failed.form : { values, errors: {} }])) as Record<StageFormName, FormState>;
  const releases = stored.map((r) => ({ id: String(r.release.id), tag: (r.release.tag as string[])[0]!, date: String(r.release.date) }));
  return sendPage(request, reply, (ctx) => <ContractAdminPage ctx={ctx} props={{ process, settings, budgetLines, releases, forms }} />, failed ? 422 : 200);
}

interface StageRoute<Schema extends z.ZodType> {
  form: StageFormName;
  stage: Stage;
  schema: Schema;
  /** The stage's new state, or a form error when the input is valid alone but not here. */
  patch(data: z.output<Schema>, process: ContractProcess, request: FastifyRequest): Promise<StagePatch | { error: [string, string] }>;
  amendment?: boolean;
}

/** One form per stage: valid input saves the stage and publishes its release, then returns to the process page. */
function registerStage<Schema extends z.ZodType>(app: FastifyInstance, route: StageRoute<Schema>) {
  app.post<ProcessParams>(`/finances/contracts/:pid/${route.form}`, staff, async (request, reply) => {
    const { commune, process } = await staffProcess(request);
    const parsed = parseForm(route.schema, request.body);
    if (!parsed.ok) return showProcess(request, reply, process, { name: route.form, form: parsed.form });
    const patch = await route.patch(parsed.data, process, request);
    if ('error' in patch) {
      const [field, key] = patch.error;
      return showProcess(request, reply, process, { name: route.form, form: { values: valuesOf(request.body), errors: { [field]: key } } });
    }
    const { releaseId } = await recordStage(request.server.platform.db, { commune, process, stage: route.stage, patch, amendment: route.amendment ?? false, userId: request.actor.user?.id ?? null });
    await audit(request, `contract_process.${route.form}_recorded`, process.id, { ocid: process.ocid, release_id: releaseId });
    return redirectWithFlash(reply, processUrl(request, process), 'finances.contracts.admin.saved');
  });
}

function valuesOf(body: unknown): Record<string, string> {
  return Object.fromEntries(Object.entries((body ?? {}) as Body).filter(([k, v]) => k !== '_csrf' && typeof v === 'string')) as Record<string, string>;
}

const nextId = (prefix: string, existing: { id: string }[]) => `${prefix}-${existing.length + 1}`;

/** The back-office of public contracts, under /<commune>/admin/finances/contracts. */
export async function contractsAdminRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.platform;
  const base = '/finances/contracts';

  app.get(base, staff, async (request, reply) => {
    const commune = staffCommune(request);
    const [processes, settings] = await Promise.all([listProcesses(db, commune.id), contractSettings(db, commune.id)]);
    return sendPage(request, reply, (ctx) => <AdminContractListPage ctx={ctx} processes={processes} settings={settings} />);
  });

  app.get(`${base}/new`, staff, async (request, reply) => {
    staffCommune(request);
    return sendPage(request, reply, (ctx) => <NewContractPage ctx={ctx} form={{ values: {}, errors: {} }} />);
  });

  app.post<{ Body: Body }>(`${base}/new`, staff, async (request, reply) => {
    const commune = staffCommune(request);
    const parsed = parseForm(newProcessSchema, request.body);
    if (!parsed.ok) return sendPage(request, reply, (ctx) => <NewContractPage ctx={ctx} form={parsed.form} />, 422);
    const process = await createProcess(db, commune.id, parsed.data.title);
    await audit(request, 'contract_process.created', process.id, { ocid: process.ocid });
    return redirectWithFlash(reply, processUrl(request, process), 'finances.contracts.admin.created');
  });

  app.get(`${base}/settings`, admins, async (request, reply) => {
    const commune = staffCommune(request, 'contracts.configure');
    const settings = await contractSettings(db, commune.id);
    const values = { ocid_prefix: settings.ocid_prefix, ...(settings.prefix_registered ? { registered: 'on' } : {}) };
    return sendPage(request, reply, (ctx) => <SettingsPage ctx={ctx} form={{ values, errors: {} }} />);
  });

  app.post<{ Body: Body }>(`${base}/settings`, admins, async (request, reply) => {
    const commune = staffCommune(request, 'contracts.configure');
    const parsed = parseForm(settingsSchema, request.body);
    if (!parsed.ok) return sendPage(request, reply, (ctx) => <SettingsPage ctx={ctx} form={parsed.form} />, 422);
    await saveContractSettings(db, commune.id, parsed.data.ocid_prefix, parsed.data.registered);
    await audit(request, 'contract_settings.updated', commune.id, { ocid_prefix: parsed.data.ocid_prefix, registered: parsed.data.registered });
    return redirectWithFlash(reply, `/${commune.slug}/admin${base}`, 'finances.contracts.admin.saved');
  });

  app.get<ProcessParams>(`${base}/:pid`, staff, async (request, reply) => showProcess(request, reply, (await staffProcess(request)).process));

  registerStage(app, {
    form: 'planning',
    stage: 'planning',
    schema: planningSchema,
    patch: async (data, _process, request) => {
      const lines = await budgetLineChoices(db, request.commune!.id);
      const planning = planningStage(data, (year, key) => lines.find((l) => l.year === year && l.lineKey === key)?.label ?? null);
      return planning ? { planning } : { error: ['budget_line', 'core.form.invalid'] };
    },
  });
  registerStage(app, { form: 'tender', stage: 'tender', schema: tenderSchema, patch: async (data, process) => ({ tender: tenderStage(data, process.tender?.documents ?? []), title: data.title }) });
  registerStage(app, { form: 'award', stage: 'award', schema: awardSchema, patch: async (data) => ({ award: awardStage(data) }) });
  registerStage(app, { form: 'contract', stage: 'contract', schema: contractSchema, patch: async (data, process) => ({ contract: contractStage(data, process.contract) }) });
  registerStage(app, {
    form: 'amendments',
    stage: 'contract',
    schema: amendmentSchema,
    amendment: true,
    patch: async (data, process) => {
      if (!process.contract) return { error: ['amendment_date', 'finances.contracts.form.contract_first'] };
      const amendment = { id: nextId('amendment', process.contract.amendments), date: data.amendment_date, description: data.amendment_description, newAmount: data.new_amount };
      return { contract: { ...process.contract, amendments: [...process.contract.amendments, amendment] } };
    },
  });
  registerStage(app, {
    form: 'payments',
    stage: 'implementation',
    schema: paymentSchema,
    patch: async (data, process) => {
      if (!process.contract) return { error: ['payment_date', 'finances.contracts.form.contract_first'] };
      const payments = process.implementation?.payments ?? [];
      return { implementation: { payments: [...payments, { id: nextId('payment', payments), date: data.payment_date, amount: data.payment_amount }] } };
    },
  });
}
