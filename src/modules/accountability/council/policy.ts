import { type Actor, hasRole } from '../../../platform/permissions/actor.js';
import { definePolicy } from '../../../platform/permissions/authorize.js';

interface InCommune {
  communeId: string;
}

// The council's decisions are official records: the commune's staff and administrators keep them, each in their commune.
const isRecordKeeper = (actor: Actor, resource: InCommune) => actor.isPlatformAdmin || hasRole(actor, resource.communeId, 'staff', 'admin');

export const councilPolicy = definePolicy<{ 'council_decisions.manage': InCommune; 'council_decisions.publish': InCommune }>({
  'council_decisions.manage': isRecordKeeper,
  'council_decisions.publish': isRecordKeeper,
});
