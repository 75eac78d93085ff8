import type { TestApp } from '../../../test-support/test-app.js';
import { callbackToken, ussdCallbackPath } from '../callback-token.js';

/**
 * Plays a phone on the USSD line, as Africa's Talking would: each step posts the whole path typed so far. Used by
 * tests of every USSD flow; returns each screen's text with its CON/END prefix.
 */
export function ussdPhone(t: TestApp, communeSlug: string, phone: string, sessionId = `ATUid_${Math.random().toString(36).slice(2)}`) {
  const url = ussdCallbackPath(communeSlug, callbackToken(t.services.config.sessionSecret, communeSlug, 'africastalking'));
  const post = async (text: string) => {
    const body = new URLSearchParams({ sessionId, serviceCode: '*384*1234#', phoneNumber: phone, networkCode: '60801', text }).toString();
    const response = await t.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: body });
    return { status: response.statusCode, text: response.body };
  };
  return {
    /** Sends the inputs typed so far ("" opens the session). */
    dial: (inputs: string[]) => post(inputs.join('*')),
    post,
  };
}
