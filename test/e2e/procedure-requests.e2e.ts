import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, signInByPhone, startHarness } from './support/harness.js';

let h: Harness;
let procedureId: string;

/** Tiznit El Jadida's birth-certificate procedure gets a request form: the person's name and a number of copies. */
async function birthCertificateForm(): Promise<string> {
  const db = h.palabre.services.db;
  const commune = await db.selectFrom('communes').select('id').where('slug', '=', 'tiznit-el-jadida').executeTakeFirstOrThrow();
  const procedure = await sql<{ id: string }>`
    select id from commune_services where commune_id = ${commune.id} and kind = 'procedure' and title->>'fr' ilike '%naissance%' limit 1`.execute(db);
  const id = procedure.rows[0]!.id;
  await sql`insert into request_procedure_fields (commune_id, service_id, key, kind, label, required, position) values
    (${commune.id}, ${id}, 'nom', 'text', '{"ar": "الاسم الكامل للمولود", "fr": "Nom complet"}', true, 1),
    (${commune.id}, ${id}, 'copies', 'number', '{"ar": "عدد النسخ", "fr": "Nombre de copies"}', true, 2)`.execute(db);
  await sql`update request_procedure_fields set min_value = 1, max_value = 5 where service_id = ${id} and key = 'copies'`.execute(db);
  return id;
}

beforeAll(async () => {
  h = await startHarness();
  procedureId = await birthCertificateForm();
}, 60_000);
afterAll(async () => { await h?.close(); });

describe('administrative-procedure requests', () => {
  it('a resident files a request in Arabic without JavaScript, fixes a refused answer, then follows it by reference and code', async () => {
    const context = await h.newContext({ javaScriptEnabled: false, locale: 'ar' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await signInByPhone(page, '+212600000005', '/sign-in?lang=ar');
    await page.goto(`/tiznit-el-jadida/services/${procedureId}`);
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    await page.locator('#request-link').click();
    await page.waitForURL(/\/request$/);
    expect(await page.locator('h1').textContent()).toContain('طلب عبر الإنترنت');

    // Twelve copies is over the commune's limit: refused with a message, the name typed is kept.
    await page.getByLabel('الاسم الكامل للمولود').fill('سعيد أوبلا');
    await page.getByLabel('عدد النسخ').fill('12');
    await page.locator('#procedure-form [type="submit"]').click();
    expect(await page.locator('.error-summary').isVisible()).toBe(true);
    expect(await page.getByLabel('الاسم الكامل للمولود').inputValue()).toBe('سعيد أوبلا');
    await page.getByLabel('عدد النسخ').fill('2');
    await page.locator('#procedure-form [type="submit"]').click();

    const filed = (await page.locator('main').textContent()) ?? '';
    const reference = /DA-\d{4}-\d{5}/.exec(filed)?.[0];
    const code = /[A-Z0-9]{8}/.exec(filed.replace(reference ?? '', ''))?.[0];
    expect(reference).toBeTruthy();
    expect(code).toBeTruthy();
    await context.close();

    // The commune moves it to "ready"; anyone holding the reference and the code sees where it stands, in Arabic.
    await sql`update requests set status = 'ready', stage = 'ready', ready_at = now() where reference = ${reference!}`.execute(h.palabre.services.db);
    const visitor = await h.newContext({ javaScriptEnabled: false, locale: 'ar' });
    const follow = await visitor.newPage();
    follow.setDefaultTimeout(15_000);
    await follow.goto('/tiznit-el-jadida/requests');
    await follow.locator('#follow-form input[name="reference"]').fill(reference!.toLowerCase().replace(/-/g, ' '));
    await follow.locator('#follow-form input[name="code"]').fill(code!);
    await follow.locator('#follow-form [type="submit"]').click();
    expect(await follow.locator('#current-stage').textContent()).toContain('جاهز للسحب');
    expect(await follow.locator('main').textContent()).toContain('سعيد أوبلا');
    await visitor.close();
  }, 90_000);
});
