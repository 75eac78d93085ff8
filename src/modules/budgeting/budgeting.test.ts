import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlErrorCode } from '../../test-support/sql-error.js';
import { createTestApp, type TestApp, testCsrfToken } from '../../test-support/test-app.js';
import { listProposalSummaries } from '../participation/index.js';
import { budgetingExports } from './exports.js';
import { scoped } from './queries/budget-queries.js';

let t: TestApp;
let ndarId: string;
let tiznitId: string;
let seededRoundId: string;

const flat = (html: string) => html.replace(/[\u00a0\u202f]/g, ' ');
const audited = async (resourceId: string) => (await t.services.db.selectFrom('audit_log').select('action').where('resource_id', '=', resourceId).execute()).map((a) => a.action);
const idFrom = (location: unknown) => String(location).split('/').pop()!;

const roundForm = (overrides: Record<string, string> = {}) => ({
  title_fr: 'Budget des jeunes 2027',
  description_fr: 'Des projets pour la jeunesse.',
  total_amount: '1 500 000',
  per_neighbourhood: 'on',
  sub_budgets: 'Sor: 1 000 000\nPikine: 500000',
  rule: 'approval',
  max_choices: '3',
  status: 'published',
  allow_assisted: 'on',
  ...overrides,
});

beforeAll(async () => {
  t = await createTestApp();
  ndarId = await t.communeId('ndar-toute');
  tiznitId = await t.communeId('tiznit-el-jadida');
  seededRoundId = (await scoped(t.services.db, ndarId).selectFrom('budget_rounds').select('id').executeTakeFirstOrThrow()).id;
});
afterAll(() => t.close());

describe('public pages', () => {
  it('show the round: total, rule in plain words, timeline, split chart with its table, projects by neighbourhood, refusals with reasons', async () => {
    expect((await t.request(null, 'GET', '/ndar-toute/budgets')).body).toContain(seededRoundId);
    const page = await t.request(null, 'GET', `/ndar-toute/budgets/${seededRoundId}`);
    expect(page.statusCode).toBe(200);
    const body = flat(page.body);
    expect(body).toContain('25 000 000 F CFA');
    expect(body).toContain('dont le coût total ne dépasse pas 25 000 000 F CFA');
    expect(body).toContain('aria-current="step"');
    expect(body).toContain('<svg');
    expect(body).toContain('10 000 000 F CFA');
    expect(body).toContain('<h3>Pikine</h3>');
    expect(body).toMatch(/id="not-feasible"[\s\S]*Une digue contre l’érosion[\s\S]*Relève de l’État/);
  });

  it('credit the proposal a project comes from, with a link', async () => {
    const project = await scoped(t.services.db, ndarId).selectFrom('budget_projects').select(['id', 'proposal_id']).where('proposal_id', 'is not', null).executeTakeFirstOrThrow();
    const page = await t.request(null, 'GET', `/ndar-toute/budgets/${seededRoundId}/projects/${project.id}`);
    expect(page.body).toContain('D’après la proposition de Fatou Diop');
    expect(page.body).toContain(`href="/ndar-toute/proposals/${project.proposal_id}"`);
  });

  it('speak Arabic and count in dirhams in Tiznit', async () => {
    const round = await scoped(t.services.db, tiznitId).selectFrom('budget_rounds').select(['id', 'currency']).executeTakeFirstOrThrow();
    expect(round.currency).toBe('MAD');
    const page = await t.request(null, 'GET', `/tiznit-el-jadida/budgets/${round.id}`, undefined, { headers: { 'accept-language': 'ar' } });
    expect(page.body).toContain('dir="rtl"');
    expect(page.body).toContain('التصويت بالموافقة');
    expect(flat(page.body)).toContain('400,000');
  });

  it('hide drafts and other communes’ rounds and projects', async () => {
    const draft = await t.request('ndar-toute:staff', 'POST', '/ndar-toute/admin/budgets', roundForm({ status: 'draft', title_fr: 'Brouillon secret' }));
    const draftId = idFrom(draft.headers.location);
    expect((await t.request(null, 'GET', `/ndar-toute/budgets/${draftId}`)).statusCode).toBe(404);
    expect((await t.request(null, 'GET', '/ndar-toute/budgets')).body).not.toContain('Brouillon secret');
    const project = await scoped(t.services.db, ndarId).selectFrom('budget_projects').select('id').executeTakeFirstOrThrow();
    expect((await t.request(null, 'GET', `/tiznit-el-jadida/budgets/${seededRoundId}`)).statusCode).toBe(404);
    expect((await t.request(null, 'GET', `/tiznit-el-jadida/budgets/${seededRoundId}/projects/${project.id}`)).statusCode).toBe(404);
    const exported = await budgetingExports[0]!.rows(t.services.db, ndarId);
    expect(exported.length).toBeGreaterThan(3);
    expect(exported.every((row) => !('reviewed_by' in row))).toBe(true);
    expect((await budgetingExports[0]!.rows(t.services.db, tiznitId)).some((row) => row.round_id === seededRoundId)).toBe(false);
  });
});

