import { randomUUID } from 'node:crypto';
import type { MessageSender, OutgoingMessage } from '../messaging/message-sender.js';
import type { EnqueueOptions, JobQueue, QueueHandler } from './job-queue.js';
import { maskPhone } from './mask.js';

export const messageJobName = 'messages.send';

// A provider that is down for a while (minutes) should not lose the message: five retries, 30 s doubling up to 8 min.
const messageRetries: EnqueueOptions = { retryLimit: 5, retryDelaySeconds: 30, retryBackoff: true };

/** Sends through the queue: the request does not wait for a provider, and a failure is retried, then kept as a dead letter. */
export class QueuedMessageSender implements MessageSender {
  constructor(private readonly queue: Pick<JobQueue<never>, 'enqueue'>) {}

  async send(message: OutgoingMessage): Promise<void> {
    // A message someone waits for on screen runs its first attempt now; its retries still go through a worker.
    // The id lets a delivery recognise its own earlier attempts (one delivery record per message, not per attempt).
    await this.queue.enqueue(messageJobName, { ...message, id: message.id ?? randomUUID() }, { ...messageRetries, urgent: !!message.awaited });
  }
}

function isOutgoingMessage(data: unknown): data is OutgoingMessage {
  const message = data as Partial<OutgoingMessage> | null;
  return typeof message?.recipient === 'string' && typeof message.body === 'string' && typeof message.channel === 'string';
}

/** Delivers one queued message; throwing makes the queue try again later. */
export type MessageDelivery<Services> = (services: Services, message: OutgoingMessage) => Promise<void>;

/**
 * The `messages.send` job: hands the message to the delivery — a plain sender (the outbox, a test's sender) or a
 * module's delivery, which also receives the services (the channels module's SMS and WhatsApp providers).
 */
export function messageDeliveryHandler<Services = unknown>(delivery: MessageSender | MessageDelivery<Services>): QueueHandler<Services> {
  const deliver: MessageDelivery<Services> = typeof delivery === 'function' ? delivery : (_services, message) => delivery.send(message);
  return {
    name: messageJobName,
    async handle(services, data) {
      if (!isOutgoingMessage(data)) throw new Error('not an outgoing message');
      await deliver(services, data);
    },
    // Never the body (a one-time code, a name): the channel, the purpose and a masked recipient.
    summarize(data): Record<string, string> {
      if (!isOutgoingMessage(data)) return {};
      const recipient = data.recipient.includes('@') ? '•••@•••' : maskPhone(data.recipient);
      return { channel: data.channel, purpose: String(data.purpose), recipient };
    },
  };
}
