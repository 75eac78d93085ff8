import type { CommuneRole, User } from '../db/platform-tables.js';

/** Who is acting: a visitor, or a signed-in user with roles per commune. */
export interface Actor {
  readonly user: User | null;
  readonly isPlatformAdmin: boolean;
  readonly sessionKind: 'citizen' | 'staff' | null;
  /** Active roles of the user, per commune id. */
  readonly roles: ReadonlyMap<string, ReadonlySet<CommuneRole>>;
}

export const anonymousActor: Actor = { user: null, isPlatformAdmin: false, sessionKind: null, roles: new Map() };

export function hasRole(actor: Actor, communeId: string, ...wanted: CommuneRole[]): boolean {
  const roles = actor.roles.get(communeId);
  return !!roles && wanted.some((role) => roles.has(role));
}

/** Staff-side roles: anyone who works in the back-office of a commune. */
export const backOfficeRoles: CommuneRole[] = ['staff', 'admin', 'moderator', 'mediator', 'civil_status'];

/**
 * Assessors from outside the town hall (civil society, the independent monitoring body): they use a few back-office
 * pages of their own, with staff-length sessions, but are not the commune's team and see none of its tools.
 */
export const reviewerRoles: CommuneRole[] = ['civil_society', 'monitor'];

export function isCommuneAdmin(actor: Actor, communeId: string): boolean {
  return actor.isPlatformAdmin || hasRole(actor, communeId, 'admin');
}

export const roleLabelKeys: Record<CommuneRole, string> = {
  citizen: 'core.roles.citizen',
  staff: 'core.roles.staff',
  admin: 'core.roles.admin',
  moderator: 'core.roles.moderator',
  mediator: 'core.roles.mediator',
  civil_society: 'core.roles.civil_society',
  monitor: 'core.roles.monitor',
  civil_status: 'core.roles.civil_status',
};
