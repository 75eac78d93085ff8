import { hasRole } from '../../platform/permissions/actor.js';
import { definePolicy } from '../../platform/permissions/authorize.js';

interface InCommune {
  communeId: string;
}

const isStaff = (actor: Parameters<typeof hasRole>[0], r: InCommune) => actor.isPlatformAdmin || hasRole(actor, r.communeId, 'staff', 'admin');

/** Staff run consultations and answer proposals; any signed-in person takes part (checked by route access). */
export const participationPolicy = definePolicy<{ 'consultation.manage': InCommune; 'proposal.answer': InCommune; 'comment.moderate': InCommune }>({
  'consultation.manage': isStaff,
  'proposal.answer': isStaff,
  // Civil-society moderators share this with staff, so moderation does not depend on the commune alone.
  'comment.moderate': (actor, r) => isStaff(actor, r) || hasRole(actor, r.communeId, 'moderator'),
});