describe('staff set up a round', () => {
  let roundId: string;

  it('refuse sub-budgets that do not add up, keeping what was typed; then create the round, audited', async () => {
    const wrong = await t.request('ndar-toute:staff', 'POST', '/ndar-toute/admin/budgets', roundForm({ sub_budgets: 'Sor: 1 000 000\nPikine: 400 000' }));
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('La somme des enveloppes par quartier doit être égale au montant total.');
    expect(wrong.body).toContain('Pikine: 400 000');
    const noMax = await t.request('ndar-toute:staff', 'POST', '/ndar-toute/admin/budgets', roundForm({ max_choices: '' }));
    expect(noMax.statusCode).toBe(422);
    const created = await t.request('ndar-toute:staff', 'POST', '/ndar-toute/admin/budgets', roundForm());
    expect(created.statusCode).toBe(303);
    roundId = idFrom(created.headers.location);
    const row = await scoped(t.services.db, ndarId).selectFrom('budget_rounds').selectAll().where('id', '=', roundId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ currency: 'XOF', total_amount: 1_500_000, rule: 'approval', max_choices: 3, points: null, per_neighbourhood: true });
    expect(await audited(roundId)).toContain('budget_round.created');
  });

  it('save phases typed in commune time, in order', async () => {
    const backwards = await t.request('ndar-toute:staff', 'POST', `/ndar-toute/admin/budgets/${roundId}/phases`, { ideas_starts_at: '2027-01-10T08:00', ideas_ends_at: '2027-01-31T18:00', voting_starts_at: '2027-01-05T08:00', voting_ends_at: '2027-01-20T18:00' });
    expect(backwards.statusCode).toBe(422);
    expect(backwards.body).toContain('2027-01-05T08:00');
    const saved = await t.request('ndar-toute:staff', 'POST', `/ndar-toute/admin/budgets/${roundId}/phases`, { ideas_starts_at: '2027-01-10T08:00', ideas_ends_at: '2027-01-31T18:00', voting_starts_at: '2027-03-01T08:00', voting_ends_at: '2027-03-15T18:00' });
    expect(saved.statusCode).toBe(303);
    const phases = await scoped(t.services.db, ndarId).selectFrom('budget_round_phases').selectAll().where('round_id', '=', roundId).execute();
    // Dakar is UTC all year.
    expect(phases.find((p) => p.kind === 'voting')!.starts_at.toISOString()).toBe('2027-03-01T08:00:00.000Z');
    expect(await audited(roundId)).toContain('budget_round.phases_saved');
  });

  let projectId: string;
  it('add a project: bad cost and unknown neighbourhood are shown beside the fields, the title kept', async () => {
    const bad = await t.request('ndar-toute:staff', 'POST', `/ndar-toute/admin/budgets/${roundId}/projects`, { title: 'Maison des jeunes', description: 'Un lieu pour se retrouver.', neighbourhood: 'Ailleurs', estimated_cost: 'cher' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('value="Maison des jeunes"');
    expect(bad.body).toContain('Choisissez un des quartiers qui ont une enveloppe.');
    expect(bad.body).toContain('Saisissez un montant entier positif');
    const created = await t.request('ndar-toute:staff', 'POST', `/ndar-toute/admin/budgets/${roundId}/projects`, { title: 'Maison des jeunes', description: 'Un lieu pour se retrouver.', neighbourhood: 'Sor', estimated_cost: '800 000', latitude: '16.03', longitude: '-16.5' });
    expect(created.statusCode).toBe(303);
    projectId = idFrom(created.headers.location);
    expect(await audited(projectId)).toContain('budget_project.created');
  });

  it('take a photo with the project form (multipart, checked by content); a text file is refused beside the field', async () => {
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#1f6f4a' } }).png().toBuffer();
    const post = async (file: Buffer, name: string) => {
      const boundary = 'budgetingboundary';
      const part = (field: string, value: string) => `--${boundary}\r\ncontent-disposition: form-data; name="${field}"\r\n\r\n${value}\r\n`;
      const fieldsPart = [part('title', 'Maison des jeunes'), part('description', 'Un lieu pour se retrouver.'), part('neighbourhood', 'Sor'), part('estimated_cost', '800 000'), part('latitude', '16.03'), part('longitude', '-16.5')].join('');
      const payload = Buffer.concat([Buffer.from(`${fieldsPart}--${boundary}\r\ncontent-disposition: form-data; name="photo"; filename="${name}"\r\ncontent-type: application/octet-stream\r\n\r\n`), file, Buffer.from(`\r\n--${boundary}--\r\n`)]);
      return t.app.inject({ method: 'POST', url: `/ndar-toute/admin/budgets/${roundId}/projects/${projectId}?_csrf=${testCsrfToken}`, payload, headers: { cookie: await t.cookiesFor('ndar-toute:staff'), 'content-type': `multipart/form-data; boundary=${boundary}` } });
    };
    const refused = await post(Buffer.from('not an image'), 'notes.txt');
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('La photo doit être une image JPEG, PNG ou WebP.');
    expect((await post(png, 'site.png')).statusCode).toBe(303);
    const row = await scoped(t.services.db, ndarId).selectFrom('budget_projects').select('photo_file_id').where('id', '=', projectId).executeTakeFirstOrThrow();
    expect(row.photo_file_id).not.toBeNull();
    expect((await t.request(null, 'GET', `/ndar-toute/budgets/${roundId}/projects/${projectId}`)).body).toContain(`/files/${row.photo_file_id}`);
    expect(await audited(projectId)).toContain('budget_project.updated');
  });

  it('create a project from a proposal, pre-filled and linked', async () => {
    const [proposal] = await listProposalSummaries(t.services.db, ndarId);
    if (!proposal) throw new Error('the demo seed has proposals');
    const form = await t.request('ndar-toute:staff', 'GET', `/ndar-toute/admin/budgets/${roundId}/projects/new?proposal=${proposal.id}`);
    expect(form.body).toContain(`name="proposal_id" value="${proposal.id}"`);
    expect(form.body).toContain(proposal.title.replace(/'/g, '&#39;'));
    const foreign = await t.request('tiznit-el-jadida:staff', 'GET', `/tiznit-el-jadida/admin/budgets/${roundId}/projects/new?proposal=${proposal.id}`);
    expect(foreign.statusCode).toBe(404);
  });

  it('review feasibility: "not feasible" needs a public reason; a revised cost needs a public note', async () => {
    const url = `/ndar-toute/admin/budgets/${roundId}/projects/${projectId}/review`;
    const noReason = await t.request('ndar-toute:staff', 'POST', url, { feasibility: 'not_feasible', feasibility_reason: '' });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.body).toContain('Expliquez publiquement pourquoi le projet n’est pas réalisable.');
    expect((await t.request('ndar-toute:staff', 'POST', url, { feasibility: 'feasible', revised_cost: '900000' })).statusCode).toBe(422);
    expect((await t.request('ndar-toute:staff', 'POST', url, { feasibility: 'not_feasible', feasibility_reason: 'Le terrain appartient à l’État.' })).statusCode).toBe(303);
    const refused = await t.request(null, 'GET', `/ndar-toute/budgets/${roundId}`);
    expect(refused.body).toMatch(/id="not-feasible"[\s\S]*Le terrain appartient à l’État\./);
    expect((await t.request('ndar-toute:staff', 'POST', url, { feasibility: 'feasible', revised_cost: '900 000', cost_note: 'Toiture plus chère.' })).statusCode).toBe(303);
    const page = flat((await t.request(null, 'GET', `/ndar-toute/budgets/${roundId}/projects/${projectId}`)).body);
    expect(page).toContain('Réalisable');
    expect(page).toContain('900 000 F CFA');
    expect(page).toContain('Coût révisé : Toiture plus chère.');
    expect(page).toContain('16.03, -16.5');
    expect((await audited(projectId)).filter((a) => a === 'budget_project.reviewed')).toHaveLength(2);
  });

  it('every back-office route refuses staff of another commune', async () => {
    const other = 'tiznit-el-jadida:staff';
    const base = `/tiznit-el-jadida/admin/budgets/${roundId}`;
    expect((await t.request(other, 'GET', base)).statusCode).toBe(404);
    expect((await t.request(other, 'POST', base, roundForm())).statusCode).toBe(404);
    expect((await t.request(other, 'POST', `${base}/phases`, {})).statusCode).toBe(404);
    expect((await t.request(other, 'GET', `${base}/projects/new`)).statusCode).toBe(404);
    expect((await t.request(other, 'POST', `${base}/projects`, { title: 'x', description: 'y', estimated_cost: '1' })).statusCode).toBe(404);
    expect((await t.request(other, 'GET', `${base}/projects/${projectId}`)).statusCode).toBe(404);
    expect((await t.request(other, 'POST', `${base}/projects/${projectId}`, { title: 'x', description: 'y', estimated_cost: '1' })).statusCode).toBe(404);
    expect((await t.request(other, 'POST', `${base}/projects/${projectId}/review`, { feasibility: 'feasible' })).statusCode).toBe(404);
    expect((await t.request(other, 'GET', '/tiznit-el-jadida/admin/budgets')).body).not.toContain(roundId);
    // The commune's own staff, signed in elsewhere, cannot reach it through their commune's address either.
    expect((await t.request('ndar-toute:citizen', 'GET', `/ndar-toute/admin/budgets/${roundId}`)).statusCode).toBe(403);
  });

  describe('once voting has opened', () => {
    beforeAll(async () => {
      // The vote opened an hour ago.
      await scoped(t.services.db, ndarId).updateTable('budget_round_phases').set({ starts_at: new Date(Date.now() - 3600_000), ends_at: new Date(Date.now() + 14 * 24 * 3600_000) }).where('round_id', '=', roundId).where('kind', '=', 'voting').execute();
      await scoped(t.services.db, ndarId).updateTable('budget_round_phases').set({ starts_at: new Date(Date.now() - 30 * 24 * 3600_000), ends_at: new Date(Date.now() - 2 * 24 * 3600_000) }).where('round_id', '=', roundId).where('kind', '=', 'ideas').execute();
    });

    it('the application refuses changes to the rule, amounts and projects with a clear message, and still allows wording', async () => {
      const rule = await t.request('ndar-toute:staff', 'POST', `/ndar-toute/admin/budgets/${roundId}`, roundForm({ max_choices: '4' }));
      expect(rule.statusCode).toBe(409);
      expect(rule.body).toContain('la règle de vote, les montants et la liste des projets sont figés');
      expect(rule.body).toContain('BUDGET_FROZEN');
      expect((await t.request('ndar-toute:staff', 'POST', `/ndar-toute/admin/budgets/${roundId}/projects`, { title: 'Tard', description: 'Trop tard', neighbourhood: 'Sor', estimated_cost: '1000' })).statusCode).toBe(409);
      expect((await t.request('ndar-toute:staff', 'POST', `/ndar-toute/admin/budgets/${roundId}/projects/${projectId}/review`, { feasibility: 'pending' })).statusCode).toBe(409);
      expect((await t.request('ndar-toute:staff', 'POST', `/ndar-toute/admin/budgets/${roundId}/phases`, { voting_starts_at: '2030-01-01T08:00', voting_ends_at: '2030-01-10T08:00' })).statusCode).toBe(409);
      const wording = await t.request('ndar-toute:staff', 'POST', `/ndar-toute/admin/budgets/${roundId}`, roundForm({ title_fr: 'Budget des jeunes 2027 (vote ouvert)' }));
      expect(wording.statusCode).toBe(303);
      expect((await t.request('ndar-toute:staff', 'GET', `/ndar-toute/admin/budgets/${roundId}`)).body).toContain('Le vote est ouvert : la règle, les montants');
    });

    it('the database refuses the same changes made directly, but lets implementation be tracked', async () => {
      const { db } = t.services;
      const refused = (statement: ReturnType<typeof sql>) => sqlErrorCode(db, statement);
      expect(await refused(sql`update budget_projects set estimated_cost = 1 where id = ${projectId}`)).toBe('PB409');
      expect(await refused(sql`delete from budget_projects where id = ${projectId}`)).toBe('PB409');
      expect(await refused(sql`update budget_projects set neighbourhood = 'Pikine' where id = ${projectId}`)).toBe('PB409');
      expect(await refused(sql`insert into budget_projects (commune_id, round_id, title, description, estimated_cost) values (${ndarId}, ${roundId}, 'Tard', 'Trop tard', 10)`)).toBe('PB409');
      expect(await refused(sql`update budget_rounds set total_amount = 2000000 where id = ${roundId}`)).toBe('PB409');
      expect(await refused(sql`update budget_sub_budgets set amount = 1 where round_id = ${roundId}`)).toBe('PB409');
      expect(await refused(sql`delete from budget_round_phases where round_id = ${roundId} and kind = 'voting'`)).toBe('PB409');
      expect(await refused(sql`update budget_projects set progress = 40, implementation_status = 'in_progress', spent_to_date = 100000 where id = ${projectId}`)).toBeNull();
    });
  });
});
