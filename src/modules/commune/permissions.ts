import { hasRole } from '../../platform/permissions/actor.js';
import { definePolicy } from '../../platform/permissions/authorize.js';

interface InCommune {
  communeId: string;
}

const isEditor = (actor: Parameters<typeof hasRole>[0], resource: InCommune) =>
  actor.isPlatformAdmin || hasRole(actor, resource.communeId, 'staff', 'admin');

/** Who may edit the official site: the commune's staff and administrators, each only in their commune. */
export const communePolicy = definePolicy<{
  'news.edit': InCommune;
  'news.publish': InCommune;
  'council.edit': InCommune;
  'services.edit': InCommune;
  'documents.edit': InCommune;
  'meetings.edit': InCommune;
  'profile.edit': InCommune;
}>({
  'news.edit': isEditor,
  'news.publish': isEditor,
  'council.edit': isEditor,
  'services.edit': isEditor,
  'documents.edit': isEditor,
  'meetings.edit': isEditor,
  'profile.edit': isEditor,
});
