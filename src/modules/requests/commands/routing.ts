import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { Category } from '../db/tables.js';
import { scoped } from '../queries/requests-db.js';

/**
 * The service responsible for a complaint: the route of its category in its neighbourhood, else the
 * category's route for every neighbourhood, else the category's default service (null: to be dispatched).
 */
export async function routeComplaint(db: Kysely<PlatformTables>, communeId: string, category: Pick<Category, 'id' | 'default_service_id'>, neighbourhood: string | null): Promise<string | null> {
  const routes = await scoped(db, communeId)
    .selectFrom('request_routes')
    .select(['neighbourhood', 'service_id'])
    .where('category_id', '=', category.id)
    .where((eb) => eb.or([eb('neighbourhood', 'is', null), ...(neighbourhood ? [eb('neighbourhood', '=', neighbourhood)] : [])]))
    .execute();
  const specific = routes.find((route) => route.neighbourhood !== null);
  const general = routes.find((route) => route.neighbourhood === null);
  return specific?.service_id ?? general?.service_id ?? category.default_service_id;
}
