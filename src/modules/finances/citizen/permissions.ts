import { type Actor, hasRole } from '../../../platform/permissions/actor.js';
import { definePolicy } from '../../../platform/permissions/authorize.js';

interface InCommune {
  communeId: string;
}

const isStaff = (actor: Actor, r: InCommune) => actor.isPlatformAdmin || hasRole(actor, r.communeId, 'staff', 'admin');

/** The commune's staff (and its administrators) write the citizen budget; they also preview it before it is published. */
export const citizenBudgetPolicy = definePolicy<{ 'finances.citizen.edit': InCommune }>({
  'finances.citizen.edit': isStaff,
});
