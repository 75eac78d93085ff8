import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postMultipart } from '../../../../test-support/multipart.js';
import { createTestApp, type TestApp } from '../../../../test-support/test-app.js';
import { programmeDb } from '../../db/tables.js';
import { dayFrom } from '../state.js';
import { callsDb } from '../tables.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const operator = 'programme:operator';
const db = () => callsDb(t.services.db);
const auditOf = (action: string) => t.services.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();
const fieldsOf = async (slug: string) => {
  const call = await db().selectFrom('programme_calls').select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
  return db().selectFrom('programme_call_fields').selectAll().where('call_id', '=', call.id).orderBy('position').execute();
};
const today = dayFrom(new Date(), 0);
const newCall = { cohort_id: '', audience: 'volunteers', slug: 'volontaires-3', title_fr: 'Appel à volontaires — cohorte 3', description_fr: '**Six mois** <img src=x onerror=alert(1)>', opens_on: today, closes_on: dayFrom(new Date(), 30), lang_en: 'on' };

describe('who reaches the operator’s back-office', () => {
  it('refuses every operator route to reviewers, applicants, commune administrators and visitors, and changes nothing', async () => {
    const routes = t.app.registeredRoutes.filter((r) => r.url.startsWith('/admin/programme') && !/\/(review|board|posts|lessons)/.test(r.url));
    expect(routes.length).toBeGreaterThan(15);
    const [call] = await db().selectFrom('programme_calls').select('slug').execute();
    const [application] = await db().selectFrom('programme_applications').select('id').execute();
    const before = await db().selectFrom('programme_call_fields').select('id').execute();
    for (const route of routes) {
      const url = route.url.replace(':slug', call!.slug).replace(':id', application!.id).replace(/:[A-Za-z]+/g, application!.id);
      for (const key of ['programme:reviewer', 'programme:applicant', 'ndar-toute:admin', null]) {
        const response = await t.request(key, route.method as 'GET' | 'POST', url, route.method === 'POST' ? { key: 'x', label_fr: 'x', kind: 'text', slug: 'pirate', title_fr: 'x' } : undefined);
        expect([303, 401, 403, 404], `${key} ${route.method} ${url} → ${response.statusCode}`).toContain(response.statusCode);
        if (response.statusCode === 303) expect(response.headers.location).toMatch(/^\/sign-in/);
      }
    }
    expect(await db().selectFrom('programme_call_fields').select('id').execute()).toHaveLength(before.length);
    expect(await db().selectFrom('programme_cohorts').select('id').where('slug', '=', 'pirate').execute()).toEqual([]);
  });

  it('shows the back-office link to operators and the review link to reviewers on the public list', async () => {
    expect((await t.request(operator, 'GET', '/network/programme')).body).toContain('href="/admin/programme"');
    expect((await t.request('programme:reviewer', 'GET', '/network/programme')).body).toContain('href="/network/programme/review"');
    expect((await t.request('programme:applicant', 'GET', '/network/programme')).body).not.toContain('id="team-link"');
    const home = await t.request(operator, 'GET', '/admin/programme');
    expect(home.statusCode).toBe(200);
    for (const area of ['team', 'review', 'board', 'posts', 'lessons']) expect(home.body).toContain(`href="/admin/programme/${area}"`);
    expect(home.body).toContain('href="/admin/programme/calls/volontaires-2"');
  });
});

