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
export const backOfficeRoles: CommuneRole[] = ['staff', 'admin', 'moderator', 'mediator'];

export function isCommuneAdmin(actor: Actor, communeId: string): boolean {
  return actor.isPlatformAdmin || hasRole(actor, communeId, 'admin');
}

export const roleLabelKeys: Record<CommuneRole, string> = {
  citizen: 'core.roles.citizen',
  staff: 'core.roles.staff',
  admin: 'core.roles.admin',
  moderator: 'core.roles.moderator',
  mediator: 'core.roles.mediator',
};
