import { type Actor, hasRole } from '../../../../platform/permissions/actor.js';
import { definePolicy } from '../../../../platform/permissions/authorize.js';

interface InCommune {
  communeId: string;
}

/**
 * Any signed-in person comments on a published commitment; the commune's staff answer in its name;
 * moderators, like staff, may hide an abusive comment (kept, with the reason shown in its place).
 */
export const commentsPolicy = definePolicy<{
  'accountability.comments.write': InCommune;
  'accountability.comments.answer': InCommune;
  'accountability.comments.hide': InCommune;
}>({
  'accountability.comments.write': (actor: Actor) => !!actor.user,
  'accountability.comments.answer': (actor: Actor, r: InCommune) => actor.isPlatformAdmin || hasRole(actor, r.communeId, 'staff', 'admin'),
  'accountability.comments.hide': (actor: Actor, r: InCommune) => actor.isPlatformAdmin || hasRole(actor, r.communeId, 'staff', 'admin', 'moderator'),
});
