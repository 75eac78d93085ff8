import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test-support/test-app.js';
import { financesDb } from '../db/finances-db.js';
import type { BudgetPhase } from '../db/tables.js';
import { budgetPhasesPublished } from './scorecard-figures.js';

let t: TestApp;
let ndar: string;
let tiznit: string;
let lines = 0;

/** One budget line of that year and phase, loaded by an import applied at that time (or written without one). */
async function line(communeId: string, year: number, phase: BudgetPhase, appliedAt: string | null) {
  lines += 1;
  const db = financesDb(t.services.db);
  const upload = appliedAt
    ? await db.insertInto('finance_budget_imports').values({ commune_id: communeId, year, phase, filename: 'budget.csv', storage_key: `test/${lines}`, sha256: 'fixture', state: 'applied', applied_at: appliedAt }).returning('id').executeTakeFirstOrThrow()
    : null;
  await db
    .insertInto('finance_budget_lines')
    .values({ commune_id: communeId, year, phase, direction: 'expenditure', section: 'operating', nature_code: '60', nature_label: 'Achats', line_key: `line-${lines}`, amount: 1000, import_id: upload?.id ?? null })
    .execute();
}

beforeAll(async () => {
  t = await createTestApp();
  [ndar, tiznit] = await Promise.all([t.communeId('ndar-toute'), t.communeId('tiznit-el-jadida')]);
});
afterAll(async () => t?.close());

describe('budget phases published', () => {
  it('reads the seeded demo budgets: every phase for Ndar Toute, adopted and executed for Tiznit', async () => {
    const soon = new Date(Date.now() + 60_000);
    expect(await budgetPhasesPublished(t.services.db, ndar, soon)).toEqual({ year: 2026, published: 4, expected: 4 });
    expect(await budgetPhasesPublished(t.services.db, tiznit, soon)).toEqual({ year: 2026, published: 2, expected: 4 });
  });

  it('takes the latest year published before the end of the window, with the phases published by then', async () => {
    await line(ndar, 2030, 'proposed', '2031-01-01T00:00:00Z');
    await line(ndar, 2030, 'proposed', '2031-01-01T00:00:00Z');
    await line(ndar, 2030, 'adopted', '2031-03-01T00:00:00Z');
    expect(await budgetPhasesPublished(t.services.db, ndar, new Date('2031-01-01T00:00:00Z'))).toEqual({ year: 2026, published: 4, expected: 4 });
    expect(await budgetPhasesPublished(t.services.db, ndar, new Date('2031-02-01T00:00:00Z'))).toEqual({ year: 2030, published: 1, expected: 4 });
    expect(await budgetPhasesPublished(t.services.db, ndar, new Date('2031-06-01T00:00:00Z'))).toEqual({ year: 2030, published: 2, expected: 4 });
    // Another commune's lines never count; lines written without an import count whatever the date.
    expect(await budgetPhasesPublished(t.services.db, tiznit, new Date('2031-06-01T00:00:00Z'))).toEqual({ year: 2026, published: 2, expected: 4 });
    await line(tiznit, 2031, 'executed', null);
    expect(await budgetPhasesPublished(t.services.db, tiznit, new Date('2020-01-01T00:00:00Z'))).toEqual({ year: 2031, published: 1, expected: 4 });
  });

  it('has nothing to measure before any budget was published', async () => {
    expect(await budgetPhasesPublished(t.services.db, ndar, new Date('2020-01-01T00:00:00Z'))).toBeNull();
  });
});
