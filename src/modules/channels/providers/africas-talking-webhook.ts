import {
  type DeliveryReceipt,
  type DeliveryStatus,
  type InboundMessage,
  type RawBody,
  WebhookError,
  formFields,
  parseDate,
  parseFormBody,
  phone,
  phoneOrShortCode,
  required,
} from './webhooks.js';

/*
 * Africa's Talking does not sign its callbacks. Each callback URL registered with AT carries a secret token
 * (checked with `verifyUrlToken` from webhooks.ts before any of these parsers run).
 */

/** An SMS sent to the commune's short code: `from, to, text, date, id` and `linkId` (premium/on-demand only). */
export function parseAtInboundSms(rawBody: RawBody, receivedAt: Date = new Date()): InboundMessage & { linkId?: string } {
  const fields = formFields(parseFormBody(rawBody));
  return {
    provider: 'africastalking',
    externalId: required(fields, 'id'),
    from: phone(required(fields, 'from'), 'from'),
    to: phoneOrShortCode(required(fields, 'to')),
    text: fields.text ?? '',
    receivedAt: parseDate(fields.date, receivedAt),
    ...(fields.linkId ? { linkId: fields.linkId } : {}),
  };
}

const atStatuses: Record<string, DeliveryStatus> = {
  Submitted: 'sent',
  Buffered: 'sent',
  Sent: 'sent',
  Success: 'delivered',
  Rejected: 'failed',
  Failed: 'failed',
  Expired: 'failed',
  AbsentSubscriber: 'failed',
};

/** A delivery report: `id, status` and, on failure, `failureReason` (e.g. `InsufficientCredit`, `UserInBlacklist`). */
export function parseAtDeliveryReport(rawBody: RawBody): DeliveryReceipt {
  const fields = formFields(parseFormBody(rawBody));
  return {
    provider: 'africastalking',
    externalId: required(fields, 'id'),
    status: atStatuses[required(fields, 'status')] ?? 'unknown',
    ...(fields.failureReason ? { errorCode: fields.failureReason } : {}),
    ...(fields.phoneNumber ? { recipient: phone(fields.phoneNumber, 'phoneNumber') } : {}),
  };
}

export interface UssdCallback {
  sessionId: string;
  serviceCode: string;
  /** The caller, E.164. */
  phoneNumber: string;
  networkCode: string;
  /** Everything typed so far joined by `*` ("" on the first request); see ussd/menu.ts `ussdPath`. */
  text: string;
}

/** A USSD step. AT replays the whole path each time, so the handler stays stateless (ussd/menu.ts). */
export function parseAtUssd(rawBody: RawBody): UssdCallback {
  const fields = formFields(parseFormBody(rawBody));
  const text = fields.text ?? '';
  // A USSD string is at most 182 characters a screen; a long path is a client bug or an attack, not a person.
  if (text.length > 1000) throw new WebhookError('malformed', 'USSD text too long');
  return {
    sessionId: required(fields, 'sessionId'),
    serviceCode: required(fields, 'serviceCode'),
    phoneNumber: phone(required(fields, 'phoneNumber'), 'phoneNumber'),
    networkCode: fields.networkCode ?? '',
    text,
  };
}
