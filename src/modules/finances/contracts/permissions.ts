import { type Actor, hasRole } from '../../../platform/permissions/actor.js';
import { definePolicy } from '../../../platform/permissions/authorize.js';

interface InCommune {
  communeId: string;
}

/**
 * The commune's staff record its procurement; the ocid prefix is the commune's public identity in OCDS,
 * so only its administrators change it.
 */
export const contractsPolicy = definePolicy<{ 'contracts.record': InCommune; 'contracts.configure': InCommune }>({
  'contracts.record': (actor: Actor, r) => actor.isPlatformAdmin || hasRole(actor, r.communeId, 'staff', 'admin'),
  'contracts.configure': (actor: Actor, r) => actor.isPlatformAdmin || hasRole(actor, r.communeId, 'admin'),
});
