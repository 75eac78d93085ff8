import { type Actor, hasRole } from '../../platform/permissions/actor.js';
import { definePolicy } from '../../platform/permissions/authorize.js';

interface InCommune {
  communeId: string;
}

const isStaff = (actor: Actor, r: InCommune) => actor.isPlatformAdmin || hasRole(actor, r.communeId, 'staff', 'admin');

/** The commune's staff publish its datasets and load their tables; nobody else changes the catalogue. */
export const openDataPolicy = definePolicy<{ 'open-data.publish': InCommune }>({
  'open-data.publish': isStaff,
});
