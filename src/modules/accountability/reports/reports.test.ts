import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { accountabilityModule } from '../manifest.js';
import { plansDb, scopedPlans } from '../plans/tables.js';
import { reportsDb } from './tables.js';

let t: TestApp;
let ndar: string;
beforeAll(async () => {
  t = await createTestApp();
  ndar = await t.communeId('ndar-toute');
});
afterAll(() => t.close());

const civil = 'ndar-toute:civil_society';
const monitor = 'ndar-toute:monitor';
const staff = 'ndar-toute:staff';
const commitment = (number: number) => plansDb(t.services.db).selectFrom('accountability_commitments').select(['id', 'plan_id', 'status']).where('commune_id', '=', ndar).where('number', '=', number).orderBy('created_at').executeTakeFirstOrThrow();
const publicPage = async (c: { id: string; plan_id: string }) => (await t.request(null, 'GET', `/ndar-toute/plans/${c.plan_id}/commitments/${c.id}`)).body;
const section = (body: string, id: string) => body.slice(body.indexOf(`id="${id}"`));
const shadow = (fields: Record<string, string> = {}) => ({ organisation: 'Forum civil de Ndar Toute', period_start: '2026-01-01', period_end: '2026-06-30', status: 'limited', narrative_fr: 'Seuls deux services publient leurs marchés.', ...fields });
const reportCount = async () => Number((await reportsDb(t.services.db).selectFrom('accountability_progress_reports').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

describe('civil society’s shadow assessment beside the commune’s report', () => {
  it('refuses bad input keeping what was typed', async () => {
    const first = await commitment(1);
    const refused = await t.request(civil, 'POST', `/ndar-toute/admin/shadow-assessments/${first.id}`, shadow({ narrative_fr: '', evidence_title_1: 'Notre relevé', evidence_url_1: 'javascript:alert(1)', period_end: '2025-01-01' }));
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('value="Forum civil de Ndar Toute"');
    expect(refused.body).toContain('value="Notre relevé"');
    expect(refused.body).toContain('Une adresse web commençant par http:// ou https://.');
    expect(refused.body).toContain('La fin doit être le même jour que le début ou après.');
    expect(await reportCount()).toBe(2);
  });

  it('publishes a shadow assessment shown beside the commune’s report, with a note when the statuses differ', async () => {
    const first = await commitment(1);
    const list = await t.request(civil, 'GET', '/ndar-toute/admin/shadow-assessments');
    expect(list.body).toContain(`href="/ndar-toute/admin/shadow-assessments/${first.id}"`);
    const saved = await t.request(civil, 'POST', `/ndar-toute/admin/shadow-assessments/${first.id}`, shadow({ evidence_title_1: 'Relevé des marchés', evidence_url_1: 'https://example.org/releve' }));
    expect(saved.statusCode).toBe(303);
    const reports = section(await publicPage(first), 'progress-reports');
    expect(reports).toContain('Période du 1 janvier 2026 au 30 juin 2026');
    const commune = reports.indexOf('Rapport de la commune');
    const civilSociety = reports.indexOf('Évaluation parallèle de la société civile — Forum civil de Ndar Toute');
    expect(commune).toBeGreaterThan(0);
    expect(civilSociety).toBeGreaterThan(commune);
    // Both in one grid: two columns on wide screens, stacked on phones.
    expect(reports.slice(reports.indexOf('class="side-by-side"'), civilSociety)).toContain('Rapport de la commune');
    expect(reports).toMatch(/<span class="badge badge-success">Substantiel<\/span>/);
    expect(reports).toMatch(/<span class="badge badge-warning">Limité<\/span>/);
    expect(reports).toContain('Les appréciations diffèrent : la commune dit « Substantiel », Forum civil de Ndar Toute dit « Limité ».');
    expect(reports).toContain('href="https://example.org/releve"');
    // The second commitment has the commune's report only.
    expect(section(await publicPage(await commitment(2)), 'progress-reports')).toContain('Aucune évaluation de la société civile pour cette période.');
  });

  it('lets the author correct a report until a later period is reported, every version in the audit log', async () => {
    const first = await commitment(1);
    const path = `/ndar-toute/admin/shadow-assessments/${first.id}`;
    expect((await t.request(civil, 'POST', path, shadow({ status: 'substantial' }))).statusCode).toBe(303);
    expect(section(await publicPage(first), 'progress-reports')).not.toContain('Les appréciations diffèrent');
    expect((await t.request(civil, 'POST', path, shadow({ period_start: '2026-07-01', period_end: '2026-12-31' }))).statusCode).toBe(303);
    const locked = await t.request(civil, 'POST', path, shadow({ narrative_fr: 'Réécriture' }));
    expect(locked.statusCode).toBe(422);
    expect(locked.body).toContain('ne peut plus être corrigé');
    expect(locked.body).toContain('Réécriture');
    const actions = await t.services.db.selectFrom('audit_log').select(['action', 'details']).where('action', 'like', 'accountability.report.%').orderBy('created_at').execute();
    expect(actions.map((a) => a.action)).toEqual(['accountability.report.published', 'accountability.report.corrected', 'accountability.report.published']);
    expect(actions[1]!.details).toMatchObject({ from: 'limited', to: 'substantial', authorKind: 'civil_society' });
    // The correction form starts from the report being corrected.
    const [own] = await reportsDb(t.services.db).selectFrom('accountability_progress_reports').select('id').where('author_kind', '=', 'civil_society').where('period_start', '=', '2026-01-01').execute();
    expect((await t.request(civil, 'GET', `${path}?edit=${own!.id}`)).body).toContain('Seuls deux services publient leurs marchés.');
  });

  it('staff write the commune’s report from the commitment page', async () => {
    const second = await commitment(2);
    const path = `/ndar-toute/admin/plans/${second.plan_id}/commitments/${second.id}/reports`;
    expect((await t.request(staff, 'GET', `/ndar-toute/admin/plans/${second.plan_id}/commitments/${second.id}`)).body).toContain(`href="${path}"`);
    const saved = await t.request(staff, 'POST', path, { period_start: '2026-07-01', period_end: '2026-12-31', status: 'limited', narrative_fr: 'Les votes de quartier sont en préparation.', challenges_fr: 'Trouver des salles.' });
    expect(saved.statusCode).toBe(303);
    const reports = section(await publicPage(second), 'progress-reports');
    expect(reports).toContain('Les votes de quartier sont en préparation.');
    expect(reports).toContain('Trouver des salles.');
    // Staff write the commune's report, not civil society's.
    expect((await t.request(staff, 'POST', `/ndar-toute/admin/shadow-assessments/${second.id}`, shadow())).statusCode).toBe(403);
  });
});

describe('the monitoring body’s independent review', () => {
  it('records an IRM-style review shown apart from the commune’s own status, which it cannot change', async () => {
    const second = await commitment(2);
    const path = `/ndar-toute/admin/commitment-reviews/${second.id}`;
    const refused = await t.request(monitor, 'POST', path, { verifiable: 'yes', ogp_values: ['participation', 'inclusion'], potential_impact: 'huge', completion: 'limited', rationale_fr: 'Les quartiers votent enfin.', review_date: '2026-08-01' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Les quartiers votent enfin.');
    expect(refused.body).toMatch(/value="inclusion" checked/);
    const saved = await t.request(monitor, 'POST', path, { verifiable: 'yes', ogp_values: ['participation', 'inclusion'], potential_impact: 'substantial', completion: 'no_evidence', early_results: 'modest', rationale_fr: 'Les quartiers votent enfin.', review_date: '2026-08-01' });
    expect(saved.statusCode).toBe(303);
    const review = section(await publicPage(second), 'independent-review');
    expect(review).toContain('Revue indépendante');
    expect(review).toContain('Appréciation de l’organe de suivi indépendant, distincte de l’état déclaré par la commune');
    expect(review).toContain('Aucune preuve disponible');
    expect(review).toContain('<dd>participation citoyenne, inclusion</dd>');
    expect(review).toContain('Modestes');
    expect((await commitment(2)).status).toBe('limited');
    const before = (await commitment(2)).status;
    expect((await t.request(monitor, 'POST', `/ndar-toute/admin/plans/${second.plan_id}/commitments/${second.id}/status`, { status: 'complete' })).statusCode).toBe(403);
    expect((await t.request(monitor, 'POST', `/ndar-toute/admin/plans/${second.plan_id}/commitments/${second.id}/reports`, { period_start: '2026-01-01', period_end: '2026-02-01', status: 'complete', narrative_fr: 'x' })).statusCode).toBe(403);
    expect((await commitment(2)).status).toBe(before);
    const audit = await t.services.db.selectFrom('audit_log').select('action').where('action', '=', 'accountability.review.recorded').execute();
    expect(audit).toHaveLength(1);
  });

  it('refuses staff, administrators and civil society', async () => {
    const first = await commitment(1);
    const review = { verifiable: 'no', potential_impact: 'unclear', completion: 'limited', rationale_fr: 'x', review_date: '2026-08-01' };
    for (const key of [staff, 'ndar-toute:admin', civil]) {
      expect((await t.request(key, 'GET', '/ndar-toute/admin/commitment-reviews')).statusCode).toBe(403);
      expect((await t.request(key, 'POST', `/ndar-toute/admin/commitment-reviews/${first.id}`, review)).statusCode).toBe(403);
    }
    expect(await reportsDb(t.services.db).selectFrom('accountability_reviews').select('id').where('commitment_id', '=', first.id).execute()).toHaveLength(1);
  });
});

describe('only the commune’s published plans, only the commune’s own assessors', () => {
  it('refuses shadow assessments and reviews of a draft plan’s commitments', async () => {
    const scope = scopedPlans(t.services.db, ndar);
    const draft = await scope.insertInto('accountability_plans', { kind: 'other', title: JSON.stringify({ fr: 'Plan en préparation' }), period_start: '2026-01-01', period_end: '2026-12-31' }).returning('id').executeTakeFirstOrThrow();
    const hidden = await scope.insertInto('accountability_commitments', { plan_id: draft.id, number: 1, title: JSON.stringify({ fr: 'Engagement en préparation' }) }).returning('id').executeTakeFirstOrThrow();
    const before = await reportCount();
    expect((await t.request(civil, 'GET', `/ndar-toute/admin/shadow-assessments/${hidden.id}`)).statusCode).toBe(404);
    expect((await t.request(civil, 'POST', `/ndar-toute/admin/shadow-assessments/${hidden.id}`, shadow())).statusCode).toBe(404);
    expect((await t.request(monitor, 'POST', `/ndar-toute/admin/commitment-reviews/${hidden.id}`, { verifiable: 'no', potential_impact: 'unclear', completion: 'limited', rationale_fr: 'x', review_date: '2026-08-01' })).statusCode).toBe(404);
    expect((await t.request(civil, 'GET', '/ndar-toute/admin/shadow-assessments')).body).not.toContain('Engagement en préparation');
    // Staff may prepare the commune's report on a draft; it is not published with the open data until the plan is.
    expect((await t.request(staff, 'POST', `/ndar-toute/admin/plans/${draft.id}/commitments/${hidden.id}/reports`, { period_start: '2026-01-01', period_end: '2026-03-31', status: 'limited', narrative_fr: 'Rapport d’un brouillon' })).statusCode).toBe(303);
    expect(await reportCount()).toBe(before + 1);
    const exported = await accountabilityModule.openDataExports!.find((e) => e.id === 'accountability-progress-reports')!.rows(t.services.db, ndar);
    expect(exported.map((row) => row.narrative)).not.toContain('Rapport d’un brouillon');
  });

  it('keeps civil society of one commune out of another’s commitments', async () => {
    const first = await commitment(1);
    const tiznit = await t.communeId('tiznit-el-jadida');
    await t.services.db.insertInto('role_grants').values({ commune_id: tiznit, user_id: t.users.get('tiznit-el-jadida:citizen')!, role: 'civil_society' }).execute();
    const outsider = 'tiznit-el-jadida:citizen';
    const before = await reportCount();
    expect((await t.request(outsider, 'GET', '/tiznit-el-jadida/admin/shadow-assessments')).statusCode).toBe(200);
    expect((await t.request(outsider, 'POST', `/ndar-toute/admin/shadow-assessments/${first.id}`, shadow())).statusCode).toBe(403);
    expect((await t.request(outsider, 'POST', `/tiznit-el-jadida/admin/shadow-assessments/${first.id}`, shadow())).statusCode).toBe(404);
    expect(await reportCount()).toBe(before);
  });
});

describe('the assessors’ back-office and the open data', () => {
  it('shows civil society and the monitoring body only their own entries, without the team’s figures', async () => {
    const home = await t.request(civil, 'GET', '/ndar-toute/admin');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('href="/ndar-toute/admin/shadow-assessments"');
    expect(home.body).not.toContain('href="/ndar-toute/admin/plans"');
    expect(home.body).not.toContain('href="/ndar-toute/admin/commitment-reviews"');
    expect(home.body).not.toContain('membres de l&#39;équipe communale');
    expect(home.body).not.toContain('membres de l\'équipe communale');
    const monitorHome = await t.request(monitor, 'GET', '/ndar-toute/admin');
    expect(monitorHome.body).toContain('href="/ndar-toute/admin/commitment-reviews"');
    expect(monitorHome.body).not.toContain('href="/ndar-toute/admin/shadow-assessments"');
    expect((await t.request(staff, 'GET', '/ndar-toute/admin')).body).toMatch(/membres de l(&#39;|')équipe communale/);
  });

  it('exports the reports and reviews of published plans, naming organisations but never people', async () => {
    const exports = accountabilityModule.openDataExports!;
    const reports = await exports.find((e) => e.id === 'accountability-progress-reports')!.rows(t.services.db, ndar);
    expect(reports.length).toBeGreaterThanOrEqual(4);
    expect(reports.find((row) => row.author_kind === 'civil_society')).toMatchObject({ organisation: 'Forum civil de Ndar Toute', status: 'substantial', period_start: '2026-01-01' });
    expect(JSON.stringify(reports)).not.toContain('Aminata');
    const reviews = await exports.find((e) => e.id === 'accountability-reviews')!.rows(t.services.db, ndar);
    expect(reviews.map((row) => row.completion).sort()).toEqual(['limited', 'no_evidence']);
    expect(reviews[0]!.url).toMatch(/^\/ndar-toute\/plans\/.+\/commitments\//);
    expect(await exports.find((e) => e.id === 'accountability-reviews')!.rows(t.services.db, await t.communeId('tiznit-el-jadida'))).toEqual([]);
    const csv = await t.request(null, 'GET', '/ndar-toute/data');
    expect(csv.body).toContain('Rapports d’avancement des engagements');
  });
});
