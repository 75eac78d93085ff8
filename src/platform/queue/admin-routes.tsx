import type { FastifyInstance } from 'fastify';
import { auditAction } from '../administration/admin-support.js';
import { isUuid } from '../db/uuid.js';
import { AppError } from '../http/errors.js';
import { redirectWithFlash, sendPage } from '../http/render.js';
import { type DeadLetterRow, QueuePage } from './admin-views.js';
import type { QueueJob } from './job-queue.js';
import { maskPersonalData, summarizeData } from './mask.js';

const platformAdmin = { config: { access: 'platform-admin' as const } };

/** Registers the platform administrator's queue page (/admin/queue): counts, dead letters, retry. */
export function registerQueueAdminRoutes(app: FastifyInstance): void {
  const { queue } = app.platform;

  const toRow = (job: QueueJob): DeadLetterRow => {
    const summarize = queue.handlerFor(job.name)?.summarize ?? summarizeData;
    return {
      id: job.id,
      name: job.name,
      summary: summarize(job.data),
      attempts: job.attempts,
      lastError: maskPersonalData(job.last_error ?? ''),
      createdAt: job.created_at,
      failedAt: job.updated_at,
    };
  };

  app.get('/admin/queue', platformAdmin, async (request, reply) => {
    const [counts, jobs] = await Promise.all([queue.counts(), queue.deadLetters()]);
    return sendPage(request, reply, (ctx) => <QueuePage ctx={ctx} counts={counts} rows={jobs.map(toRow)} />);
  });

  app.post('/admin/queue/:id/retry', platformAdmin, async (request, reply) => {
    const { id } = request.params as { id: string };
    if (!isUuid(id)) throw new AppError('NOT_FOUND');
    const job = await app.platform.db.selectFrom('queue_jobs').select(['id', 'name']).where('id', '=', id).where('state', '=', 'failed').executeTakeFirst();
    if (!job) throw new AppError('NOT_FOUND');
    // Audited before the retry: in inline mode the retry runs the job at once.
    await auditAction(request, { communeId: null, action: 'queue.retried', resourceType: 'queue_job', resourceId: job.id, details: { name: job.name } });
    await queue.retry(job.id);
    return redirectWithFlash(reply, '/admin/queue', 'administration.queue.retried');
  });
}
