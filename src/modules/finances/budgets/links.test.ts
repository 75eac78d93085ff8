import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { financesDb } from '../db/finances-db.js';
import { linkTargets } from './links.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const page = '/ndar-toute/admin/finances/budgets/2026/links';
const classrooms = 'expenditure|investment|23|2';
const links = () => financesDb(t.services.db).selectFrom('finance_line_links').selectAll().execute();

describe('budget lines linked to what they pay for', () => {
  it('offers the commune’s participatory-budget projects and council decisions, and links a line to one (once)', async () => {
    const ndar = { id: await t.communeId('ndar-toute'), slug: 'ndar-toute' };
    const targets = await linkTargets(t.services.db, ndar);
    expect(targets.some((target) => target.type === 'budget_project')).toBe(true);
    expect(targets.some((target) => target.type === 'council_decision')).toBe(true);
    // Commitments of the commune's published OGP action plan, numbered as citizens cite them.
    const commitment = targets.find((target) => target.type === 'commitment')!;
    expect(commitment.title.fr).toBe('1. Publier le budget et les marchés publics en données ouvertes');
    expect((await t.request('ndar-toute:staff', 'POST', `${page}/add`, { line_key: 'revenue|operating|72|', target: `commitment:${commitment.id}` })).statusCode).toBe(303);
    const project = targets.find((target) => target.type === 'budget_project')!;
    const shown = await t.request('ndar-toute:staff', 'GET', page);
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('Construction de salles de classe');
    for (let i = 0; i < 2; i++) {
      const added = await t.request('ndar-toute:staff', 'POST', `${page}/add`, { line_key: classrooms, target: `budget_project:${project.id}` });
      expect(added.statusCode).toBe(303);
    }
    expect((await links()).map((l) => [l.line_key, l.target_type, l.target_id]).sort()).toEqual([[classrooms, 'budget_project', project.id], ['revenue|operating|72|', 'commitment', commitment.id]].sort());
    const after = await t.request('ndar-toute:staff', 'GET', page);
    expect(after.body).toContain(`href="${project.path}"`);
    const audit = await t.services.db.selectFrom('audit_log').select('action').where('action', 'like', 'finances.line_link.%').execute();
    expect(audit).toHaveLength(2);
    // Citizens follow the line to what it pays for, on the line's public page.
    const lines = await t.request(null, 'GET', '/ndar-toute/finances/2026/functions/2');
    expect(lines.body).toContain(`href="${project.path}"`);
  });

  it('refuses another commune’s targets and unknown lines, and removes a link', async () => {
    const tiznit = { id: await t.communeId('tiznit-el-jadida'), slug: 'tiznit-el-jadida' };
    const foreign = (await linkTargets(t.services.db, tiznit))[0];
    expect(foreign).toBeDefined();
    expect((await t.request('ndar-toute:staff', 'POST', `${page}/add`, { line_key: classrooms, target: `${foreign!.type}:${foreign!.id}` })).statusCode).toBe(400);
    expect((await t.request('ndar-toute:staff', 'POST', `${page}/add`, { line_key: 'nope', target: 'budget_project:x' })).statusCode).toBe(400);
    expect((await t.request('ndar-toute:staff', 'GET', '/ndar-toute/admin/finances/budgets/1999/links')).statusCode).toBe(404);
    expect((await t.request('ndar-toute:citizen', 'GET', page)).statusCode).toBe(403);
    const [link] = await links();
    expect((await t.request('tiznit-el-jadida:staff', 'POST', `/tiznit-el-jadida/admin/finances/budgets/2026/links/${link!.id}/remove`, {})).statusCode).toBe(303);
    expect(await links()).toHaveLength(2);
    expect((await t.request('ndar-toute:staff', 'POST', `${page}/${link!.id}/remove`, {})).statusCode).toBe(303);
    expect(await links()).toHaveLength(1);
  });
});
