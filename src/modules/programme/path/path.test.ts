import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { forgetScorecards } from '../../network/index.js';
import { pathExport } from './open-data.js';
import { cohortBySlug, deploymentById, measuredSteps, stepsOf } from './queries.js';
import { pathDb } from './tables.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const db = () => pathDb(t.services.db);
const applicationId = async (name: string) => (await db().selectFrom('programme_applications').select('id').where('applicant_name', '=', name).executeTakeFirstOrThrow()).id;
const deploymentOf = async (communeSlug: string, cohortSlug = 'cohorte-1') => {
  const cohort = await cohortBySlug(t.services.db, cohortSlug);
  const row = await db().selectFrom('programme_deployments').select('id').where('commune_id', '=', await t.communeId(communeSlug)).where('cohort_id', '=', cohort!.id).executeTakeFirstOrThrow();
  return (await deploymentById(t.services.db, row.id))!;
};
const auditCount = async (action: string) => Number((await t.services.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).where('action', '=', action).executeTakeFirstOrThrow()).n);

const pairing = '/admin/programme/cohorts/cohorte-2/deployments';
const pairForm = (commune: string, volunteer: string, key?: string) => ({ commune_application: commune, volunteer_application: volunteer, starts_on: '2027-03-01', ends_on: '2027-08-30', ...(key ? { _idempotency: key } : {}) });

describe('pairing communes with volunteers', () => {
  it('refuses applications that are not selected, or selected in another cohort', async () => {
    await db().updateTable('programme_applications').set({ status: 'selected' }).where('applicant_name', 'in', ['Fanta Camara', 'Amina Ben Salah', 'Commune urbaine de Kindia']).execute();
    const notSelected = await t.request('programme:operator', 'POST', pairing, pairForm(await applicationId('Commune de Parakou'), await applicationId('Fanta Camara')));
    expect(notSelected.statusCode).toBe(422);
    expect(notSelected.body).toContain('Seules les candidatures retenues de cette cohorte');
    const otherCohort = await t.request('programme:operator', 'POST', pairing, pairForm(await applicationId('Commune urbaine de Kindia'), await applicationId('Rachid Benali')));
    expect(otherCohort.statusCode).toBe(422);
    expect((await t.request('programme:reviewer', 'GET', pairing)).statusCode).toBe(403);
  });

  it('links a commune application to a commune of the install before pairing it', async () => {
    const kindia = await applicationId('Commune urbaine de Kindia');
    const unlinked = await t.request('programme:operator', 'POST', pairing, pairForm(kindia, await applicationId('Fanta Camara')));
    expect(unlinked.body).toContain('Reliez d’abord la candidature');
    const page = await t.request('programme:operator', 'GET', pairing);
    expect(page.body).toContain(`action="/admin/programme/cohorts/cohorte-2/applications/${kindia}/commune"`);
    const linked = await t.request('programme:operator', 'POST', `/admin/programme/cohorts/cohorte-2/applications/${kindia}/commune`, { commune_id: await t.communeId('ndar-toute') });
    expect(linked.statusCode).toBe(303);
    expect(await auditCount('programme.application.commune_linked')).toBe(1);
  });

  it('applies the country-of-origin rule while it is on, and lets the operator switch it off (audited)', async () => {
    const kindia = await applicationId('Commune urbaine de Kindia');
    const senegalese = await applicationId('Amina Ben Salah');
    await db().updateTable('programme_applications').set({ country: 'SN' }).where('id', '=', senegalese).execute();
    const refused = await t.request('programme:operator', 'POST', pairing, pairForm(kindia, senegalese));
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Refusé : la cohorte envoie les volontaires hors de leur pays d’origine');
    expect(refused.body).toContain(`value="${senegalese}" selected`);
    expect((await t.request('programme:operator', 'POST', `${pairing}/rule`, {})).statusCode).toBe(303);
    expect((await cohortBySlug(t.services.db, 'cohorte-2'))!.volunteers_abroad_only).toBe(false);
    expect(await auditCount('programme.cohort.country_rule')).toBe(1);
    const key = 'pair-once-0123456789';
    const first = await t.request('programme:operator', 'POST', pairing, pairForm(kindia, senegalese, key));
    const again = await t.request('programme:operator', 'POST', pairing, pairForm(kindia, senegalese, key));
    expect([first.statusCode, again.statusCode]).toEqual([303, 303]);
    expect(await auditCount('programme.deployment.paired')).toBe(1);
  });

  it('builds the terms of reference from the commune’s needs and spreads the six steps over the path', async () => {
    const deployment = await deploymentOf('ndar-toute', 'cohorte-2');
    expect(deployment.terms).toEqual([
      { text: 'Publier le budget', fromNeeds: true },
      { text: 'Ouvrir un registre des plaintes', fromNeeds: true },
    ]);
    const steps = await stepsOf(t.services.db, [deployment.id]);
    expect(steps).toHaveLength(6);
    expect(steps.every((s) => s.due_on > '2027-03-01' && s.due_on < '2027-08-30')).toBe(true);
    const edited = await t.request('programme:operator', 'POST', `/network/programme/deployments/${deployment.id}/terms`, { term_0: 'Publier le budget voté', term_1: '', term_new: 'Former deux agents' });
    expect(edited.statusCode).toBe(303);
    expect((await deploymentById(t.services.db, deployment.id))!.terms).toEqual([
      { text: 'Publier le budget voté', fromNeeds: true },
      { text: 'Former deux agents', fromNeeds: false },
    ]);
    // The volunteer reads the terms but does not edit them.
    const rachid = await deploymentOf('ndar-toute');
    expect((await t.request('programme:volunteer', 'POST', `/network/programme/deployments/${rachid.id}/terms`, { term_new: 'x' })).statusCode).toBe(403);
  });

  it('unpairs only before any step is done, and changes the status, both audited', async () => {
    const deployment = await deploymentOf('ndar-toute', 'cohorte-2');
    const base = `${pairing}/${deployment.id}`;
    expect((await t.request('programme:operator', 'POST', `${base}/status`, { status: 'active' })).statusCode).toBe(303);
    expect((await deploymentById(t.services.db, deployment.id))!.status).toBe('active');
    await db().updateTable('programme_path_steps').set({ status: 'done' }).where('deployment_id', '=', deployment.id).where('template', '=', 'budget').execute();
    await t.request('programme:operator', 'POST', `${base}/remove`, {});
    expect(await deploymentById(t.services.db, deployment.id)).toBeDefined();
    await db().updateTable('programme_path_steps').set({ status: 'planned' }).where('deployment_id', '=', deployment.id).execute();
    // A deployment of cohort 1 is not reachable through cohort 2's URL.
    const other = await deploymentOf('tiznit-el-jadida');
    expect((await t.request('programme:operator', 'POST', `${pairing}/${other.id}/remove`, {})).statusCode).toBe(404);
    await t.request('programme:operator', 'POST', `${base}/remove`, {});
    expect(await deploymentById(t.services.db, deployment.id)).toBeUndefined();
    expect(await auditCount('programme.deployment.unpaired')).toBe(1);
    expect(await auditCount('programme.deployment.status')).toBe(1);
  });
});

