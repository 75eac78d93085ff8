import { createHmac, timingSafeEqual } from 'node:crypto';

// The person's id (22 characters) then a MAC (16): short enough for an SMS, unguessable without the secret.
const idLength = 22;
const macLength = 16;

const macOf = (secret: string, userId: string) => createHmac('sha256', secret).update(`participation.notifications.stop:${userId}`).digest('base64url').slice(0, macLength);

/** The per-person token of the stop link in every message; it works without signing in. */
export function stopToken(secret: string, userId: string): string {
  return Buffer.from(userId.replaceAll('-', ''), 'hex').toString('base64url') + macOf(secret, userId);
}

/** The person a stop token belongs to, or null when it was not made with this secret. */
export function userOfStopToken(secret: string, token: string): string | null {
  if (!/^[A-Za-z0-9_-]+$/.test(token) || token.length !== idLength + macLength) return null;
  const hex = Buffer.from(token.slice(0, idLength), 'base64url').toString('hex');
  if (hex.length !== 32) return null;
  const userId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  const expected = Buffer.from(macOf(secret, userId));
  const given = Buffer.from(token.slice(idLength));
  return expected.length === given.length && timingSafeEqual(expected, given) ? userId : null;
}

export const stopPath = (secret: string, userId: string) => `/account/notifications/stop/${stopToken(secret, userId)}`;
