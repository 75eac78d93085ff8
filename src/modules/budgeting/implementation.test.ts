import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlErrorCode } from '../../test-support/sql-error.js';
import { createTestApp, type TestApp, testCsrfToken } from '../../test-support/test-app.js';
import { implementationExport } from './implementation-exports.js';
import { scoped } from './queries/budget-queries.js';

let t: TestApp;
let ndarId: string;
let tiznitId: string;
let pastRoundId: string;
let currentRoundId: string;
let paving: { id: string };

const flat = (html: string) => html.replace(/[\u00a0\u202f]/g, ' ');
const staff = 'ndar-toute:staff';
const adminUrl = (roundId: string, projectId: string) => `/ndar-toute/admin/budgets/${roundId}/projects/${projectId}/implementation`;
const updatesOf = (projectId: string) => scoped(t.services.db, ndarId).selectFrom('budget_project_updates').selectAll().where('project_id', '=', projectId).orderBy('created_at').execute();
const projectRow = (projectId: string) => scoped(t.services.db, ndarId).selectFrom('budget_projects').selectAll().where('id', '=', projectId).executeTakeFirstOrThrow();

beforeAll(async () => {
  t = await createTestApp();
  ndarId = await t.communeId('ndar-toute');
  tiznitId = await t.communeId('tiznit-el-jadida');
  const rounds = await scoped(t.services.db, ndarId).selectFrom('budget_rounds').select(['id', 'title']).execute();
  pastRoundId = rounds.find((r) => JSON.stringify(r.title).includes('2025'))!.id;
  currentRoundId = rounds.find((r) => JSON.stringify(r.title).includes('2027'))!.id;
  paving = await scoped(t.services.db, ndarId).selectFrom('budget_projects').select('id').where('title', 'like', 'Pavage%').executeTakeFirstOrThrow();
});
afterAll(() => t.close());

describe('the public follows the works', () => {
  it('the round page has an "Implementation" section by neighbourhood: status, progress bar with its value, spending against cost', async () => {
    const page = flat((await t.request(null, 'GET', `/ndar-toute/budgets/${pastRoundId}`)).body);
    expect(page).toMatch(/<section id="implementation">[\s\S]*<h3>Pikine<\/h3>[\s\S]*Pavage de la ruelle/);
    expect(page).toContain('<progress max="100" value="45"');
    expect(page).toContain('<strong>45 %</strong>');
    expect(page).toContain('1 400 000 F CFA dépensés sur 3 500 000 F CFA');
    expect(page).toContain('Terminé');
    expect(page).toContain('Annulé : Le terrain est réaffecté');
    // The round whose vote is weeks away tracks nothing yet.
    expect((await t.request(null, 'GET', `/ndar-toute/budgets/${currentRoundId}`)).body).not.toContain('id="implementation"');
  });

  it('the implementation page lists every tracked project by neighbourhood, with a chart and the table of its figures', async () => {
    const response = await t.request(null, 'GET', `/ndar-toute/budgets/${pastRoundId}/implementation`);
    expect(response.statusCode).toBe(200);
    const page = flat(response.body);
    expect(page.match(/<svg/g)?.length).toBe(3);
    expect(page).toContain('aria-label="Avancement des projets — Pikine"');
    expect(page).toMatch(/<table class="data">[\s\S]*Pavage de la ruelle[\s\S]*45 %[\s\S]*1 400 000 F CFA[\s\S]*3 500 000 F CFA/);
    expect(page).not.toContain('<script');
  });

  it('the project page shows the history of updates, newest first, in commune time', async () => {
    const page = flat((await t.request(null, 'GET', `/ndar-toute/budgets/${pastRoundId}/projects/${paving.id}`)).body);
    // Seeded at 09:00 UTC, which is 09:00 in Dakar.
    expect(page).toMatch(/id="implementation-history"><li><strong>[^<]* à 09:00<\/strong> [^]*La moitié des pavés est posée[^]*Programmé/);
    expect(page).toMatch(/dépensé : 1 400 000 F CFA/);
  });
});

