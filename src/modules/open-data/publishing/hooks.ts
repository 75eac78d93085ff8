import type { PlatformServices } from '../../../platform/http/context.js';

/**
 * Called once a CSV or XLSX file resource is stored or replaced, after its transaction has committed.
 * A no-op for now: the lead wires the datastore import here.
 */
export async function onTabularResourceStored(_services: PlatformServices, _stored: { communeId: string; resourceId: string; actorId: string | null }): Promise<void> {}