describe('cohorts and calls', () => {
  it('creates a cohort and a call, refusing a call that closes before it opens, keeping what was typed', async () => {
    const cohort = await t.request(operator, 'POST', '/admin/programme/cohorts/new', { slug: 'cohorte-3', title_fr: 'Cohorte 3', path_starts_on: dayFrom(new Date(), 200), path_ends_on: dayFrom(new Date(), 380) });
    expect(cohort.statusCode).toBe(303);
    const row = await programmeDb(t.services.db).selectFrom('programme_cohorts').selectAll().where('slug', '=', 'cohorte-3').executeTakeFirstOrThrow();
    expect(row.volunteers_abroad_only).toBe(false);
    expect(await auditOf('programme.cohort.created')).toHaveLength(1);
    const backwards = await t.request(operator, 'POST', '/admin/programme/calls/new', { ...newCall, cohort_id: row.id, closes_on: dayFrom(new Date(), -1) });
    expect(backwards.statusCode).toBe(422);
    expect(backwards.body).toContain('La clôture ne peut pas précéder l’ouverture.');
    expect(backwards.body).toContain('value="Appel à volontaires — cohorte 3"');
    expect((await t.request(operator, 'POST', '/admin/programme/calls/new', { ...newCall, cohort_id: row.id, slug: 'volontaires-2' })).body).toContain('Cette adresse est déjà utilisée.');
    const created = await t.request(operator, 'POST', '/admin/programme/calls/new', { ...newCall, cohort_id: row.id });
    expect(created.headers.location).toBe('/admin/programme/calls/volontaires-3');
    const call = await db().selectFrom('programme_calls').selectAll().where('slug', '=', 'volontaires-3').executeTakeFirstOrThrow();
    expect(call.published_at).toBeNull();
    expect(call.languages).toEqual(['fr', 'en']);
    expect((await t.request(null, 'GET', '/network/programme/calls/volontaires-3')).statusCode).toBe(404);
  });

  it('publishes a call (its Markdown rendered inert) and refuses to unpublish one with submitted applications', async () => {
    expect((await t.request(operator, 'POST', '/admin/programme/calls/volontaires-3/publish', {})).statusCode).toBe(303);
    const page = await t.request(null, 'GET', '/network/programme/calls/volontaires-3');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<strong>Six mois</strong>');
    expect(page.body).not.toContain('<img src=x');
    expect((await t.request(operator, 'POST', '/admin/programme/calls/volontaires-3/unpublish', {})).statusCode).toBe(303);
    const refused = await t.request(operator, 'POST', '/admin/programme/calls/volontaires-2/unpublish', {});
    expect(refused.statusCode).toBe(409);
    expect((await db().selectFrom('programme_calls').select('published_at').where('slug', '=', 'volontaires-2').executeTakeFirstOrThrow()).published_at).not.toBeNull();
    expect(await auditOf('programme.call.published')).toHaveLength(1);
  });
});

describe('the form builder', () => {
  const base = '/admin/programme/calls/volontaires-3';

  it('adds typed fields, renders hostile labels inert, moves and removes them', async () => {
    const hostile = { key: 'languages', kind: 'choice', label_fr: '<script>alert("x")</script>Langues', options: 'fr | Français | French\nwo | Wolof', required: 'on' };
    expect((await t.request(operator, 'POST', `${base}/fields`, hostile)).statusCode).toBe(303);
    expect((await t.request(operator, 'POST', `${base}/fields`, { key: 'years', kind: 'number', label_fr: 'Années d’expérience', min_value: '0', max_value: '60' })).statusCode).toBe(303);
    const duplicate = await t.request(operator, 'POST', `${base}/fields`, { ...hostile, label_fr: 'Encore' });
    expect(duplicate.statusCode).toBe(422);
    expect(duplicate.body).toContain('Un autre champ de ce formulaire a déjà cet identifiant.');
    const page = await t.request(null, 'GET', '/network/programme/calls/volontaires-2');
    expect(page.body).not.toContain('<script>alert');
    const adminPage = await t.request(operator, 'GET', base);
    expect(adminPage.body).toContain('&lt;script>alert(');
    const [first, second] = await fieldsOf('volontaires-3');
    expect([first!.key, second!.key]).toEqual(['languages', 'years']);
    await t.request(operator, 'POST', `${base}/fields/${second!.id}/move`, { direction: 'up' });
    expect((await fieldsOf('volontaires-3')).map((f) => f.key)).toEqual(['years', 'languages']);
    expect((await t.request(operator, 'POST', `${base}/fields/${second!.id}/remove`, {})).statusCode).toBe(303);
    expect((await fieldsOf('volontaires-3')).map((f) => f.key)).toEqual(['languages']);
    expect(await auditOf('programme.field.added')).toHaveLength(2);
  });

  it('refuses another call’s field through this call’s URL', async () => {
    const [other] = await fieldsOf('volontaires-2');
    expect((await t.request(operator, 'GET', `${base}/fields/${other!.id}`)).statusCode).toBe(404);
    expect((await t.request(operator, 'POST', `${base}/fields/${other!.id}/remove`, {})).statusCode).toBe(404);
    expect(await fieldsOf('volontaires-2')).toContainEqual(other);
  });

  it('once applications were submitted, only accepts optional additions and wording changes, and says so', async () => {
    const locked = '/admin/programme/calls/volontaires-2';
    const page = await t.request(operator, 'GET', locked);
    expect(page.body).toContain('id="form-locked"');
    expect((await t.request(operator, 'POST', `${locked}/fields`, { key: 'extra', kind: 'text', label_fr: 'En plus', required: 'on' })).statusCode).toBe(422);
    expect((await t.request(operator, 'POST', `${locked}/fields`, { key: 'extra', kind: 'text', label_fr: 'En plus' })).statusCode).toBe(303);
    const openData = (await fieldsOf('volontaires-2')).find((f) => f.key === 'open_data')!;
    const edit = { key: 'open_data', kind: 'choice', label_fr: 'Expérience en données ouvertes', required: 'on', options: 'none | Aucune\nsome | Un peu\nstrong | Beaucoup' };
    expect((await t.request(operator, 'POST', `${locked}/fields/${openData.id}`, edit)).statusCode).toBe(303);
    expect((await t.request(operator, 'POST', `${locked}/fields/${openData.id}`, { ...edit, options: 'none | Aucune\nsome | Un peu' })).statusCode).toBe(422);
    expect((await t.request(operator, 'POST', `${locked}/fields/${openData.id}/remove`, {})).statusCode).toBe(409);
    const after = (await fieldsOf('volontaires-2')).find((f) => f.key === 'open_data')!;
    expect(after.label.fr).toBe('Expérience en données ouvertes');
    expect(after.options.map((o) => o.value)).toEqual(['none', 'some', 'strong']);
  });
});

