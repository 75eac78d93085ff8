import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../platform/http/errors.js';
import { sendPage } from '../../../platform/http/render.js';
import { registerGuideStyle } from './assets.js';
import { GuideListPage, GuidePage, type GuideReading } from './public-views.js';
import { guideBySlug, guideVersions, publishedGuides, publishedVersion } from './queries.js';

const everyone = { config: { access: 'public' as const } };
type SlugParams = { Params: { slug: string } };

/** A published version of a guide (the latest unless a number is asked); drafts are never shown. */
async function readGuide(request: FastifyRequest, slug: string, version?: number): Promise<GuideReading> {
  const { db } = request.server.platform;
  const guide = /^[a-z0-9-]{1,80}$/.test(slug) ? await guideBySlug(db, slug) : undefined;
  const chosen = guide ? await publishedVersion(db, guide.id, version) : undefined;
  if (!guide || !chosen) throw new AppError('NOT_FOUND');
  const versions = await guideVersions(db, guide.id);
  return { slug, version: chosen.version, publishedAt: chosen.published_at, snapshot: chosen.snapshot, latest: versions[0]!.version, versions };
}

const showGuide = async (request: FastifyRequest, reply: FastifyReply, reading: GuideReading) => sendPage(request, reply, (ctx) => <GuidePage ctx={ctx} reading={reading} />);

/** The network's guides, open to everyone and printable. */
export function guideNetworkRoutes(app: FastifyInstance): void {
  registerGuideStyle(app);
  app.get('/network/guides', everyone, async (request, reply) => {
    const guides = await publishedGuides(app.platform.db);
    return sendPage(request, reply, (ctx) => <GuideListPage ctx={ctx} guides={guides} />);
  });
  app.get<SlugParams>('/network/guides/:slug', everyone, async (request, reply) => showGuide(request, reply, await readGuide(request, request.params.slug)));
  app.get<SlugParams & { Params: { n: string } }>('/network/guides/:slug/versions/:n', everyone, async (request, reply) => {
    const n = /^\d{1,6}$/.test(request.params.n) ? Number(request.params.n) : Number.NaN;
    if (!Number.isInteger(n) || n < 1) throw new AppError('NOT_FOUND');
    return showGuide(request, reply, await readGuide(request, request.params.slug, n));
  });
}
