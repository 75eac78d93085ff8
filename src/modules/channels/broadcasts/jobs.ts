import { z } from 'zod';
import { recordAudit } from '../../../platform/audit/audit.js';
import type { PlatformServices } from '../../../platform/http/context.js';
import type { QueueHandler } from '../../../platform/queue/job-queue.js';
import { isOptedOut } from '../audience/opt-outs.js';
import { scopedChannels } from '../db/tables.js';
import { broadcastJobName, broadcastPace, type Recipient } from './broadcasts.js';

export const broadcastBatchJobName = 'channels.broadcast.batch';

const startJob = z.object({ broadcastId: z.uuid(), communeId: z.uuid() });
const batchJob = startJob.extend({ batch: z.number().int().min(0), recipients: z.array(z.object({ phone: z.string(), channel: z.enum(['sms', 'whatsapp']) })) });

/** Marks the broadcast sent once no recipient is pending; the status guard makes the audit entry happen once. */
async function finishIfDone(services: PlatformServices, communeId: string, broadcastId: string): Promise<void> {
  const scoped = scopedChannels(services.db, communeId);
  const pending = await scoped.selectFrom('channel_broadcast_recipients').select('phone').where('broadcast_id', '=', broadcastId).where('status', '=', 'pending').executeTakeFirst();
  if (pending) return;
  const finished = await scoped.updateTable('channel_broadcasts').set({ status: 'sent', sent_at: new Date() }).where('id', '=', broadcastId).where('status', '=', 'sending').returning(['created_by', 'recipients']).executeTakeFirst();
  if (!finished) return;
  const counts = await scoped.selectFrom('channel_broadcast_recipients').select(['status', (eb) => eb.fn.countAll<string>().as('count')]).where('broadcast_id', '=', broadcastId).groupBy('status').execute();
  const details = Object.fromEntries(counts.map((c) => [c.status, Number(c.count)]));
  await recordAudit(services.db, { communeId, actorUserId: finished.created_by, action: 'channels.broadcast.sent', resourceType: 'channel_broadcast', resourceId: broadcastId, details });
}

/** `channels.broadcast`: cuts the recipients into paced batches, a few per second, so that providers are not flooded. */
export const broadcastStartHandler: QueueHandler<PlatformServices> = {
  name: broadcastJobName,
  async handle(services, data) {
    const { broadcastId, communeId } = startJob.parse(data);
    const pending: Recipient[] = await scopedChannels(services.db, communeId)
      .selectFrom('channel_broadcast_recipients')
      .select(['phone', 'channel'])
      .where('broadcast_id', '=', broadcastId)
      .where('status', '=', 'pending')
      .orderBy('phone')
      .orderBy('channel')
      .execute();
    const start = Date.now();
    for (let batch = 0; batch * broadcastPace.perBatch < pending.length; batch += 1) {
      const recipients = pending.slice(batch * broadcastPace.perBatch, (batch + 1) * broadcastPace.perBatch);
      const startAfter = new Date(start + batch * broadcastPace.secondsBetween * 1000);
      // The key makes a re-run of this job (delivery is at least once) queue no batch twice.
      await services.queue.enqueue(broadcastBatchJobName, { broadcastId, communeId, batch, recipients }, { startAfter, singletonKey: `${broadcastId}:${batch}` });
    }
    await finishIfDone(services, communeId, broadcastId);
  },
  summarize: (data): Record<string, string> => {
    const parsed = startJob.safeParse(data);
    return parsed.success ? { broadcast: parsed.data.broadcastId } : {};
  },
};

/**
 * `channels.broadcast.batch`: one message per recipient still pending, with purpose `channels.broadcast.<id>` (not a
 * reply: STOP and the monthly cap apply). A phone that sent STOP since the broadcast started is skipped.
 */
export const broadcastBatchHandler: QueueHandler<PlatformServices> = {
  name: broadcastBatchJobName,
  async handle(services, data) {
    const { broadcastId, communeId, recipients } = batchJob.parse(data);
    const scoped = scopedChannels(services.db, communeId);
    const broadcast = await scoped.selectFrom('channel_broadcasts').select('body').where('id', '=', broadcastId).executeTakeFirst();
    if (!broadcast) return;
    for (const recipient of recipients) {
      const row = scoped.updateTable('channel_broadcast_recipients').where('broadcast_id', '=', broadcastId).where('phone', '=', recipient.phone).where('channel', '=', recipient.channel).where('status', '=', 'pending');
      if (await isOptedOut(services.db, communeId, recipient.phone)) {
        await row.set({ status: 'suppressed', updated_at: new Date() }).execute();
        continue;
      }
      // Claimed before sending, so that a batch run twice sends nothing twice; released if the message could not be queued.
      const claimed = await row.set({ status: 'sent', updated_at: new Date() }).returning('phone').executeTakeFirst();
      if (!claimed) continue;
      try {
        await services.messageSender.send({ channel: recipient.channel, recipient: recipient.phone, body: broadcast.body, purpose: `channels.broadcast.${broadcastId}`, communeId });
      } catch (error) {
        await scoped.updateTable('channel_broadcast_recipients').set({ status: 'pending' }).where('broadcast_id', '=', broadcastId).where('phone', '=', recipient.phone).where('channel', '=', recipient.channel).execute();
        throw error;
      }
    }
    await finishIfDone(services, communeId, broadcastId);
  },
  summarize: (data): Record<string, string> => {
    const parsed = batchJob.safeParse(data);
    return parsed.success ? { broadcast: parsed.data.broadcastId, batch: String(parsed.data.batch), recipients: String(parsed.data.recipients.length) } : {};
  },
};
