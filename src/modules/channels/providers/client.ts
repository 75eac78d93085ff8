/** What every SMS or WhatsApp provider client offers, and the shared HTTP plumbing (injectable fetch, typed errors). */

export type ProviderName = 'africastalking' | 'orange' | 'twilio' | 'whatsapp';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface SendRequest {
  /** Recipient in E.164 (`+221771234567`). */
  to: string;
  body: string;
}

/** Where the provider says the message is right after the send call. */
export type SendStatus = 'queued' | 'sent' | 'failed';

export interface SendResult {
  /** The provider's id for the message: delivery receipts refer to it. */
  externalId: string;
  status: SendStatus;
  /** Parts billed, when the provider reports it. */
  segments?: number;
  /** The provider's cost text as given (e.g. "XOF 25.0000"), when it reports one. */
  cost?: string;
}

export interface ProviderClient {
  readonly provider: ProviderName;
  send(message: SendRequest): Promise<SendResult>;
}

/**
 * A send that did not go through. `retryable` tells the queue whether trying again can help: network failures,
 * 429 and 5xx can; 4xx (bad number, bad credentials, no credit) cannot.
 */
export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  constructor(
    readonly provider: ProviderName,
    message: string,
    readonly retryable: boolean,
    readonly details: { httpStatus?: number; code?: string } = {},
  ) {
    super(`${provider}: ${message}`);
  }
}

export const isRetryableStatus = (status: number): boolean => status === 429 || status >= 500;

/** Calls the provider; a network failure becomes a retryable ProviderError, an HTTP error a typed one. */
export async function callProvider(
  provider: ProviderName,
  fetchFn: FetchLike,
  url: string,
  init: RequestInit,
  /** Provider error codes that mean "try later" even on a 4xx (Meta answers rate limits with 400). */
  retryableCodes: ReadonlySet<string> = new Set(),
): Promise<{ status: number; json: unknown }> {
  let response: Response;
  try {
    response = await fetchFn(url, init);
  } catch (error) {
    throw new ProviderError(provider, `network error: ${(error as Error).message}`, true);
  }
  const text = await response.text();
  const json = parseJson(text);
  if (!response.ok) {
    const code = errorCodeOf(json);
    throw new ProviderError(provider, `HTTP ${response.status}${code ? ` (code ${code})` : ''}`, isRetryableStatus(response.status) || (code !== undefined && retryableCodes.has(code)), {
      httpStatus: response.status,
      ...(code ? { code } : {}),
    });
  }
  return { status: response.status, json };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The error code the providers put in their error bodies (Twilio `code`, Meta `error.code`), if any. */
function errorCodeOf(json: unknown): string | undefined {
  const record = asRecord(json);
  const code = record.code ?? asRecord(record.error).code;
  return typeof code === 'number' || typeof code === 'string' ? String(code) : undefined;
}

export function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export const formBody = (fields: Record<string, string | undefined>): URLSearchParams => {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) form.set(key, value);
  return form;
};

/** A 2xx answer we cannot read: the message may or may not have gone, so retrying risks a duplicate; not retryable. */
export const unreadable = (provider: ProviderName, what: string): ProviderError => new ProviderError(provider, `unexpected response: ${what}`, false);
