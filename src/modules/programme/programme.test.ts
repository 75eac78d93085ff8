import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymousActor } from '../../platform/permissions/actor.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { programmeDb } from './db/tables.js';
import { nextReference } from './calls/reference.js';
import { teamStanding } from './permissions.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const actorOf = async (key: string) => {
  const user = await t.services.db.selectFrom('users').selectAll().where('id', '=', t.users.get(key)!).executeTakeFirstOrThrow();
  return { user, isPlatformAdmin: user.is_platform_admin, sessionKind: 'staff' as const, roles: new Map() };
};

describe('the programme’s calls, as everyone sees them', () => {
  it('lists the open calls of the next cohort and the closed calls of the running one, linked from the network home page', async () => {
    const page = await t.request(null, 'GET', '/network/programme');
    expect(page.statusCode).toBe(200);
    const open = page.body.slice(page.body.indexOf('id="open-calls"'), page.body.indexOf('id="closed-calls"'));
    expect(open).toContain('href="/network/programme/calls/communes-2"');
    expect(open).toContain('href="/network/programme/calls/volontaires-2"');
    expect(open).toContain('jours pour candidater');
    const closed = page.body.slice(page.body.indexOf('id="closed-calls"'));
    expect(closed).toContain('href="/network/programme/calls/volontaires-1"');
    expect((await t.request(null, 'GET', '/')).body).toContain('href="/network/programme"');
  });

  it('shows a call with its eligibility, languages and the fields of its form, in the reader’s language', async () => {
    const page = await t.request(null, 'GET', '/network/programme/calls/volontaires-2', undefined, { headers: { 'accept-language': 'en' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Call for volunteers — cohort 2');
    expect(page.body).toContain('Is your passport valid for at least one year?');
    expect(page.body).toContain('Application languages: Français, English');
    expect((await t.request(null, 'GET', '/network/programme/calls/no-such-call')).statusCode).toBe(404);
    expect((await t.request(null, 'GET', '/network/programme/calls/..%2F..%2Fetc')).statusCode).toBe(404);
  });

  it('keeps a draft call to the operator: everyone else gets a 404', async () => {
    await programmeDb(t.services.db).updateTable('programme_calls').set({ published_at: null }).where('slug', '=', 'communes-2').execute();
    try {
      expect((await t.request(null, 'GET', '/network/programme/calls/communes-2')).statusCode).toBe(404);
      expect((await t.request('programme:reviewer', 'GET', '/network/programme/calls/communes-2')).statusCode).toBe(404);
      expect((await t.request('programme:operator', 'GET', '/network/programme/calls/communes-2')).statusCode).toBe(200);
      expect((await t.request(null, 'GET', '/network/programme')).body).not.toContain('calls/communes-2"');
    } finally {
      await programmeDb(t.services.db).updateTable('programme_calls').set({ published_at: new Date() }).where('slug', '=', 'communes-2').execute();
    }
  });
});

describe('the programme’s team', () => {
  it('makes platform administrators and team operators operators, reviewers reviewers only, everyone else nothing', async () => {
    const { db } = t.services;
    expect(await teamStanding(db, await actorOf('platform-admin'))).toEqual({ operator: true, reviewer: true });
    expect(await teamStanding(db, await actorOf('programme:operator'))).toEqual({ operator: true, reviewer: true });
    expect(await teamStanding(db, await actorOf('programme:reviewer'))).toEqual({ operator: false, reviewer: true });
    expect(await teamStanding(db, await actorOf('ndar-toute:admin'))).toEqual({ operator: false, reviewer: false });
    expect(await teamStanding(db, anonymousActor)).toEqual({ operator: false, reviewer: false });
  });
});

describe('the demo programme', () => {
  it('has applications at every stage, with references numbered without gaps', async () => {
    const rows = await programmeDb(t.services.db).selectFrom('programme_applications').select(['reference', 'status']).execute();
    const references = rows.flatMap((r) => (r.reference ? [r.reference] : [])).sort();
    expect(references.length).toBe(rows.filter((r) => r.status !== 'draft').length);
    expect(references.map((r) => Number(r.slice(-4)))).toEqual(references.map((_, i) => i + 1));
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['draft', 'submitted', 'selected', 'rejected']));
    const next = await t.services.db.transaction().execute((trx) => nextReference(trx, new Date()));
    expect(next).toBe(references.at(-1)!.replace(/\d{4}$/, String(references.length + 1).padStart(4, '0')));
  });
});

describe('the demo deployments', () => {
  it('pair each selected commune of cohort 1 with a volunteer from another country, terms built from its needs', async () => {
    const rows = await programmeDb(t.services.db)
      .selectFrom('programme_deployments')
      .innerJoin('communes', 'communes.id', 'programme_deployments.commune_id')
      .innerJoin('programme_applications', 'programme_applications.id', 'programme_deployments.volunteer_application_id')
      .select(['communes.slug', 'communes.country as communeCountry', 'programme_applications.country as volunteerCountry', 'programme_deployments.terms'])
      .orderBy('communes.slug')
      .execute();
    expect(rows.map((r) => r.slug)).toEqual(['ndar-toute', 'tiznit-el-jadida']);
    for (const row of rows) expect(row.volunteerCountry).not.toBe(row.communeCountry);
    expect(rows[0]!.terms[0]).toEqual({ text: 'Publier le budget en données ouvertes', fromNeeds: true });
  });
});
