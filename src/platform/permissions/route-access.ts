import type { CommuneRole } from '../db/platform-tables.js';

/**
 * Every route declares who may reach it in `config.access`; a route without it refuses to register.
 * Resource-level checks then go through the module's policy (authorize()).
 */
export type RouteAccess =
  | 'public'
  | 'signed-in'
  | 'platform-admin'
  | { communeRoles: CommuneRole[] };

/**
 * Why a state-changing route that is not role-gated asks no policy rule (docs/security.md, "Authorization"):
 * - own-account: acts only on the visitor's own session, account or notifications;
 * - open-participation: any signed-in person may take part; phase, commune scope and limits are checked by the command;
 * - open-filing: anyone may file (complaints, information requests); follow-ups are checked against the requester;
 * - token-holder: the unguessable token in the URL is the authority (one-click unsubscribe);
 * - webhook: a provider callback, authenticated by its signature or secret token in the handler;
 * - read-only: a POST that stores nothing (a search or a document check).
 */
export type PolicyExemption = 'own-account' | 'open-participation' | 'open-filing' | 'token-holder' | 'webhook' | 'read-only';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /**
     * For a state-changing route that is neither role-gated nor asks a policy rule: why none is needed
     * (e.g. 'own-account': it acts only on the visitor's own session). The authorisation matrix requires one of the three.
     */
    policy?: PolicyExemption;
  }
}

export const staffOnly: RouteAccess = { communeRoles: ['staff', 'admin'] };
export const adminOnly: RouteAccess = { communeRoles: ['admin'] };
export const mediatorOnly: RouteAccess = { communeRoles: ['mediator', 'admin'] };
