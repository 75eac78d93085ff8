import { type FetchLike, type ProviderClient, ProviderError, type SendRequest, type SendResult, asRecord, callProvider, formBody, unreadable } from './client.js';

export interface OrangeSmsConfig {
  clientId: string;
  clientSecret: string;
  /** The developer number the bundle is attached to, E.164 (`+221…`); Orange calls it the sender address. */
  senderAddress: string;
  /** A sender name approved by the local Orange team; without it recipients see the number. */
  senderName?: string;
  fetch?: FetchLike;
  /** Clock for the token cache (tests pass a fake). */
  now?: () => number;
}

const tokenUrl = 'https://api.orange.com/oauth/v3/token';
const sendUrl = (sender: string) => `https://api.orange.com/smsmessaging/v1/outbound/${encodeURIComponent(`tel:${sender}`)}/requests`;
/** Renew a minute early so a token never expires between the check and Orange reading it. */
const expiryMarginMs = 60_000;

/** Orange "SMS Africa and Middle East": OAuth2 client credentials, then a JSON POST per message. */
export class OrangeSmsClient implements ProviderClient {
  readonly provider = 'orange' as const;
  private token: { value: string; expiresAt: number } | null = null;
  constructor(private readonly config: OrangeSmsConfig) {}

  private get fetchFn(): FetchLike {
    return this.config.fetch ?? globalThis.fetch;
  }

  private now(): number {
    return (this.config.now ?? Date.now)();
  }

  /** The cached token, or a new one when missing or about to expire (Orange tokens last 3600 s). */
  async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt - expiryMarginMs > this.now()) return this.token.value;
    const basic = Buffer.from(`${this.config.clientId}:${this.config.clientSecret}`).toString('base64');
    const { json } = await callProvider(this.provider, this.fetchFn, tokenUrl, {
      method: 'POST',
      headers: { Authorization: `Basic ${basic}`, Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: formBody({ grant_type: 'client_credentials' }),
    });
    const record = asRecord(json);
    if (typeof record.access_token !== 'string') throw unreadable(this.provider, 'no access_token');
    const lifetimeSeconds = Number(record.expires_in) > 0 ? Number(record.expires_in) : 3600;
    this.token = { value: record.access_token, expiresAt: this.now() + lifetimeSeconds * 1000 };
    return this.token.value;
  }

  async send(message: SendRequest): Promise<SendResult> {
    try {
      return await this.sendWith(await this.accessToken(), message);
    } catch (error) {
      // A token revoked before its announced expiry: fetch a fresh one once.
      if (!(error instanceof ProviderError) || error.details.httpStatus !== 401) throw error;
      this.token = null;
      return this.sendWith(await this.accessToken(), message);
    }
  }

  private async sendWith(token: string, message: SendRequest): Promise<SendResult> {
    const request = {
      address: `tel:${message.to}`,
      senderAddress: `tel:${this.config.senderAddress}`,
      ...(this.config.senderName ? { senderName: this.config.senderName } : {}),
      outboundSMSTextMessage: { message: message.body },
    };
    const { json } = await callProvider(this.provider, this.fetchFn, sendUrl(this.config.senderAddress), {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify({ outboundSMSMessageRequest: request }),
    });
    const resourceUrl = asRecord(asRecord(json).outboundSMSMessageRequest).resourceURL;
    // The request id is the last path segment of the resource URL Orange returns.
    const externalId = typeof resourceUrl === 'string' ? resourceUrl.split('/').filter(Boolean).pop() : undefined;
    if (!externalId) throw unreadable(this.provider, 'no resourceURL');
    return { externalId, status: 'queued' };
  }
}
