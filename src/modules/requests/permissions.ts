import { type Actor, hasRole } from '../../platform/permissions/actor.js';
import { definePolicy } from '../../platform/permissions/authorize.js';

interface InCommune {
  communeId: string;
}

interface OneRequest extends InCommune {
  assigneeId: string | null;
  /** Its category is sensitive (staff conduct, corruption): kept from the staff it may be about. */
  sensitive: boolean;
}

const isStaff = (actor: Actor, r: InCommune) => actor.isPlatformAdmin || hasRole(actor, r.communeId, 'staff', 'admin');
const isAdmin = (actor: Actor, r: InCommune) => actor.isPlatformAdmin || hasRole(actor, r.communeId, 'admin');
/** The civil-status office and the administrators: the only ones who read a procedure request's personal data. */
const isCivilStatus = (actor: Actor, r: InCommune) => actor.isPlatformAdmin || hasRole(actor, r.communeId, 'civil_status', 'admin');
const isAssignee = (actor: Actor, r: OneRequest) => !!actor.user && actor.user.id === r.assigneeId;
const mayHandle = (actor: Actor, r: OneRequest) => isAssignee(actor, r) || (r.sensitive ? isAdmin(actor, r) : isStaff(actor, r));

/**
 * Procedure requests carry personal data: only the civil-status office and the administrators read and handle them.
 * Staff handle requests and read private ones; a sensitive complaint only its designated person and the administrators.
 * Mediators file on someone's behalf; only the commune's administrators change the settings (categories, routing, keys).
 */
export const requestsPolicy = definePolicy<{
  'request.handle': OneRequest;
  'request.read_private': OneRequest;
  'request.file_for_someone': InCommune;
  'requests.configure': InCommune;
  'procedure.define_fields': InCommune;
  'procedure.handle': InCommune;
}>({
  'request.handle': mayHandle,
  'request.read_private': mayHandle,
  'request.file_for_someone': (actor, r) => isStaff(actor, r) || hasRole(actor, r.communeId, 'mediator'),
  'requests.configure': isAdmin,
  // Staff describe what a procedure's form asks; only the civil-status office reads and moves what residents sent.
  'procedure.define_fields': isStaff,
  'procedure.handle': isCivilStatus,
});
