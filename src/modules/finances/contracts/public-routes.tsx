import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { publicBaseUrl } from '../../../platform/config/config.js';
import { AppError } from '../../../platform/http/errors.js';
import { sendPage } from '../../../platform/http/render.js';
import { communeInfo, compiledReleaseOf, contractSettings, findProcess, findProcessByOcid, listProcesses, releasesOf, type StoredRelease } from './store.js';
import { type JsonObject } from './merge.js';
import { type PackageMeta, recordPackage, releasePackage } from './ocds.js';
import { processStatuses, statusOf } from './labels.js';
import { ContractListPage, ContractPage, type ContractFilters } from './public-views.js';
import { procurementMethods } from './tables.js';

const everyone = { config: { access: 'public' as const } };

function currentCommune(request: FastifyRequest) {
  if (!request.commune) throw new AppError('COMMUNE_NOT_FOUND');
  return request.commune;
}

/** Only known values filter; anything else shows the whole list rather than an error. */
function filtersFrom(query: Record<string, string | undefined>): ContractFilters {
  const status = processStatuses.find((s) => s === query.status);
  const method = procurementMethods.find((m) => m === query.method);
  return { ...(status ? { status } : {}), ...(method ? { method } : {}) };
}

function packageMeta(request: FastifyRequest, path: string, releases: StoredRelease[]): PackageMeta {
  const commune = currentCommune(request);
  const base = `${publicBaseUrl(request.server.platform.config)}/${commune.slug}/finances/contracts`;
  // Generated on demand, so dated by the last change to what it contains.
  const latest = releases.map((r) => String(r.release.date)).sort().at(-1) ?? new Date().toISOString();
  return { uri: `${base}/ocds/${path}`, publisherName: communeInfo(commune).name, publicationPolicy: `${base}#publication-policy`, publishedDate: latest };
}

const sendJson = (reply: FastifyReply, body: JsonObject) => reply.type('application/json; charset=utf-8').header('cache-control', 'no-cache').send(JSON.stringify(body));

function byProcess(releases: StoredRelease[]): Map<string, StoredRelease[]> {
  const groups = new Map<string, StoredRelease[]>();
  for (const release of releases) groups.set(release.ocid, [...(groups.get(release.ocid) ?? []), release]);
  return groups;
}

/** A record package of the given processes' releases; OCDS wants at least one record, so none is a 404. */
function sendRecords(request: FastifyRequest, reply: FastifyReply, path: string, releases: StoredRelease[]) {
  if (releases.length === 0) throw new AppError('NOT_FOUND');
  const meta = packageMeta(request, path, releases);
  const records = [...byProcess(releases)].map(([ocid, own]) => ({ ocid, releases: own.map((r) => r.release), compiledRelease: compiledReleaseOf(own) }));
  return sendJson(reply, recordPackage(meta, meta.uri.replace(/[^/]+$/, 'releases.json'), records));
}

/** Public contracts under /<commune>/finances/contracts: the list, each process, and the OCDS files. */
export async function contractsPublicRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.platform;

  app.get<{ Querystring: Record<string, string | undefined> }>('/finances/contracts', everyone, async (request, reply) => {
    const commune = currentCommune(request);
    const filters = filtersFrom(request.query);
    const all = await listProcesses(db, commune.id);
    const processes = all.filter((p) => (!filters.status || statusOf(p) === filters.status) && (!filters.method || p.tender?.method === filters.method));
    const settings = await contractSettings(db, commune.id);
    return sendPage(request, reply, (ctx) => <ContractListPage ctx={ctx} processes={processes} filters={filters} settings={settings} />);
  });

  app.get<{ Params: { pid: string } }>('/finances/contracts/:pid', everyone, async (request, reply) => {
    const commune = currentCommune(request);
    const process = await findProcess(db, commune.id, request.params.pid);
    if (!process) throw new AppError('NOT_FOUND');
    const settings = await contractSettings(db, commune.id);
    return sendPage(request, reply, (ctx) => <ContractPage ctx={ctx} process={process} settings={settings} />);
  });

  app.get('/finances/contracts/ocds/releases.json', everyone, async (request, reply) => {
    const releases = await releasesOf(db, currentCommune(request).id);
    if (releases.length === 0) throw new AppError('NOT_FOUND');
    return sendJson(reply, releasePackage(packageMeta(request, 'releases.json', releases), releases.map((r) => r.release)));
  });

  app.get('/finances/contracts/ocds/records.json', everyone, async (request, reply) =>
    sendRecords(request, reply, 'records.json', await releasesOf(db, currentCommune(request).id)));

  app.get<{ Params: { file: string } }>('/finances/contracts/ocds/:file', everyone, async (request, reply) => {
    const commune = currentCommune(request);
    const ocid = /^(.+)\.json$/.exec(request.params.file)?.[1];
    const process = ocid ? await findProcessByOcid(db, commune.id, ocid) : undefined;
    if (!process) throw new AppError('NOT_FOUND');
    return sendRecords(request, reply, request.params.file, await releasesOf(db, commune.id, process.id));
  });
}
