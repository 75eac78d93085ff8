import type { Actor } from '../../../platform/permissions/actor.js';
import { definePolicy } from '../../../platform/permissions/authorize.js';

interface Membership {
  /** Member communes where the actor is staff or administrator. */
  staffOf: readonly string[];
}

interface OwnThread {
  authorId: string;
}

// Peer exchange is between the town halls of the network: citizens and staff of communes outside it stay out;
// the programme team (platform administrators) runs it.
const takesPart = (actor: Actor, membership: Membership) => actor.isPlatformAdmin || membership.staffOf.length > 0;

export const exchangePolicy = definePolicy<{ 'network.exchange.take_part': Membership; 'network.exchange.accept_answer': OwnThread }>({
  'network.exchange.take_part': takesPart,
  // Only the asker knows which reply answered the question.
  'network.exchange.accept_answer': (actor, thread) => actor.user?.id === thread.authorId,
});
