import { createHmac } from 'node:crypto';

/**
 * The secret a provider's callback URL carries for one commune and one provider (Africa's Talking and Orange do not
 * sign their callbacks). Derived from the server's secret, so nothing is stored and a leaked URL reveals no other.
 */
export const callbackToken = (serverSecret: string, communeSlug: string, provider: string): string =>
  createHmac('sha256', serverSecret).update(`palabre-channels:${provider}:${communeSlug}`).digest('base64url');

export const ussdCallbackPath = (communeSlug: string, token: string) => `/${communeSlug}/channels/ussd/africastalking?token=${token}`;
