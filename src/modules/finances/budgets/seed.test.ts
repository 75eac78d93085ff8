import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { financesDb } from '../db/finances-db.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('demo budgets', () => {
  it('load two years of every phase for Ndar Toute and this year for Tiznit through the import, refusing nothing', async () => {
    const imports = await financesDb(t.services.db).selectFrom('finance_budget_imports').select(['state', 'lines_loaded', 'lines_rejected', 'errors']).execute();
    expect(imports).toHaveLength(10);
    for (const row of imports) expect(row).toMatchObject({ state: 'applied', lines_loaded: 20, lines_rejected: 0 });
    const ndar = await t.communeId('ndar-toute');
    const executed = await financesDb(t.services.db).selectFrom('finance_budget_lines').selectAll().where('commune_id', '=', ndar).where('year', '=', 2026).where('phase', '=', 'executed').where('line_key', '=', 'expenditure|investment|23|2').executeTakeFirstOrThrow();
    expect(Number(executed.amount)).toBeGreaterThan(0);
    expect(Number(executed.paid_amount)).toBeLessThan(Number(executed.amount));
    expect(executed.nature_label).toBe('Construction de salles de classe');
  });
});
