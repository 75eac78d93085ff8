import type { CatalogueDataset, CatalogueResource } from '../../catalogue.js';
import { createHash } from 'node:crypto';

/** Our own namespace (a random UUID fixed once): ids stay the same on every install and every request. */
const palabreCkanNamespace = 'a3c1e7b2-5d4f-4c8e-9b6a-2f0d8e1c7a55';

const bytesOf = (uuid: string) => Buffer.from(uuid.replace(/-/g, ''), 'hex');

/** RFC 9562 UUID version 5 (SHA-1 of namespace + name): CKAN clients expect UUID ids, ours derive from stable names. */
export function uuidV5(name: string, namespace = palabreCkanNamespace): string {
  const hash = createHash('sha1').update(bytesOf(namespace)).update(name, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const datasetUuid = (name: string) => uuidV5(`dataset:${name}`);
export const resourceUuid = (resourceId: string) => uuidV5(`resource:${resourceId}`);
export const tagUuid = (tag: string) => uuidV5(`tag:${tag}`);

/** A staff dataset keeps its row's UUID; a module dataset's is derived from its name. */
export const ckanDatasetId = (dataset: CatalogueDataset) => (dataset.source.kind === 'staff' ? dataset.source.datasetId : datasetUuid(dataset.name));

export const ckanResourceId = (dataset: CatalogueDataset, resource: CatalogueResource) => (dataset.source.kind === 'staff' ? resource.id : resourceUuid(resource.id));

/** CKAN prints timestamps as naive UTC ISO 8601 with microseconds ("2026-01-31T10:00:00.000000"). */
export function ckanTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, 23)}000`;
}
