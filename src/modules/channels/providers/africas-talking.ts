import { type FetchLike, type ProviderClient, ProviderError, type SendRequest, type SendResult, asRecord, callProvider, formBody, unreadable } from './client.js';

export interface AfricasTalkingConfig {
  username: string;
  apiKey: string;
  /** Approved sender id or short code; omitted, AT uses the account's shared default. */
  from?: string;
  /** The sandbox only reaches AT's simulator. */
  sandbox?: boolean;
  fetch?: FetchLike;
}

const endpoints = {
  live: 'https://api.africastalking.com/version1/messaging',
  sandbox: 'https://api.sandbox.africastalking.com/version1/messaging',
};

/** AT's per-recipient status codes: 100 processed, 101 sent, 102 queued; 5xx codes are AT-side and worth a retry. */
const acceptedCodes: Record<number, SendResult['status']> = { 100: 'queued', 101: 'sent', 102: 'queued' };

/** Africa's Talking bulk SMS: a form POST with the `apiKey` header, one recipient per call. */
export class AfricasTalkingSmsClient implements ProviderClient {
  readonly provider = 'africastalking' as const;
  constructor(private readonly config: AfricasTalkingConfig) {}

  async send(message: SendRequest): Promise<SendResult> {
    const { json } = await callProvider(this.provider, this.config.fetch ?? globalThis.fetch, this.config.sandbox ? endpoints.sandbox : endpoints.live, {
      method: 'POST',
      headers: { apiKey: this.config.apiKey, Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: formBody({ username: this.config.username, to: message.to, message: message.body, from: this.config.from }),
    });
    return readRecipient(asRecord(asRecord(json).SMSMessageData));
  }
}

function readRecipient(data: Record<string, unknown>): SendResult {
  const recipients = Array.isArray(data.Recipients) ? data.Recipients : [];
  const recipient = asRecord(recipients[0]);
  const statusCode = Number(recipient.statusCode);
  const status = String(recipient.status ?? '');
  if (recipients.length === 0) throw new ProviderError('africastalking', `no recipient accepted: ${String(data.Message ?? '')}`, false);
  const accepted = acceptedCodes[statusCode];
  if (!accepted) throw new ProviderError('africastalking', `rejected: ${status} (${statusCode})`, statusCode >= 500, { code: String(statusCode) });
  if (typeof recipient.messageId !== 'string' || !recipient.messageId) throw unreadable('africastalking', 'no messageId');
  return {
    externalId: recipient.messageId,
    status: accepted,
    ...(typeof recipient.cost === 'string' ? { cost: recipient.cost } : {}),
    ...(Number(recipient.messageParts) > 0 ? { segments: Number(recipient.messageParts) } : {}),
  };
}
