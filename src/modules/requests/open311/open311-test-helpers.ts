import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { scoped } from '../queries/requests-db.js';
import { issueApiKey } from './api-keys.js';
import { childNames, readXml, type XmlElement } from './xml-reader.js';

// The spec's field lists (GeoReport v2): every object we answer must have exactly these keys.
export const discoveryFields = ['changeset', 'contact', 'key_service', 'endpoints'];
export const endpointFields = ['specification', 'url', 'changeset', 'type', 'formats'];
export const serviceFields = ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'];
export const definitionFields = ['service_code', 'attributes'];
export const requestFields = ['service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible', 'service_notice', 'requested_datetime', 'updated_datetime', 'expected_datetime', 'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url'];
export const postAnswerFields = ['service_request_id', 'service_notice', 'account_id'];
export const errorFields = ['code', 'description'];
export const w3cDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/;

export let t: TestApp;
export let ndarId: string;
export let tiznitId: string;
export const keys: Record<'main' | 'errors' | 'hostile' | 'tiznit', string> = { main: '', errors: '', hostile: '', tiznit: '' };

export type Json = Record<string, unknown>;
export const base = '/ndar-toute/open311/v2';
export const get = (url: string) => t.request(null, 'GET', url);
export const json = (response: LightMyRequestResponse) => JSON.parse(response.body) as Json & Json[];

/** An Open311 client's POST: form-encoded, no cookie, no CSRF token. */
export const post = (fields: Record<string, string>, format: 'json' | 'xml' = 'json', slug = 'ndar-toute') =>
  t.app.inject({ method: 'POST', url: `/${slug}/open311/v2/requests.${format}`, payload: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' } });

export function expectExactKeys(value: unknown, fields: string[], label = '') {
  expect(value, label).toBeTypeOf('object');
  expect(Object.keys(value as Json).sort(), label).toEqual([...fields].sort());
}

export function expectXmlKeys(element: XmlElement, name: string, fields: string[]) {
  expect(element.name).toBe(name);
  expect([...childNames(element)].sort(), name).toEqual([...fields].sort());
}

export function expectJson(response: LightMyRequestResponse, status = 200) {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
  return json(response);
}

export function expectXml(response: LightMyRequestResponse, status = 200): XmlElement {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toBe('text/xml; charset=utf-8');
  return readXml(response.body);
}

/** An error as the spec wants it, in both formats: [{code, description}] / <errors><error>…</error></errors>. */
export function expectError(response: LightMyRequestResponse, status: number, format: 'json' | 'xml' = 'json') {
  if (format === 'xml') {
    const errors = expectXml(response, status);
    expect(errors.name).toBe('errors');
    expect(childNames(errors)).toEqual(['error']);
    expectXmlKeys(errors.children[0]!, 'error', errorFields);
    return;
  }
  const body = expectJson(response, status);
  expect(Array.isArray(body)).toBe(true);
  expect(body.length).toBeGreaterThan(0);
  for (const error of body) expectExactKeys(error, errorFields);
}

export const requestRow = (communeId: string, reference: string) => scoped(t.services.db, communeId).selectFrom('requests').selectAll().where('reference', '=', reference).executeTakeFirstOrThrow();
export const validPost = (extra: Record<string, string> = {}) => ({ api_key: keys.main, service_code: 'waste', lat: '16.0326', long: '-16.4890', description: 'Tas d’ordures devant l’école.', ...extra });

export async function filed(extra: Record<string, string> = {}): Promise<string> {
  const response = await post(validPost(extra));
  return (expectJson(response)[0] as Json).service_request_id as string;
}

/** Opens the seeded app the tests of this slice share (one per test file). */
export async function openOpen311App(): Promise<void> {
  t = await createTestApp();
  ndarId = await t.communeId('ndar-toute');
  tiznitId = await t.communeId('tiznit-el-jadida');
  for (const name of ['main', 'errors', 'hostile'] as const) keys[name] = (await issueApiKey(t.services.db, ndarId, `Test ${name}`, null)).key;
  keys.tiznit = (await issueApiKey(t.services.db, tiznitId, 'Tiznit app', null)).key;
}
