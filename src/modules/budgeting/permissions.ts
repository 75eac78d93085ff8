import { hasRole } from '../../platform/permissions/actor.js';
import { definePolicy } from '../../platform/permissions/authorize.js';

interface InCommune {
  communeId: string;
}

const isStaff = (actor: Parameters<typeof hasRole>[0], r: InCommune) => actor.isPlatformAdmin || hasRole(actor, r.communeId, 'staff', 'admin');

/** Staff set up budget rounds and review the projects; residents only read (voting comes with its own rules). */
export const budgetingPolicy = definePolicy<{ 'round.manage': InCommune; 'project.manage': InCommune; 'project.review': InCommune }>({
  'round.manage': isStaff,
  'project.manage': isStaff,
  'project.review': isStaff,
});
