import { type FetchLike, type ProviderClient, type SendRequest, type SendResult, asRecord, callProvider, formBody, unreadable } from './client.js';

export interface TwilioConfig {
  accountSid: string;
  /** The auth token (or an API key secret with `apiKeySid`); it also signs Twilio's webhooks. */
  authToken: string;
  apiKeySid?: string;
  /** A Twilio number in E.164, or use `messagingServiceSid` instead. */
  from?: string;
  messagingServiceSid?: string;
  /** Where Twilio posts status callbacks for each message. */
  statusCallbackUrl?: string;
  fetch?: FetchLike;
}

const statusOf = (twilioStatus: unknown): SendResult['status'] => (twilioStatus === 'failed' || twilioStatus === 'undelivered' ? 'failed' : twilioStatus === 'sent' ? 'sent' : 'queued');

/** Twilio Programmable Messaging: a Basic-auth form POST to the account's Messages.json. */
export class TwilioSmsClient implements ProviderClient {
  readonly provider = 'twilio' as const;
  constructor(private readonly config: TwilioConfig) {
    if (!config.from && !config.messagingServiceSid) throw new Error('Twilio needs `from` or `messagingServiceSid`');
  }

  async send(message: SendRequest): Promise<SendResult> {
    const { accountSid, authToken, apiKeySid } = this.config;
    const basic = Buffer.from(`${apiKeySid ?? accountSid}:${authToken}`).toString('base64');
    const url = `https://api.twilio.com/2010-04-01/Accounts/${encodeURIComponent(accountSid)}/Messages.json`;
    const { json } = await callProvider(this.provider, this.config.fetch ?? globalThis.fetch, url, {
      method: 'POST',
      headers: { Authorization: `Basic ${basic}`, Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: formBody({
        To: message.to,
        Body: message.body,
        From: this.config.messagingServiceSid ? undefined : this.config.from,
        MessagingServiceSid: this.config.messagingServiceSid,
        StatusCallback: this.config.statusCallbackUrl,
      }),
    });
    const record = asRecord(json);
    if (typeof record.sid !== 'string') throw unreadable(this.provider, 'no sid');
    const segments = Number(record.num_segments);
    return { externalId: record.sid, status: statusOf(record.status), ...(segments > 0 ? { segments } : {}) };
  }
}