describe('applications seen and entered by the operator', () => {
  it('lists a call’s applications with filters and a count, and shows one', async () => {
    const list = await t.request(operator, 'GET', '/admin/programme/calls/volontaires-1/applications?status=selected&country=MA');
    expect(list.body).toContain('1 candidature(s)');
    expect(list.body).toContain('Rachid Benali');
    expect(list.body).not.toContain('Aïssatou Ba');
    const id = /href="\/admin\/programme\/applications\/([0-9a-f-]{36})"/.exec(list.body)![1]!;
    const one = await t.request(operator, 'GET', `/admin/programme/applications/${id}`);
    expect(one.body).toContain('Données ouvertes municipales');
    expect(one.body).toContain('Décision communiquée');
  });

  it('enters a paper application: submitted at once with a reference, no account, idempotent, audited', async () => {
    const url = '/admin/programme/calls/communes-2/paper';
    const missing = await postMultipart(t, operator, url, { applicant_name: 'Commune de Kolda', country: 'SN', _idempotency: 'paper-key-0000' });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('value="Commune de Kolda"');
    const form = { applicant_name: 'Commune de Kolda', country: 'SN', contact: 'Le secrétaire général', f_political_will: 'Charte signée.', f_civil_society: 'OSC locales.', f_needs: 'Budget ouvert', f_staff_identified: 'yes', f_population: '80 000', _idempotency: 'paper-key-0001' };
    const first = await postMultipart(t, operator, url, form);
    const again = await postMultipart(t, operator, url, form);
    expect(first.statusCode).toBe(303);
    expect(again.headers.location).toBe(first.headers.location);
    const rows = await db().selectFrom('programme_applications').selectAll().where('applicant_name', '=', 'Commune de Kolda').execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ channel: 'paper', status: 'submitted', applicant_user_id: null, entered_by: t.users.get(operator) });
    expect(rows[0]!.answers.population).toBe(80000);
    expect(rows[0]!.reference).toMatch(/^PRG-\d{4}-\d{4}$/);
    expect(await auditOf('programme.application.paper_entered')).toHaveLength(1);
  });
});

describe('the programme’s team', () => {
  it('adds a reviewer by phone (new account), changes the role, removes them; an operator cannot remove themself', async () => {
    const invalid = await t.request(operator, 'POST', '/admin/programme/team', { identifier: 'not a phone', role: 'reviewer' });
    expect(invalid.statusCode).toBe(422);
    expect((await t.request(operator, 'POST', '/admin/programme/team', { identifier: '77 123 45 67', role: 'reviewer' })).statusCode).toBe(303);
    const user = await t.services.db.selectFrom('users').select('id').where('phone_e164', '=', '+221771234567').executeTakeFirstOrThrow();
    const member = () => programmeDb(t.services.db).selectFrom('programme_team').selectAll().where('user_id', '=', user.id).executeTakeFirst();
    expect((await member())?.role).toBe('reviewer');
    await t.request(operator, 'POST', `/admin/programme/team/${user.id}/role`, { role: 'operator' });
    expect((await member())?.role).toBe('operator');
    await t.request(operator, 'POST', `/admin/programme/team/${user.id}/remove`, {});
    expect(await member()).toBeUndefined();
    const self = await t.request(operator, 'POST', `/admin/programme/team/${t.users.get(operator)}/remove`, {});
    expect(self.statusCode).toBe(409);
    expect(self.body).toContain('Vous ne pouvez pas vous retirer vous-même');
    expect((await auditOf('programme.team.added')).length).toBe(1);
    expect((await auditOf('programme.team.removed')).length).toBe(1);
  });
});

describe('open data', () => {
  it('publishes a commune’s own applications, never drafts nor other communes’', async () => {
    const { applicationsExport } = await import('../open-data.js');
    const rows = await applicationsExport.rows(t.services.db, await t.communeId('ndar-toute'));
    expect(rows).toEqual([expect.objectContaining({ call: 'communes-1', audience: 'communes', status: 'selected' })]);
  });
});
