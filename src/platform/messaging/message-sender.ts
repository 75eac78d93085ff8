import type { Kysely } from 'kysely';
import type { PlatformTables } from '../db/platform-tables.js';

export interface OutgoingMessage {
  channel: 'sms' | 'email' | 'whatsapp';
  recipient: string;
  body: string;
  /** Why it is sent, e.g. "otp"; lets the outbox and later the cost reports group messages. */
  purpose: string;
  communeId?: string | null;
  /** A person waits for it on screen (a sign-in code): delivery must not wait for a worker. */
  awaited?: boolean;
  /** Set by the queue when the message is queued: every attempt (retry) of one message carries the same id. */
  id?: string;
}

/** Sends a message to a person; real SMS and WhatsApp providers implement it in the channels module. */
export interface MessageSender {
  send(message: OutgoingMessage): Promise<void>;
}

/** Stores messages instead of sending them: the demo and tests read them back from the outbox. */
export class OutboxMessageSender implements MessageSender {
  constructor(private readonly db: Kysely<PlatformTables>) {}

  async send(message: OutgoingMessage): Promise<void> {
    await this.db
      .insertInto('outbox_messages')
      .values({
        channel: message.channel,
        recipient: message.recipient,
        body: message.body,
        purpose: message.purpose,
        commune_id: message.communeId ?? null,
      })
      .execute();
  }
}
