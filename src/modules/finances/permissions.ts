import { type Actor, hasRole } from '../../platform/permissions/actor.js';
import { definePolicy } from '../../platform/permissions/authorize.js';

interface InCommune {
  communeId: string;
}

const isFinanceStaff = (actor: Actor, r: InCommune) => actor.isPlatformAdmin || hasRole(actor, r.communeId, 'staff', 'admin');

/** The commune's staff load its budget and correct its crosswalk; nobody else changes public money figures. */
export const financesPolicy = definePolicy<{ 'finances.budget.manage': InCommune }>({
  'finances.budget.manage': isFinanceStaff,
});
