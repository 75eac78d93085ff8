import { type Actor, hasRole } from '../../../platform/permissions/actor.js';
import { definePolicy } from '../../../platform/permissions/authorize.js';

interface InCommune {
  communeId: string;
}

/** The commune's staff write its plans and report their progress; the public reads them. */
export const plansPolicy = definePolicy<{ 'accountability.plans.manage': InCommune }>({
  'accountability.plans.manage': (actor: Actor, r: InCommune) => actor.isPlatformAdmin || hasRole(actor, r.communeId, 'staff', 'admin'),
});