describe('staff record the works', () => {
  it('refuse progress out of range, "done" below 100 % and a cancellation without a reason, keeping what was typed', async () => {
    const url = adminUrl(pastRoundId, paving.id);
    for (const progress of ['150', '-1', 'beaucoup', '']) {
      const refused = await t.request(staff, 'POST', url, { implementation_status: 'in_progress', progress, spent_to_date: '1 500 000' });
      expect(refused.statusCode).toBe(422);
      expect(refused.body).toContain('Indiquez un pourcentage entier entre 0 et 100.');
    }
    const notDone = await t.request(staff, 'POST', url, { implementation_status: 'done', progress: '80', spent_to_date: '1 500 000' });
    expect(notDone.statusCode).toBe(422);
    expect(flat(notDone.body)).toContain('Un projet terminé est avancé à 100 %.');
    expect(notDone.body).toContain('value="1 500 000"');
    const noReason = await t.request(staff, 'POST', url, { implementation_status: 'cancelled', progress: '45', implementation_note: '  ' });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.body).toContain('Expliquez publiquement pourquoi le projet est annulé.');
    expect((await t.request(staff, 'POST', url, { implementation_status: 'in_progress', progress: '50', spent_to_date: 'cher' })).statusCode).toBe(422);
    expect(await updatesOf(paving.id)).toHaveLength(2);
  });

  it('each save appends to the history and becomes the current state, audited — after the vote, past the freeze triggers', async () => {
    const url = adminUrl(pastRoundId, paving.id);
    expect((await t.request(staff, 'POST', url, { implementation_status: 'in_progress', progress: '70', spent_to_date: '2 100 000', implementation_note: 'Pavés posés jusqu’à l’école.' })).statusCode).toBe(303);
    expect((await t.request(staff, 'POST', url, { implementation_status: 'done', progress: '100', spent_to_date: '0', implementation_note: '' })).statusCode).toBe(303);
    const history = await updatesOf(paving.id);
    expect(history.map((u) => [u.status, u.progress, u.spent_to_date])).toEqual([
      ['planned', 0, 0],
      ['in_progress', 45, 1_400_000],
      ['in_progress', 70, 2_100_000],
      ['done', 100, 0],
    ]);
    expect(await projectRow(paving.id)).toMatchObject({ implementation_status: 'done', progress: 100, spent_to_date: 0, implementation_note: null });
    const audit = await t.services.db.selectFrom('audit_log').select(['action', 'details']).where('resource_id', '=', paving.id).execute();
    expect(audit.filter((a) => a.action === 'budget_project.implementation_updated')).toHaveLength(2);
    expect((await t.request(null, 'GET', `/ndar-toute/budgets/${pastRoundId}/projects/${paving.id}`)).body).toContain('Pavés posés jusqu’à l’école.');
  });

  it('the database keeps the rules and the freeze: implementation columns change after the vote, the cost does not', async () => {
    const { db } = t.services;
    const refused = (statement: ReturnType<typeof sql>) => sqlErrorCode(db, statement);
    expect(await refused(sql`update budget_projects set estimated_cost = 1 where id = ${paving.id}`)).toBe('PB409');
    expect(await refused(sql`update budget_projects set implementation_status = 'cancelled', implementation_note = null where id = ${paving.id}`)).toBe('23514');
    expect(await refused(sql`update budget_projects set implementation_status = 'done', progress = 90 where id = ${paving.id}`)).toBe('23514');
    expect(await refused(sql`insert into budget_project_updates (commune_id, project_id, status, progress) values (${ndarId}, ${paving.id}, 'cancelled', 0)`)).toBe('23514');
    expect(await refused(sql`update budget_projects set implementation_status = 'cancelled', implementation_note = 'Abandonné', progress = 100, spent_to_date = 5 where id = ${paving.id}`)).toBeNull();
  });

  it('refuse with a clear 409 before the vote has closed', async () => {
    const project = await scoped(t.services.db, ndarId).selectFrom('budget_projects').select('id').where('round_id', '=', currentRoundId).where('feasibility', '=', 'feasible').executeTakeFirstOrThrow();
    const refused = await t.request(staff, 'POST', adminUrl(currentRoundId, project.id), { implementation_status: 'planned', progress: '0' });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('La réalisation ne peut être suivie qu’après la clôture du vote');
    expect(await updatesOf(project.id)).toHaveLength(0);
  });

  it('only the projects the vote funded can be tracked once it has closed', async () => {
    const inNdar = scoped(t.services.db, ndarId);
    const round = await inNdar.insertInto('budget_rounds', { title: JSON.stringify({ fr: 'Tour clos' }), description: '{}', currency: 'XOF', total_amount: 1000, per_neighbourhood: false, rule: 'knapsack', max_choices: null, points: null, min_age: null, require_verified_phone: false, allow_assisted: false, allow_ballot_change: false, status: 'published' }).returning('id').executeTakeFirstOrThrow();
    const project = (title: string) => inNdar.insertInto('budget_projects', { round_id: round.id, title, description: 'Test', estimated_cost: 600, feasibility: 'feasible' }).returning('id').executeTakeFirstOrThrow();
    const [chosen, left] = [await project('Choisi'), await project('Laissé')];
    const ballot = await inNdar.insertInto('budget_ballots', { round_id: round.id, sub_budget: null, channel: 'web', paper_number: null }).returning('id').executeTakeFirstOrThrow();
    await inNdar.insertInto('budget_ballot_choices', { ballot_id: ballot.id, project_id: chosen.id, weight: 1 }).execute();
    const day = 24 * 3600_000;
    await inNdar.insertInto('budget_round_phases', { round_id: round.id, kind: 'voting', starts_at: new Date(Date.now() - 10 * day), ends_at: new Date(Date.now() - day) }).execute();
    const update = { implementation_status: 'planned', progress: '0' };
    expect((await t.request(staff, 'POST', adminUrl(round.id, left.id), update)).statusCode).toBe(409);
    expect((await t.request(staff, 'POST', adminUrl(round.id, chosen.id), update)).statusCode).toBe(303);
  });

  it('add up to three photos with captions; a file that is not an image is refused beside its field', async () => {
    const sorProject = await scoped(t.services.db, ndarId).selectFrom('budget_projects').select('id').where('title', 'like', 'Bornes-fontaines%').executeTakeFirstOrThrow();
    const png = await sharp({ create: { width: 40, height: 20, channels: 3, background: '#1f6f4a' } }).png().toBuffer();
    const post = async (files: [string, Buffer][]) => {
      const boundary = 'trackingboundary';
      const parts = files.map(([slot, content]) =>
        Buffer.concat([
          Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="caption_${slot}"\r\n\r\nBorne ${slot}\r\n--${boundary}\r\ncontent-disposition: form-data; name="photo_${slot}"; filename="p${slot}.png"\r\ncontent-type: application/octet-stream\r\n\r\n`),
          content,
          Buffer.from('\r\n'),
        ]),
      );
      const payload = Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]);
      return t.app.inject({ method: 'POST', url: `${adminUrl(pastRoundId, sorProject.id)}/photos?_csrf=${testCsrfToken}`, payload, headers: { cookie: await t.cookiesFor(staff), 'content-type': `multipart/form-data; boundary=${boundary}` } });
    };
    const refused = await post([['1', png], ['2', Buffer.from('not an image')]]);
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('La photo doit être une image JPEG, PNG ou WebP.');
    expect((await post([['1', png], ['2', png], ['3', png]])).statusCode).toBe(303);
    const photos = await scoped(t.services.db, ndarId).selectFrom('budget_project_photos').selectAll().where('project_id', '=', sorProject.id).execute();
    expect(photos.map((p) => p.caption).sort()).toEqual(['Borne 1', 'Borne 2', 'Borne 3']);
    const page = (await t.request(null, 'GET', `/ndar-toute/budgets/${pastRoundId}/projects/${sorProject.id}`)).body;
    expect(page).toContain(`<img src="/files/${photos[0]!.file_id}"`);
    expect(page).toMatch(/alt="Borne \d" width="160" height="80" loading="lazy"/);
    const audit = await t.services.db.selectFrom('audit_log').select('action').where('resource_id', '=', sorProject.id).where('action', '=', 'budget_project.photo_added').execute();
    expect(audit).toHaveLength(3);
  });
});

describe('access', () => {
  it('citizens get 403 on the back-office routes', async () => {
    const url = adminUrl(pastRoundId, paving.id);
    expect((await t.request('ndar-toute:citizen', 'GET', url)).statusCode).toBe(403);
    expect((await t.request('ndar-toute:citizen', 'POST', url, { implementation_status: 'planned', progress: '0' })).statusCode).toBe(403);
    expect((await t.request('ndar-toute:citizen', 'POST', `${url}/photos`, {})).statusCode).toBe(403);
  });

  it('every route answers 404 through another commune', async () => {
    const other = 'tiznit-el-jadida:staff';
    const url = `/tiznit-el-jadida/admin/budgets/${pastRoundId}/projects/${paving.id}/implementation`;
    expect((await t.request(other, 'GET', url)).statusCode).toBe(404);
    expect((await t.request(other, 'POST', url, { implementation_status: 'planned', progress: '0' })).statusCode).toBe(404);
    expect((await t.request(other, 'POST', `${url}/photos`, {})).statusCode).toBe(404);
    expect((await t.request(null, 'GET', `/tiznit-el-jadida/budgets/${pastRoundId}/implementation`)).statusCode).toBe(404);
    expect((await t.request(null, 'GET', `/tiznit-el-jadida/budgets/${pastRoundId}/projects/${paving.id}`)).statusCode).toBe(404);
  });

  it('the open-data export has the state of each tracked project and no personal data', async () => {
    const rows = await implementationExport.rows(t.services.db, ndarId);
    expect(rows.filter((r) => r.round_id === pastRoundId)).toHaveLength(3);
    const row = rows.find((r) => r.title === 'Bornes-fontaines au marché de Sor')!;
    expect(row).toMatchObject({ neighbourhood: 'Sor', implementation_status: 'done', progress: 100, spent_to_date: 2_850_000, cost: 3_000_000, currency: 'XOF' });
    expect(row.last_update_at).not.toBeNull();
    expect(Object.keys(row).sort()).toEqual(['cost', 'currency', 'id', 'implementation_status', 'last_update_at', 'neighbourhood', 'progress', 'round_id', 'spent_to_date', 'title']);
    expect(await implementationExport.rows(t.services.db, tiznitId)).toEqual([]);
  });
});