describe('the assisted path, measured from the data', () => {
  it('marks a step met once the commune’s live indicator reaches the target', async () => {
    const deployment = await deploymentOf('ndar-toute');
    const [before] = await measuredSteps(t.services.db, deployment, (await stepsOf(t.services.db, [deployment.id])).filter((s) => s.template === 'datasets'), new Date());
    const target = (before!.progress.value ?? 0) + 1;
    await db().updateTable('programme_path_steps').set({ target }).where('id', '=', before!.id).execute();
    await forgetScorecards(t.services.db);
    const page = await t.request('programme:volunteer', 'GET', `/network/programme/deployments/${deployment.id}`);
    const row = (html: string) => html.slice(html.indexOf(`id="step-${before!.id}"`), html.indexOf('</tr>', html.indexOf(`id="step-${before!.id}"`)));
    expect(row(page.body)).toContain('pas encore atteinte');
    await sql`insert into open_data_datasets (commune_id, name, title, licence_id, state) values (${deployment.commune_id}, 'path-test-dataset', ${JSON.stringify({ fr: 'Bornes-fontaines' })}::jsonb, 'etalab-2.0', 'published')`.execute(t.services.db);
    await forgetScorecards(t.services.db);
    const after = await t.request('programme:volunteer', 'GET', `/network/programme/deployments/${deployment.id}`);
    expect(row(after.body)).toContain('>atteinte<');
    expect(row(after.body)).toContain(`${target} sur ${target}`);
  });

  it('finds the late steps for a given day, and puts them on the board with the chart and its table', async () => {
    const deployment = await deploymentOf('ndar-toute');
    const steps = await stepsOf(t.services.db, [deployment.id]);
    const lateOn = async (day: string) => (await measuredSteps(t.services.db, deployment, steps, new Date(`${day}T12:00:00Z`))).filter((s) => s.progress.late).map((s) => s.template);
    expect(await lateOn(deployment.starts_on)).toEqual([]);
    expect(await lateOn(deployment.ends_on)).toEqual(expect.arrayContaining(['complaints', 'consultation', 'training', 'successors']));
    expect(await lateOn(deployment.ends_on)).not.toContain('budget');
    const board = await t.request('programme:operator', 'GET', '/admin/programme/board?cohort=cohorte-1');
    expect(board.statusCode).toBe(200);
    expect(board.body).toContain('<svg');
    expect(board.body).toContain('id="board"');
    expect(board.body).toContain('Mettre en place le traitement des plaintes');
    const lateOnly = await t.request('programme:operator', 'GET', '/admin/programme/board?cohort=cohorte-1&late=1');
    expect(lateOnly.body).toContain('Ndar Toute');
    expect(lateOnly.body).not.toContain('Tiznit');
    expect((await t.request('ndar-toute:admin', 'GET', '/admin/programme/board')).statusCode).toBe(403);
  });
});

