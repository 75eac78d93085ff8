import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoped } from '../../src/modules/budgeting/queries/budget-queries.js';
import { type Harness, signInByPhone, startHarness } from './support/harness.js';

let h: Harness;
const rounds = new Map<string, string>();

/** The demo opens the vote weeks after seeding: here it opened an hour ago. */
async function openVote(slug: string): Promise<void> {
  const { db } = h.palabre.services;
  const commune = await db.selectFrom('communes').select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
  // The current round: the newest (Ndar Toute also has last year's, closed).
  const round = await scoped(db, commune.id).selectFrom('budget_rounds').select('id').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
  await scoped(db, commune.id).updateTable('budget_round_phases').set({ starts_at: new Date(Date.now() - 3600_000), ends_at: new Date(Date.now() + 48 * 3600_000) }).where('round_id', '=', round.id).where('kind', '=', 'voting').execute();
  rounds.set(slug, round.id);
}

beforeAll(async () => {
  h = await startHarness();
  await openVote('ndar-toute');
  await openVote('tiznit-el-jadida');
});
afterAll(() => h?.close());

describe('voting in a participatory budget', () => {
  it('a citizen votes with JavaScript off, in French: compute, review, confirm', async () => {
    const context = await h.newContext({ locale: 'fr-FR', javaScriptEnabled: false });
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    await signInByPhone(page, '+221770000005', '/sign-in?commune=ndar-toute');
    await page.goto(`/ndar-toute/budgets/${rounds.get('ndar-toute')}`);
    await page.locator(`a[href$="/vote"]`).click();
    if (await page.locator('input[name="sub_budget"][type="radio"]').count()) {
      await page.locator('input[name="sub_budget"][value="Pikine"]').check();
      await page.locator('form[method="get"] button[type="submit"]').click();
    }
    await page.locator('input[name="project"]').first().check();
    await page.locator('button[value="compute"]').click();
    expect((await page.locator('#ballot-figures').textContent())?.replace(/[\u00a0\u202f]/g, ' ')).toContain('4 500 000 F CFA sur 5 000 000 F CFA');
    await page.locator('input[name="declaration"]').check();
    await page.locator('button[value="review"]').click();
    expect(await page.locator('#ballot-review').textContent()).toContain('Un forage pour le marché de Pikine');
    await page.locator('form[action$="/vote/confirm"] button[type="submit"]').click();
    await page.waitForURL(/\/vote\/done$/);
    expect(await page.locator('#vote-recorded').textContent()).toContain('bulletin est secret');
    await page.goto(`/ndar-toute/budgets/${rounds.get('ndar-toute')}/results`);
    expect(await page.locator('#results-sealed').isVisible()).toBe(true);
    await context.close();
  });

  it('a citizen votes with JavaScript on, in Arabic, in Tiznit (approval): the count updates as they tick', async () => {
    const context = await h.newContext({ locale: 'ar' });
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    await signInByPhone(page, '+212600000005', '/sign-in?commune=tiznit-el-jadida');
    await page.goto(`/tiznit-el-jadida/budgets/${rounds.get('tiznit-el-jadida')}/vote`);
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    const figures = page.locator('#ballot-figures');
    expect(await figures.textContent()).toContain('0');
    await page.locator('input[name="project"]').first().check();
    await expect.poll(async () => figures.textContent()).toContain('1');
    await page.locator('input[name="declaration"]').check();
    await page.locator('button[value="review"]').click();
    await page.locator('form[action$="/vote/confirm"] button[type="submit"]').click();
    await page.waitForURL(/\/vote\/done$/);
    expect(await page.locator('h1').textContent()).toBe('تم تسجيل تصويتك');
    await page.goto(`/tiznit-el-jadida/budgets/${rounds.get('tiznit-el-jadida')}/results`);
    expect(await page.locator('#results-sealed').textContent()).toContain('النتائج مختومة');
    await context.close();
  });
});

describe('paper ballots at a polling station', () => {
  it('a mediator, JavaScript off, checks that a person may vote, enters their paper ballot, and the check then says they voted', async () => {
    const context = await h.newContext({ locale: 'fr-FR', javaScriptEnabled: false });
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    await signInByPhone(page, '+221770000004', '/sign-in?commune=ndar-toute');
    await page.goto('/ndar-toute/admin/budgets/polling-station');
    await page.locator(`a[href$="/${rounds.get('ndar-toute')}/eligibility"]`).click();
    // The demo's staff member has not voted in this round.
    await page.locator('input[name="voter_phone"]').fill('77 000 00 02');
    await page.locator('main form button[type="submit"]').click();
    expect(await page.locator('main').textContent()).toContain('Cette personne peut voter');
    await page.goto(`/ndar-toute/admin/budgets/${rounds.get('ndar-toute')}/paper`);
    await page.locator('input[name="paper_number"]').fill('NDAR-0001');
    await page.locator('input[name="voter_phone"]').fill('77 000 00 02');
    if (await page.locator('select[name="sub_budget"]').count()) await page.locator('select[name="sub_budget"]').selectOption('Pikine');
    await page.locator('label:has-text("Un forage pour le marché de Pikine") input[name="project"]').check();
    await page.locator('main form button[type="submit"]').click();
    expect(await page.locator('main').textContent()).toContain('Bulletin papier enregistré');
    await page.goto(`/ndar-toute/admin/budgets/${rounds.get('ndar-toute')}/eligibility`);
    await page.locator('input[name="voter_phone"]').fill('77 000 00 02');
    await page.locator('main form button[type="submit"]').click();
    expect(await page.locator('main').textContent()).toContain('Cette personne a déjà voté pour ce budget');
    await context.close();
  });
});

describe('results', () => {
  it('are revealed once the vote has closed: the winners, the chart and its table', async () => {
    const { db } = h.palabre.services;
    const commune = await db.selectFrom('communes').select('id').where('slug', '=', 'ndar-toute').executeTakeFirstOrThrow();
    // The vote (open in the tests above, where ballots were cast) closes now.
    await scoped(db, commune.id).updateTable('budget_round_phases').set({ ends_at: new Date(Date.now() - 1000) }).where('round_id', '=', rounds.get('ndar-toute')!).where('kind', '=', 'voting').execute();
    const context = await h.newContext({ locale: 'fr-FR', javaScriptEnabled: false });
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    await page.goto(`/ndar-toute/budgets/${rounds.get('ndar-toute')}/results`);
    expect(await page.locator('#results-sealed').count()).toBe(0);
    expect(await page.locator('main svg[role="img"]').count()).toBeGreaterThan(0);
    const winners = page.locator('tr.winner');
    expect(await winners.count()).toBeGreaterThan(0);
    expect(await winners.first().textContent()).toContain('Oui — lauréat');
    await context.close();
  });
});
