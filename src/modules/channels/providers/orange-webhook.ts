import { asRecord } from './client.js';
import { type DeliveryReceipt, type DeliveryStatus, type InboundMessage, type RawBody, WebhookError, derivedId, parseDate, parseJsonBody, phone, phoneOrShortCode, required } from './webhooks.js';

/*
 * Orange's public docs describe no signature on its "SMS response" (MO) and "SMS DR" callbacks: the URLs given to
 * Orange carry a secret token checked with `verifyUrlToken` (webhooks.ts) before these parsers run.
 */

/** An SMS sent to the commune's Orange number (`inboundSMSMessageNotification`). */
export function parseOrangeInbound(rawBody: RawBody, receivedAt: Date = new Date()): InboundMessage {
  const notification = asRecord(asRecord(parseJsonBody(rawBody)).inboundSMSMessageNotification);
  const message = asRecord(notification.inboundSMSMessage);
  if (!Object.keys(message).length) throw new WebhookError('malformed', 'not an Orange inbound SMS notification');
  const from = required(message, 'senderAddress');
  const to = required(message, 'destinationAddress');
  const text = typeof message.message === 'string' ? message.message : '';
  const dateTime = typeof message.dateTime === 'string' ? message.dateTime : undefined;
  return {
    provider: 'orange',
    // Orange's examples carry no message id; a digest of the content makes a redelivery recognisable all the same.
    externalId: typeof message.messageId === 'string' && message.messageId ? message.messageId : derivedId('orange-mo', from, to, dateTime ?? '', text),
    from: phone(from, 'senderAddress'),
    to: phoneOrShortCode(to),
    text,
    receivedAt: parseDate(dateTime, receivedAt),
  };
}

const orangeStatuses: Record<string, DeliveryStatus> = {
  DeliveredToTerminal: 'delivered',
  DeliveredToNetwork: 'sent',
  MessageWaiting: 'sent',
  DeliveryImpossible: 'failed',
  DeliveryUncertain: 'unknown',
};

/**
 * A delivery receipt (`deliveryInfoNotification`). Orange's documented example names only the recipient and the
 * status (plus `callbackData`), not the request id `send` returned: the id used is `callbackData` when present, else
 * the id at the end of a `resourceURL` if Orange adds one, else a digest of the receipt (unverified, see the docs).
 */
export function parseOrangeDeliveryReceipt(rawBody: RawBody): DeliveryReceipt {
  const notification = asRecord(asRecord(parseJsonBody(rawBody)).deliveryInfoNotification);
  const info = asRecord(notification.deliveryInfo);
  const address = required(info, 'address');
  const status = required(info, 'deliveryStatus');
  const callbackData = typeof notification.callbackData === 'string' ? notification.callbackData : '';
  const resourceUrl = typeof notification.resourceURL === 'string' ? notification.resourceURL : '';
  const fromUrl = resourceUrl.match(/\/requests\/([^/?#]+)/)?.[1];
  const recipient = phoneOrShortCode(address);
  return {
    provider: 'orange',
    externalId: callbackData || fromUrl || derivedId('orange-dr', address, status, JSON.stringify(notification)),
    status: orangeStatuses[status] ?? 'unknown',
    ...(recipient.startsWith('+') ? { recipient } : {}),
  };
}