describe('who sees and changes a deployment', () => {
  it('shows it to the operator, its volunteer and the host commune’s team; to anyone else it does not exist', async () => {
    const { id } = await deploymentOf('ndar-toute');
    for (const key of ['programme:operator', 'programme:volunteer', 'ndar-toute:staff', 'ndar-toute:admin']) expect((await t.request(key, 'GET', `/network/programme/deployments/${id}`)).statusCode, key).toBe(200);
    for (const key of ['programme:volunteer2', 'tiznit-el-jadida:staff', 'tiznit-el-jadida:admin', 'ndar-toute:citizen', 'programme:reviewer']) expect((await t.request(key, 'GET', `/network/programme/deployments/${id}`)).statusCode, key).toBe(404);
    const mine = await t.request('programme:volunteer', 'GET', '/network/programme/deployments');
    expect(mine.body).toContain(`/network/programme/deployments/${id}`);
    expect(mine.body).not.toContain((await deploymentOf('tiznit-el-jadida')).id);
    expect(mine.body).not.toContain('id="board-link"');
    expect((await t.request('programme:operator', 'GET', '/network/programme/deployments')).body).toContain('id="board-link"');
  });

  it('lets the volunteer plan a step, the commune team add evidence only, and refuses steps of another deployment', async () => {
    const deployment = await deploymentOf('ndar-toute');
    const step = (await stepsOf(t.services.db, [deployment.id])).find((s) => s.template === 'consultation')!;
    const url = `/network/programme/deployments/${deployment.id}/steps/${step.id}`;
    const form = { title: 'Consultation sur le marché central', owner: 'Maire adjoint', due_on: step.due_on, status: 'in_progress', indicator: '', target: '', evidence: '', evidence_url: '' };
    expect((await t.request('programme:volunteer', 'POST', url, form)).statusCode).toBe(303);
    const hostile = await t.request('programme:volunteer', 'POST', url, { ...form, evidence_url: 'javascript:alert(1)' });
    expect(hostile.statusCode).toBe(422);
    expect(hostile.body).toContain('value="Consultation sur le marché central"');
    expect((await t.request('ndar-toute:staff', 'POST', url, { title: 'Renamed', evidence: 'Compte rendu affiché à la mairie', evidence_url: 'https://example.org/cr' })).statusCode).toBe(303);
    const saved = (await stepsOf(t.services.db, [deployment.id])).find((s) => s.id === step.id)!;
    expect(saved).toMatchObject({ title: 'Consultation sur le marché central', status: 'in_progress', template: null, evidence: 'Compte rendu affiché à la mairie' });
    expect((await t.request('ndar-toute:staff', 'POST', `${url}/remove`, {})).statusCode).toBe(403);
    const foreign = (await stepsOf(t.services.db, [(await deploymentOf('tiznit-el-jadida')).id]))[0]!;
    expect((await t.request('programme:volunteer', 'GET', `/network/programme/deployments/${deployment.id}/steps/${foreign.id}`)).statusCode).toBe(404);
    expect((await t.request('programme:volunteer', 'POST', `/network/programme/deployments/${deployment.id}/steps/${foreign.id}`, form)).statusCode).toBe(404);
    expect(await auditCount('programme.step.evidence')).toBe(1);
  });
});

describe('the commune’s public programme page and open data', () => {
  it('shows each commune its own deployment, terms and steps, never another’s', async () => {
    const page = await t.request(null, 'GET', '/ndar-toute/programme');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Rachid Benali');
    expect(page.body).toContain('Publier le budget en données ouvertes');
    expect(page.body).toContain('Compte rendu affiché à la mairie');
    const other = await t.request(null, 'GET', '/tiznit-el-jadida/programme');
    expect(other.body).toContain('Aïssatou Ba');
    expect(other.body).not.toContain('Rachid Benali');
    expect(other.body).not.toContain('Compte rendu affiché à la mairie');
    expect(page.body).toContain('href="/ndar-toute/programme"');
  });

  it('exports the commune’s steps with indicator, value, target and whether the data meets it', async () => {
    const rows = await pathExport.rows(t.services.db, await t.communeId('tiznit-el-jadida'));
    expect(rows).toHaveLength(6);
    expect(rows.find((r) => r.indicator === 'datasets_published')).toMatchObject({ step: 'Ouvrir les trois premiers jeux de données', target: 3, cohort: 'Cohorte 1' });
    expect(Object.keys(rows[0]!)).toEqual(['cohort', 'step', 'due_on', 'status', 'indicator', 'value', 'target', 'met']);
  });
});
