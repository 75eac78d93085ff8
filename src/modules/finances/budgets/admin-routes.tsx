import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Commune } from '../../../platform/db/platform-tables.js';
import { toCsv } from '../../../platform/http/csv.js';
import { AppError } from '../../../platform/http/errors.js';
import type { FormState } from '../../../platform/http/forms.js';
import { sendPage } from '../../../platform/http/render.js';
import { staffOnly } from '../../../platform/permissions/route-access.js';
import { readMultipartForm } from '../../../platform/storage/uploads.js';
import { type BudgetImportRow, type BudgetPhase, budgetPhases } from '../db/tables.js';
import { financesPolicy } from '../permissions.js';
import { BudgetsAdminPage, ImportPage } from './admin-views.js';
import { applyImport, checkImport, storeBudgetFile } from './commands.js';
import { budgetTemplateCsv, demoBudgetCsv } from './demo-budget.js';
import { budgetFields, type Mapping, missingRequired } from './fields.js';
import { problemKeys } from './labels.js';
import { isCofogCode } from './cofog.js';
import { functionMappings, saveCrosswalk } from './crosswalk.js';
import { CrosswalkPage } from './crosswalk-views.js';
import { findImport, loadedPhases, recentImports } from './queries.js';
import { redirectWithFlash } from '../../../platform/http/render.js';
import { BudgetFileProblem } from './read-file.js';

const staff = { config: { access: staffOnly } };
type ImportParams = { Params: { id: string } };

function financeCommune(request: FastifyRequest): Commune {
  if (!request.commune) throw new AppError('COMMUNE_NOT_FOUND');
  financesPolicy.authorize(request.actor, 'finances.budget.manage', { communeId: request.commune.id });
  return request.commune;
}

const actorOf = (request: FastifyRequest, commune: Commune) => ({ communeId: commune.id, actorId: request.actor.user?.id ?? null });

async function showBudgets(request: FastifyRequest, reply: FastifyReply, form: FormState = { values: {}, errors: {} }, status = 200) {
  const commune = financeCommune(request);
  const { db } = request.server.platform;
  const [phases, imports] = await Promise.all([loadedPhases(db, commune.id), recentImports(db, commune.id)]);
  return sendPage(request, reply, (ctx) => <BudgetsAdminPage ctx={ctx} props={{ phases, imports, form }} />, status);
}

/** The mapping as posted: each field's column among the file's headers, or none; a column used once. */
function postedMapping(body: Record<string, unknown>, header: string[]): { mapping: Mapping; errors: Record<string, string> } {
  const mapping: Mapping = {};
  const errors: Record<string, string> = {};
  const used = new Set<string>();
  for (const field of budgetFields) {
    const value = body[`map_${field.id}`];
    if (typeof value !== 'string' || value === '' || !header.includes(value)) continue;
    if (used.has(value)) errors[`map_${field.id}`] = 'finances.budgets.mapping_twice';
    used.add(value);
    mapping[field.id] = value;
  }
  for (const field of missingRequired(mapping)) errors[`map_${field}`] = 'finances.budgets.mapping_required';
  return { mapping, errors };
}

async function showImport(request: FastifyRequest, reply: FastifyReply, row: BudgetImportRow, mapping: Mapping, form: FormState = { values: {}, errors: {} }, status = 200) {
  const checked = await checkImport(request.server.platform, row, mapping);
  const props = { row, header: checked.header, preview: checked.preview, mapping, ready: checked.lines.length, errors: checked.errors, form };
  return sendPage(request, reply, (ctx) => <ImportPage ctx={ctx} props={props} />, status);
}

async function ownImport(request: FastifyRequest<ImportParams>) {
  const commune = financeCommune(request);
  const row = await findImport(request.server.platform.db, commune.id, request.params.id);
  if (!row) throw new AppError('NOT_FOUND');
  return { commune, row };
}

/** The posted crosswalk, function code → COFOG code ('' = none); undefined when a code is not COFOG's. */
function postedCrosswalk(body: Record<string, unknown>): Map<string, string> | undefined {
  const chosen = new Map<string, string>();
  for (let index = 0; typeof body[`code_${index}`] === 'string'; index++) {
    const cofog = typeof body[`cofog_${index}`] === 'string' ? (body[`cofog_${index}`] as string) : '';
    if (cofog !== '' && !isCofogCode(cofog)) return undefined;
    chosen.set(body[`code_${index}`] as string, cofog);
  }
  return chosen;
}

