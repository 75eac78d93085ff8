import { hasRole } from '../../../platform/permissions/actor.js';
import { definePolicy } from '../../../platform/permissions/authorize.js';

/** Staff of a member commune write their own commune's practices (membership is checked by the module switch). */
export const practicesPolicy = definePolicy<{ 'network.practices.manage': { communeId: string } }>({
  'network.practices.manage': (actor, { communeId }) => actor.isPlatformAdmin || hasRole(actor, communeId, 'staff', 'admin'),
});
