import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileStrings } from '../../test-support/hostile-strings.js';
import { inertnessProblems, visibleText } from '../../test-support/inert-html.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { scoped } from './queries/participation-queries.js';

let t: TestApp;
let ndarId: string;

beforeAll(async () => {
  t = await createTestApp();
  ndarId = await t.communeId('ndar-toute');
});
afterAll(() => t.close());

const isoDay = (offset: number) => new Date(Date.now() + offset * 24 * 3600 * 1000).toISOString().slice(0, 10);
// Each field gets the hostile string cut to the field's own limit, so it is stored rather than refused.
const fit = (value: string, max: number) => value.slice(0, max);
const idFrom = (location: unknown) => /([0-9a-f-]{36})/.exec(String(location))![1]!;

async function post(key: string, url: string, form: Record<string, string>) {
  const response = await t.request(key, 'POST', url, form);
  expect(response.statusCode, `${url}: ${response.body.slice(0, 300)}`).toBe(303);
  return response;
}

/** Every page showing the strings must be inert and still show the probe as text. */
async function expectInert(key: string | null, url: string, probe: string) {
  const page = await t.request(key, 'GET', url);
  expect(page.statusCode, url).toBe(200);
  expect(inertnessProblems(page.body), url).toEqual([]);
  expect(visibleText(page.body), url).toContain(probe);
}

/** Writes the string into every user-writable field of the module through the real routes; returns the ids. */
async function injectEverywhere(value: string) {
  const consultation = idFrom((await post('ndar-toute:staff', '/ndar-toute/admin/consultations', { title_fr: fit(value, 4000), description_fr: fit(value, 4000), subject_type: 'budget', influence_level: 'consult', status: 'published', tags: fit(value, 80), neighbourhoods: fit(value, 80) })).headers.location);
  const admin = `/ndar-toute/admin/consultations/${consultation}`;
  await post('ndar-toute:staff', `${admin}/phases`, { phase_title_fr: fit(value, 200), starts_on: isoDay(-1), ends_on: isoDay(30), allows_proposals: 'on', allows_supports: 'on', allows_comments: 'on' });
  await post('ndar-toute:staff', `${admin}/meetings`, { starts_at: `${isoDay(3)}T10:00`, location: fit(value, 300), agenda: fit(value, 4000), minutes: fit(value, 20_000) });
  const proposal = idFrom((await post('ndar-toute:citizen', `/ndar-toute/consultations/${consultation}/proposals`, { title: fit(value, 150), body: fit(value, 5000), neighbourhood: fit(value, 120), confirmed: '1' })).headers.location);
  await post('ndar-toute:citizen', `/ndar-toute/proposals/${proposal}/comments`, { body: fit(value, 2000) });
  const comment = (await scoped(t.services.db, ndarId).selectFrom('proposal_comments').select('id').where('proposal_id', '=', proposal).executeTakeFirstOrThrow()).id;
  await post('ndar-toute:staff', `/ndar-toute/admin/proposals/${proposal}/answer`, { answer: 'accepted', reason: fit(value, 4000) });
  await post('ndar-toute:mediator', `/ndar-toute/proposals/${proposal}/report`, { reason: fit(value, 500) });
  await post('ndar-toute:mediator', `/ndar-toute/comments/${comment}/report`, { reason: fit(value, 500) });
  return { consultation, proposal, comment };
}

/** Hides both items with the string as reason, appeals with it, and decides with it. */
async function moderateEverything(value: string, ids: { proposal: string; comment: string }, probe: string) {
  await post('ndar-toute:moderator', `/ndar-toute/admin/comments/${ids.comment}/hide`, { reason: fit(value, 500) });
  // The hidden comment's reason, shown publicly in its place while the proposal is still visible.
  await expectInert(null, `/ndar-toute/proposals/${ids.proposal}`, probe);
  await post('ndar-toute:moderator', `/ndar-toute/admin/proposals/${ids.proposal}/hide`, { reason: fit(value, 500) });
  await post('ndar-toute:citizen', `/ndar-toute/proposals/${ids.proposal}/appeal`, { body: fit(value, 1000) });
  await post('ndar-toute:citizen', `/ndar-toute/comments/${ids.comment}/appeal`, { body: fit(value, 1000) });
}

async function decideAppeals(value: string) {
  const open = await scoped(t.services.db, ndarId).selectFrom('moderation_appeals').select('id').where('decided_at', 'is', null).execute();
  for (const appeal of open) await post('ndar-toute:staff', `/ndar-toute/admin/appeals/${appeal.id}/decide`, { decision: 'upheld', reason: fit(value, 500) });
}

describe('hostile strings in every participation field render inert', () => {
  for (const hostile of hostileStrings) {
    it(hostile.name, async () => {
      const ids = await injectEverywhere(hostile.value);
      const probe = hostile.probe.slice(0, 80);
      const pages: [string | null, string][] = [
        [null, '/ndar-toute/consultations'],
        [null, `/ndar-toute/consultations/${ids.consultation}`],
        [null, `/ndar-toute/proposals/${ids.proposal}`],
        ['ndar-toute:staff', '/ndar-toute/admin/consultations'],
        ['ndar-toute:staff', `/ndar-toute/admin/consultations/${ids.consultation}`],
        ['ndar-toute:moderator', '/ndar-toute/admin/moderation'],
        ['ndar-toute:citizen', '/inbox'],
      ];
      for (const [key, url] of pages) await expectInert(key, url, probe);
      await moderateEverything(hostile.value, ids, probe);
      await expectInert('ndar-toute:moderator', '/ndar-toute/admin/moderation', probe);
      await expectInert('ndar-toute:citizen', `/ndar-toute/proposals/${ids.proposal}`, probe);
      await decideAppeals(hostile.value);
      await expectInert('ndar-toute:citizen', '/inbox', probe);
    });
  }

  it('the checks catch a string left unescaped, an event handler, a javascript: link and a bare RTL override', () => {
    const page = (body: string) => `<!doctype html><html dir="ltr"><head><title>x</title><link rel="icon" href="data:,"></head><body>${body}</body></html>`;
    expect(inertnessProblems(page('<p>&lt;script&gt;</p><p dir="auto">a\u202Eb</p><bdi>\u2066c\u2069</bdi>'))).toEqual([]);
    expect(inertnessProblems(page(hostileStrings[0]!.value))).toContain('<script> element');
    expect(inertnessProblems(page(hostileStrings[1]!.value))).toContain('onerror attribute on <img>');
    expect(inertnessProblems(page('<a href=" java\tscript:alert(1)">x</a>'))).toHaveLength(1);
    expect(inertnessProblems(page('<p>a\u202Eb</p>'))).toEqual(['bidi control outside an isolate, in <p>']);
  });

  it('the stylesheet breaks long words inside user content', () => {
    const css = readFileSync(new URL('../../../public/app.css', import.meta.url), 'utf8');
    expect(css).toMatch(/overflow-wrap:\s*anywhere/);
  });
});
