import type { StaffResourceRow } from '../db/tables.js';

/** CKAN's address for an uploaded file: `/<commune>/dataset/<name>/resource/<id>/download/<filename>`. */
export function resourceDownloadPath(communeSlug: string, datasetName: string, resource: Pick<StaffResourceRow, 'id' | 'filename'>): string {
  return `/${communeSlug}/dataset/${datasetName}/resource/${resource.id}/download/${encodeURIComponent(resource.filename ?? 'file')}`;
}
