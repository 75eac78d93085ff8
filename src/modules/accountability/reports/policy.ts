import { type Actor, hasRole } from '../../../platform/permissions/actor.js';
import { definePolicy } from '../../../platform/permissions/authorize.js';

interface InCommune {
  communeId: string;
}

/**
 * Three voices on a commitment, each kept to its own: the commune's staff report its progress (and set its status),
 * civil society writes a shadow assessment, the independent monitoring body reviews. None writes in another's name,
 * so staff cannot review and monitors cannot change the commune's status. Platform administrators only keep the
 * commune's own report (they operate the platform, they are not civil society nor the monitoring body).
 */
export const reportsPolicy = definePolicy<{
  'accountability.reports.write_commune': InCommune;
  'accountability.reports.write_shadow': InCommune;
  'accountability.review.write': InCommune;
}>({
  'accountability.reports.write_commune': (actor: Actor, r: InCommune) => actor.isPlatformAdmin || hasRole(actor, r.communeId, 'staff', 'admin'),
  'accountability.reports.write_shadow': (actor: Actor, r: InCommune) => hasRole(actor, r.communeId, 'civil_society'),
  'accountability.review.write': (actor: Actor, r: InCommune) => hasRole(actor, r.communeId, 'monitor'),
});
