/** OCDS merge rules (https://standard.open-contracting.org/1.1/en/schema/merging/), for the fields Palabre publishes. */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);
/** Arrays of objects with an `id` are merged item by item (identifier merge); other arrays are replaced whole. */
const isIdentifiedList = (value: unknown): value is JsonObject[] => Array.isArray(value) && value.length > 0 && value.every((item) => isObject(item) && 'id' in item);

function mergeList(earlier: Json | undefined, later: JsonObject[]): JsonObject[] {
  const merged = isIdentifiedList(earlier) ? earlier.map((item) => ({ ...item })) : [];
  for (const item of later) {
    const index = merged.findIndex((existing) => existing.id === item.id);
    if (index === -1) merged.push(mergeObjects({}, item));
    else merged[index] = mergeObjects(merged[index]!, item);
  }
  return merged;
}

/** A later release's values win; `null` removes a field; objects merge field by field. */
export function mergeObjects(earlier: JsonObject, later: JsonObject): JsonObject {
  const result: JsonObject = { ...earlier };
  for (const [key, value] of Object.entries(later)) {
    if (value === null) delete result[key];
    else if (isObject(value)) result[key] = mergeObjects(isObject(result[key]) ? result[key] : {}, value);
    else if (isIdentifiedList(value)) result[key] = mergeList(result[key], value);
    else result[key] = value;
  }
  return result;
}

/** Fields describing one release, not the process: left out when releases are merged. */
const releaseOnlyFields = ['id', 'date', 'tag'];

/** The compiled release: the releases merged oldest first, tagged "compiled", dated by the newest. */
export function compileReleases(releases: JsonObject[]): JsonObject {
  const ordered = [...releases].sort((a, b) => String(a.date).localeCompare(String(b.date)));
  let compiled: JsonObject = {};
  for (const release of ordered) {
    const content = Object.fromEntries(Object.entries(release).filter(([key]) => !releaseOnlyFields.includes(key)));
    compiled = mergeObjects(compiled, content);
  }
  const latest = ordered.at(-1);
  return { ...compiled, id: `${String(compiled.ocid)}-compiled`, date: latest?.date ?? null, tag: ['compiled'] };
}
