import { invalid } from './envelope.js';

/** An action's parameters: the query string of a GET, the JSON object of a POST (as CKAN reads them). */
export type Params = Record<string, unknown>;

/** The first value of a parameter given once or repeated (`?q=a&q=b` reaches us as a list). */
function single(params: Params, name: string): unknown {
  const value = params[name];
  return Array.isArray(value) && typeof value[0] !== 'object' ? value[0] : value;
}

export function stringParam(params: Params, name: string): string | undefined {
  const value = single(params, name);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw invalid(name, 'Must be a string');
}

/** CKAN's natural_number_validator, then its configured maximum (a larger value is lowered, not refused). */
export function naturalParam(params: Params, name: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const value = stringParam(params, name);
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value.trim())) throw invalid(name, 'Must be a natural number');
  return Math.min(Number(value), max);
}

export function booleanParam(params: Params, name: string, fallback = false): boolean {
  const value = stringParam(params, name)?.toLowerCase();
  if (value === undefined) return fallback;
  if (['true', '1', 'yes', 'on'].includes(value)) return true;
  if (['false', '0', 'no', 'off'].includes(value)) return false;
  throw invalid(name, 'Value must be one of: true, false');
}

/** A value CKAN takes as JSON text in a query string and as JSON itself in a POST body. */
function jsonParam(params: Params, name: string): unknown {
  const value = params[name];
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    throw invalid(name, 'Cannot parse JSON');
  }
}

export function stringListParam(params: Params, name: string): string[] | undefined {
  const value = jsonParam(params, name);
  if (value === undefined || value === null || value === '') return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) throw invalid(name, 'Must be a list of strings');
  return value as string[];
}

export function objectParam(params: Params, name: string): Record<string, unknown> | undefined {
  const value = jsonParam(params, name);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw invalid(name, 'Must be a JSON object');
  return value as Record<string, unknown>;
}
