import { hasRole, isCommuneAdmin } from '../permissions/actor.js';
import { definePolicy } from '../permissions/authorize.js';

interface InCommune {
  communeId: string;
}

/** Who administers a commune: its administrators (and platform administrators); mediators register participants. */
export const administrationPolicy = definePolicy<{
  'roles.manage': InCommune;
  'audit.read': InCommune;
  'settings.edit': InCommune;
  'participants.register': InCommune;
  'communes.create': Record<string, never>;
}>({
  'roles.manage': (actor, r) => isCommuneAdmin(actor, r.communeId),
  'audit.read': (actor, r) => isCommuneAdmin(actor, r.communeId),
  'settings.edit': (actor, r) => isCommuneAdmin(actor, r.communeId),
  'participants.register': (actor, r) => isCommuneAdmin(actor, r.communeId) || hasRole(actor, r.communeId, 'mediator'),
  'communes.create': (actor) => actor.isPlatformAdmin,
});
