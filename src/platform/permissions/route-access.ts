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

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

export const staffOnly: RouteAccess = { communeRoles: ['staff', 'admin'] };
export const adminOnly: RouteAccess = { communeRoles: ['admin'] };
export const mediatorOnly: RouteAccess = { communeRoles: ['mediator', 'admin'] };