const csvFile = (reply: FastifyReply, filename: string, content: Buffer) =>
  reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`).send(content);

/** Staff load a year's budget, phase by phase, from the spreadsheet they keep. */
export function budgetAdminRoutes(app: FastifyInstance): void {
  app.get('/finances/budgets', staff, (request, reply) => showBudgets(request, reply));

  app.get('/finances/budgets/template.csv', staff, async (request, reply) => {
    financeCommune(request);
    return csvFile(reply, 'modele-budget.csv', budgetTemplateCsv());
  });

  app.get('/finances/budgets/example.csv', staff, async (request, reply) => {
    financeCommune(request);
    return reply.type('text/csv; charset=windows-1252').header('content-disposition', 'attachment; filename="exemple-budget-primitif.csv"').send(demoBudgetCsv(2026, 'adopted'));
  });

  app.post('/finances/budgets/imports', staff, async (request, reply) => {
    const commune = financeCommune(request);
    const form = await readMultipartForm(request, { keepTextOnOversize: true });
    const values = { year: form.fields.year ?? '', phase: form.fields.phase ?? '' };
    const year = Number(values.year);
    const file = form.files.file;
    const fileError = form.oversized?.includes('file') ? 'finances.budgets.file_too_large' : !file ? 'finances.budgets.file_required' : undefined;
    const errors: Record<string, string> = {};
    if (!Number.isInteger(year) || year < 1990 || year > 2100) errors.year = 'core.form.invalid';
    if (!budgetPhases.includes(values.phase as BudgetPhase)) errors.phase = 'core.form.invalid';
    if (fileError) errors.file = fileError;
    if (Object.keys(errors).length > 0 || !file) return showBudgets(request, reply, { values, errors }, 422);
    try {
      const row = await storeBudgetFile(app.platform, actorOf(request, commune), { year, phase: values.phase as BudgetPhase, filename: file.filename, content: file.content });
      return reply.redirect(`/${commune.slug}/admin/finances/budgets/imports/${row.id}`, 303);
    } catch (error) {
      if (!(error instanceof BudgetFileProblem)) throw error;
      return showBudgets(request, reply, { values, errors: { file: problemKeys[error.problem]! } }, 422);
    }
  });

  app.get<ImportParams>('/finances/budgets/imports/:id', staff, async (request, reply) => {
    const { row } = await ownImport(request);
    return showImport(request, reply, row, row.mapping);
  });

  app.post<ImportParams>('/finances/budgets/imports/:id', staff, async (request, reply) => {
    const { commune, row } = await ownImport(request);
    const self = `/${commune.slug}/admin/finances/budgets/imports/${row.id}`;
    // A replayed or second submission never applies an import twice.
    if (row.state !== 'mapping') return reply.redirect(self, 303);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const { header } = await checkImport(app.platform, row, row.mapping);
    const { mapping, errors } = postedMapping(body, header);
    const typed = Object.fromEntries(Object.entries(body).filter(([key, value]) => key.startsWith('map_') && typeof value === 'string')) as Record<string, string>;
    if (Object.keys(errors).length > 0) return showImport(request, reply, row, mapping, { values: typed, errors }, 422);
    if (body.action !== 'apply') return showImport(request, reply, row, mapping, { values: typed, errors: {} });
    const { errors: refused } = await checkImport(app.platform, row, mapping);
    if (refused.length > 0 && body.confirm !== '1') return showImport(request, reply, row, mapping, { values: typed, errors: { confirm: 'finances.budgets.confirm_required' } }, 422);
    await applyImport(app.platform, actorOf(request, commune), row, mapping);
    return reply.redirect(self, 303);
  });

  app.get('/finances/budgets/cofog', staff, async (request, reply) => {
    const commune = financeCommune(request);
    const mappings = await functionMappings(app.platform.db, commune.id);
    return sendPage(request, reply, (ctx) => <CrosswalkPage ctx={ctx} mappings={mappings} errors={{}} />);
  });

  app.post('/finances/budgets/cofog', staff, async (request, reply) => {
    const commune = financeCommune(request);
    const chosen = postedCrosswalk((request.body ?? {}) as Record<string, unknown>);
    if (!chosen) {
      const mappings = await functionMappings(app.platform.db, commune.id);
      return sendPage(request, reply, (ctx) => <CrosswalkPage ctx={ctx} mappings={mappings} errors={{ cofog: 'finances.budgets.cofog_invalid' }} />, 422);
    }
    const changed = await saveCrosswalk(app.platform.db, actorOf(request, commune), chosen);
    return redirectWithFlash(reply, `/${commune.slug}/admin/finances/budgets/cofog`, changed > 0 ? 'finances.budgets.cofog_saved' : 'finances.budgets.cofog_unchanged');
  });

  app.get<ImportParams>('/finances/budgets/imports/:id/errors.csv', staff, async (request, reply) => {
    const { row } = await ownImport(request);
    const header = [request.t('finances.budgets.line'), request.t('finances.budgets.column'), request.t('finances.budgets.problem')];
    const rows = row.errors.map((error) => [error.line, error.column ?? '', request.t(problemKeys[error.message] ?? 'finances.budgets.file_unreadable')]);
    return csvFile(reply, `budget-${row.year}-${row.phase}-refused.csv`, Buffer.from(toCsv([header, ...rows], { bom: true })));
  });
}
