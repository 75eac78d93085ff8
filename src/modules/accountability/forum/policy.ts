import { type Actor, hasRole } from '../../../platform/permissions/actor.js';
import { definePolicy } from '../../../platform/permissions/authorize.js';

interface InCommune {
  communeId: string;
}

/** The commune's staff keep the forum's record (members, meetings, endorsements); everyone reads it. */
export const forumPolicy = definePolicy<{ 'accountability.forum.manage': InCommune }>({
  'accountability.forum.manage': (actor: Actor, r: InCommune) => actor.isPlatformAdmin || hasRole(actor, r.communeId, 'staff', 'admin'),
});
