import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyInstance } from 'fastify';

/**
 * Which authorisation checks ran while one request was handled: the route's role gate (config.access) and every
 * policy rule asked (authorize() or can()). The authorisation matrix (src/route-access.test.ts) reads them to prove
 * that each state-changing route decides who may act before it acts (docs/security.md).
 */
const decisions = new AsyncLocalStorage<string[]>();

export function recordDecision(check: string): void {
  decisions.getStore()?.push(check);
}

/** Header that carries the checks to the tests; sent only when the app runs its test configuration. */
export const decisionsHeader = 'x-palabre-authorization';

export function installDecisionRecording(app: FastifyInstance, exposeToTests: boolean): void {
  // Entered before the route's role gate; everything the handler then awaits inherits the same record.
  app.addHook('preHandler', (request, _reply, done) => {
    const record: string[] = [];
    (request as { authorizationChecks?: string[] }).authorizationChecks = record;
    decisions.run(record, done);
  });
  if (!exposeToTests) return;
  app.addHook('onSend', async (request, reply, payload) => {
    const record = (request as { authorizationChecks?: string[] }).authorizationChecks;
    if (record) reply.header(decisionsHeader, record.length ? [...new Set(record)].join(' ') : 'none');
    return payload;
  });
}
