import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { plansDb } from './tables.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const base = '/ndar-toute/admin/plans';
const staff = 'ndar-toute:staff';
const idFrom = (location: unknown) => String(location).split('/').pop()!;
const auditActions = async () => (await t.services.db.selectFrom('audit_log').select('action').where('action', 'like', 'accountability.%').orderBy('created_at').execute()).map((a) => a.action);

describe('staff write plans and report progress', () => {
  it('creates a plan and a commitment, refuses bad input keeping it, publishes, and the public sees the progress', async () => {
    const refused = await t.request(staff, 'POST', base, { kind: 'development_plan', title_fr: 'PDC 2026-2031', period_start: '2031-01-01', period_end: '2026-01-01' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('La fin doit être le même jour que le début ou après.');
    expect(refused.body).toContain('value="PDC 2026-2031"');
    const created = await t.request(staff, 'POST', base, { kind: 'development_plan', title_fr: 'PDC 2026-2031', title_ar: 'مخطط التنمية 2026-2031', period_start: '2026-01-01', period_end: '2031-12-31', influence_level: 'collaborate' });
    expect(created.statusCode).toBe(303);
    const planId = idFrom(created.headers.location);
    const badCommitment = await t.request(staff, 'POST', `${base}/${planId}/commitments`, { title_fr: 'Eau potable', weight: '1', sdgs: '6, 42', ogp_values: ['transparency', 'inclusion'] });
    expect(badCommitment.statusCode).toBe(422);
    expect(badCommitment.body).toContain('Des nombres de 1 à 17');
    expect(badCommitment.body).toMatch(/value="inclusion" checked/);
    const commitment = await t.request(staff, 'POST', `${base}/${planId}/commitments`, { title_fr: 'Eau potable dans chaque quartier', problem_fr: 'Des quartiers sans borne-fontaine.', weight: '2', sdgs: '6', ogp_values: ['participation', 'inclusion'], lead_institution: 'Service technique' });
    expect(commitment.statusCode).toBe(303);
    const commitmentPath = String(commitment.headers.location);
    expect((await t.request(staff, 'POST', `${commitmentPath}/milestones`, { milestone_title: 'Étude des besoins', responsible: 'Service technique' })).statusCode).toBe(303);
    expect((await t.request(staff, 'POST', `${commitmentPath}/milestones`, { milestone_title: 'Dix bornes posées' })).statusCode).toBe(303);
    const [study] = await plansDb(t.services.db).selectFrom('accountability_milestones').select('id').where('commitment_id', '=', idFrom(commitmentPath)).orderBy('position').execute();
    expect((await t.request(staff, 'POST', `${commitmentPath}/milestones/${study!.id}/status`, { status: 'complete' })).statusCode).toBe(303);
    expect((await t.request(staff, 'POST', `${commitmentPath}/evidence`, { evidence_title: 'Rapport d’étude', evidence_url: 'javascript:alert(1)' })).statusCode).toBe(422);
    expect((await t.request(staff, 'POST', `${commitmentPath}/evidence`, { evidence_title: 'Rapport d’étude', evidence_url: 'https://example.org/etude.pdf' })).statusCode).toBe(303);

    expect((await t.request(null, 'GET', `/ndar-toute/plans/${planId}`)).statusCode).toBe(404);
    expect((await t.request(staff, 'POST', `${base}/${planId}/state`, { state: 'published' })).statusCode).toBe(303);
    const publicPlan = await t.request(null, 'GET', `/ndar-toute/plans/${planId}`);
    expect(publicPlan.body).toContain('Avancement du plan : 50 %');
    const publicCommitment = await t.request(null, 'GET', `/ndar-toute/plans/${planId}/commitments/${idFrom(commitmentPath)}`);
    expect(publicCommitment.body).toContain('href="https://example.org/etude.pdf"');
    expect(publicCommitment.body).toContain('ODD 6');
    // The public timeline says what changed and when, never who.
    const timeline = publicCommitment.body.slice(publicCommitment.body.indexOf('id="timeline"'));
    expect(timeline).toContain('État d’un jalon : Non commencé → Achevé');
    expect(timeline).toContain('Preuve ajoutée');
    expect(timeline).not.toContain('Staff');
    // Once the plan is public, a commitment's status change is an official statement in the tamper-evident record.
    expect((await t.request(staff, 'POST', `${commitmentPath}/status`, { status: 'limited' })).statusCode).toBe(303);
    const ledger = await t.request(null, 'GET', '/ndar-toute/ledger');
    expect(ledger.body).toContain('Engagement 1 : not_started → limited');
    expect((await t.request(null, 'GET', `/ndar-toute/plans/${planId}/commitments/${idFrom(commitmentPath)}`)).body).toContain('État de l’engagement : Non commencé → Limité');
    expect((await auditActions()).slice(0, 7)).toEqual(['accountability.plan.created', 'accountability.commitment.created', 'accountability.milestone.created', 'accountability.milestone.created', 'accountability.milestone.status_changed', 'accountability.evidence.added', 'accountability.plan.published']);
  });

  it('keeps other communes’ plans and other people out', async () => {
    const plan = await plansDb(t.services.db).selectFrom('accountability_plans').select('id').orderBy('created_at').executeTakeFirstOrThrow();
    expect((await t.request('tiznit-el-jadida:staff', 'GET', `/tiznit-el-jadida/admin/plans/${plan.id}`)).statusCode).toBe(404);
    expect((await t.request('tiznit-el-jadida:staff', 'POST', `/tiznit-el-jadida/admin/plans/${plan.id}/state`, { state: 'draft' })).statusCode).toBe(404);
    expect((await t.request('ndar-toute:citizen', 'GET', base)).statusCode).toBe(403);
    expect((await t.request('ndar-toute:moderator', 'POST', base, { kind: 'other', title_fr: 'X', period_start: '2026-01-01', period_end: '2026-02-01' })).statusCode).toBe(403);
    const stillPublished = await plansDb(t.services.db).selectFrom('accountability_plans').select('state').where('id', '=', plan.id).executeTakeFirstOrThrow();
    expect(stillPublished.state).toBe('published');
  });

  it('takes the long texts in other languages, and each reader gets their own (French when there is none)', async () => {
    const plan = await plansDb(t.services.db).selectFrom('accountability_plans').select('id').where('state', '=', 'published').orderBy('created_at').executeTakeFirstOrThrow();
    const created = await t.request(staff, 'POST', `${base}/${plan.id}/commitments`, {
      title_fr: 'Budget lisible', weight: '1', problem_fr: 'Le budget est illisible.', problem_ar: 'الميزانية غير مفهومة.', action_fr: 'Un budget citoyen chaque année.', action_en: 'A citizen budget every year.',
    });
    expect(created.statusCode).toBe(303);
    const editPage = await t.request(staff, 'GET', String(created.headers.location));
    expect(editPage.body).toContain('<details open class="translations"><summary>Traduction — العربية</summary>');
    expect(editPage.body).toContain('الميزانية غير مفهومة.</textarea>');
    const publicPath = `/ndar-toute/plans/${plan.id}/commitments/${idFrom(created.headers.location)}`;
    const arabic = await t.request(null, 'GET', publicPath, undefined, { headers: { 'accept-language': 'ar' } });
    expect(arabic.body).toContain('الميزانية غير مفهومة.');
    const english = await t.request(null, 'GET', publicPath, undefined, { headers: { 'accept-language': 'en' } });
    expect(english.body).toContain('A citizen budget every year.');
    expect(english.body).toContain('Le budget est illisible.');
  });
});
