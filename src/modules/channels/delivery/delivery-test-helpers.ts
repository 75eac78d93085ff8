import { randomUUID } from 'node:crypto';
import { allModules } from '../../../app.js';
import type { PalabreModule } from '../../../platform/module.js';
import type { FetchLike } from '../providers/client.js';
import { channelMessageDelivery } from './sender.js';

export interface FakeCall {
  url: string;
  init: RequestInit;
}

/** A provider API that answers every call with a success in its own format, and remembers the calls (tests). */
export function fakeProviders(): { calls: FakeCall[]; fetch: FetchLike } {
  const calls: FakeCall[] = [];
  const answer = (url: string): unknown => {
    const id = randomUUID();
    if (url.includes('africastalking')) return { SMSMessageData: { Recipients: [{ statusCode: 101, status: 'Success', messageId: `ATXid_${id}` }] } };
    if (url.includes('oauth')) return { access_token: 'token', expires_in: 3600 };
    if (url.includes('orange')) return { outboundSMSMessageRequest: { resourceURL: `https://api.orange.com/smsmessaging/v1/outbound/x/requests/${id}` } };
    if (url.includes('twilio')) return { sid: `SM${id.replace(/-/g, '')}`, status: 'queued' };
    return { messages: [{ id: `wamid.${id}` }] };
  };
  const fetch: FetchLike = async (url, init = {}) => {
    calls.push({ url, init });
    return new Response(JSON.stringify(answer(url)), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  return { calls, fetch };
}

/** The application's modules with the channels module calling providers through `fetch` (tests never reach a provider). */
export const modulesWithFetch = (fetch: FetchLike): PalabreModule[] =>
  allModules.map((module) => (module.id === 'channels' ? { ...module, messageDelivery: channelMessageDelivery({ fetch }) } : module));
