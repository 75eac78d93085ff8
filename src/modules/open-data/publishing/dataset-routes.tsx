import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Commune } from '../../../platform/db/platform-tables.js';
import { AppError } from '../../../platform/http/errors.js';
import { type FormState, parseForm } from '../../../platform/http/forms.js';
import { redirectWithFlash, sendPage } from '../../../platform/http/render.js';
import { locales, pickLocalized } from '../../../platform/i18n/locales.js';
import { datasetStates } from '../db/tables.js';
import { defaultLicenceId } from '../licences.js';
import { changeState, createDataset, updateDataset } from './commands.js';
import { datasetFields, datasetFormValues, datasetSchema, slugOf, themesTyped } from './form.js';
import { datasetsOf, nameTaken, revisionsOf } from './queries.js';
import { actorIdOf, audit, communeOf, type DatasetParams, ownDataset, showDatasetPage, staff } from './route-support.js';
import { DatasetListPage } from './views/dataset-views.js';
import { DatasetFormPage } from './views/form-views.js';
import { HistoryPage } from './views/history-views.js';

type Body = Record<string, unknown>;
const stateSchema = z.object({ state: z.enum(datasetStates) });

function showForm(request: FastifyRequest, reply: FastifyReply, form: FormState, themes: string[], datasetId?: string, status = 200) {
  return sendPage(request, reply, (ctx) => <DatasetFormPage ctx={ctx} props={{ form, themes, datasetId }} />, status);
}

/** An empty name becomes `<commune>-<slug of the French title>`, the suggested default. */
function withDefaultName(commune: Commune, body: unknown): Body {
  const values = { ...((body ?? {}) as Body) };
  const title = typeof values.title_fr === 'string' ? values.title_fr : '';
  if ((typeof values.name !== 'string' || values.name.trim() === '') && title.trim()) values.name = `${commune.slug}-${slugOf(title)}`.slice(0, 100).replace(/-+$/, '');
  return values;
}

/** Validates the form and the name's uniqueness; a refusal carries the typed values back to the page. */
async function validDataset(request: FastifyRequest, commune: Commune, exceptId?: string) {
  const body = withDefaultName(commune, request.body);
  const parsed = parseForm(datasetSchema, body);
  if (!parsed.ok) return { refused: { ...parsed.form, values: { ...parsed.form.values } } as FormState, themes: themesTyped(body) };
  if (await nameTaken(request.server.platform.db, parsed.data.name, exceptId)) {
    const { _csrf: _token, themes: _themes, ...values } = body;
    return { refused: { values: values as FormState['values'], errors: { name: 'open-data.publishing.error_name_taken' } }, themes: themesTyped(body) };
  }
  return { fields: datasetFields(parsed.data) };
}

export function registerDatasetRoutes(app: FastifyInstance): void {
  const { db } = app.platform;
  const base = (commune: Commune) => `/${commune.slug}/admin/data`;

  app.get('/data', staff, async (request, reply) => {
    const rows = await datasetsOf(db, communeOf(request).id);
    return sendPage(request, reply, (ctx) => <DatasetListPage ctx={ctx} rows={rows} />);
  });

  app.get('/data/new', staff, async (request, reply) => {
    const commune = communeOf(request);
    const spatial = pickLocalized(commune.name, commune.default_locale, [...locales])?.value ?? commune.slug;
    return showForm(request, reply, { values: { licence_id: defaultLicenceId, frequency: 'UNKNOWN', spatial }, errors: {} }, []);
  });

  app.post('/data', staff, async (request, reply) => {
    const commune = communeOf(request);
    const result = await validDataset(request, commune);
    if (!result.fields) return showForm(request, reply, result.refused, result.themes, undefined, 422);
    const dataset = await createDataset(db, commune.id, actorIdOf(request), result.fields);
    await audit(request, 'dataset.created', { type: 'open_data_dataset', id: dataset.id }, { name: dataset.name });
    return redirectWithFlash(reply, `${base(commune)}/${dataset.id}`, 'open-data.publishing.saved');
  });

  app.get<DatasetParams>('/data/:id', staff, async (request, reply) => {
    const { dataset } = await ownDataset(request, request.params.id);
    return showDatasetPage(request, reply, dataset);
  });

  app.get<DatasetParams>('/data/:id/edit', staff, async (request, reply) => {
    const { dataset } = await ownDataset(request, request.params.id);
    return showForm(request, reply, { values: datasetFormValues(dataset), errors: {} }, dataset.themes, dataset.id);
  });

  app.post<DatasetParams>('/data/:id/edit', staff, async (request, reply) => {
    const { commune, dataset } = await ownDataset(request, request.params.id);
    const result = await validDataset(request, commune, dataset.id);
    if (!result.fields) return showForm(request, reply, result.refused, result.themes, dataset.id, 422);
    const { changed } = await updateDataset(db, dataset, actorIdOf(request), result.fields);
    if (changed.length > 0) await audit(request, 'dataset.updated', { type: 'open_data_dataset', id: dataset.id }, { fields: changed });
    return redirectWithFlash(reply, `${base(commune)}/${dataset.id}`, changed.length > 0 ? 'open-data.publishing.saved' : 'open-data.publishing.unchanged');
  });

  app.post<DatasetParams>('/data/:id/state', staff, async (request, reply) => {
    const { commune, dataset } = await ownDataset(request, request.params.id);
    const parsed = stateSchema.safeParse(request.body);
    if (!parsed.success) throw new AppError('BAD_REQUEST');
    await changeState(db, dataset, actorIdOf(request), parsed.data.state);
    await audit(request, 'dataset.state_changed', { type: 'open_data_dataset', id: dataset.id }, { from: dataset.state, to: parsed.data.state });
    return redirectWithFlash(reply, `${base(commune)}/${dataset.id}`, 'open-data.publishing.state_changed');
  });

  app.get<DatasetParams>('/data/:id/history', staff, async (request, reply) => {
    const { commune, dataset } = await ownDataset(request, request.params.id);
    const revisions = await revisionsOf(db, commune.id, dataset.id);
    return sendPage(request, reply, (ctx) => <HistoryPage ctx={ctx} dataset={dataset} revisions={revisions} />);
  });
}
