import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the application.

const communeColumn = (c: any) => c.notNull().references('communes.id').onDelete('cascade');
const phases = sql`('proposed', 'adopted', 'amended', 'executed')`;

export async function up(db: Kysely<any>): Promise<void> {
  // One import of one phase of one year's budget: the file, what it held, and the rows it refused.
  await db.schema
    .createTable('finance_budget_imports')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('commune_id', 'uuid', communeColumn)
    .addColumn('year', 'integer', (c) => c.notNull().check(sql`year between 1990 and 2100`))
    .addColumn('phase', 'text', (c) => c.notNull().check(sql`phase in ${phases}`))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('mapping', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('mapping').check(sql`state in ('mapping', 'applied', 'unchanged', 'failed')`))
    .addColumn('lines_loaded', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lines_rejected', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('errors', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('applied_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('finance_budget_imports_commune_idx').on('finance_budget_imports').columns(['commune_id', 'year', 'phase', 'created_at']).execute();

  // The lines of a phase: replaced as a whole by each applied import; `line_key` matches a line across phases.
  await db.schema
    .createTable('finance_budget_lines')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('commune_id', 'uuid', communeColumn)
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('phase', 'text', (c) => c.notNull().check(sql`phase in ${phases}`))
    .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction in ('revenue', 'expenditure')`))
    .addColumn('section', 'text', (c) => c.notNull().check(sql`section in ('operating', 'investment')`))
    .addColumn('nature_code', 'text', (c) => c.notNull())
    .addColumn('nature_label', 'text', (c) => c.notNull())
    .addColumn('function_code', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('function_label', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('line_key', 'text', (c) => c.notNull())
    // Amounts in the commune's currency, exact (numeric), never floats.
    .addColumn('amount', 'numeric(18, 2)', (c) => c.notNull())
    // Executed phase only: what was paid out of what was mandated.
    .addColumn('paid_amount', 'numeric(18, 2)')
    .addColumn('import_id', 'uuid', (c) => c.references('finance_budget_imports.id').onDelete('set null'))
    .addUniqueConstraint('finance_budget_lines_unique', ['commune_id', 'year', 'phase', 'line_key'])
    .execute();
  await db.schema.createIndex('finance_budget_lines_year_idx').on('finance_budget_lines').columns(['commune_id', 'year', 'phase']).execute();

  // Each commune's functional codes → COFOG (division "09" or group "09.1"), editable by staff.
  await db.schema
    .createTable('finance_cofog_crosswalk')
    .addColumn('commune_id', 'uuid', communeColumn)
    .addColumn('function_code', 'text', (c) => c.notNull())
    .addColumn('cofog_code', 'text', (c) => c.notNull().check(sql`cofog_code ~ '^(0[1-9]|10)(\\.[1-9])?$'`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('finance_cofog_crosswalk_pk', ['commune_id', 'function_code'])
    .execute();

  // The citizen budget: text staff write around the figures of one year, in several languages.
  await db.schema
    .createTable('finance_citizen_budgets')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('commune_id', 'uuid', communeColumn)
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('title', 'jsonb', (c) => c.notNull())
    .addColumn('introduction', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('sections', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('published', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('updated_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('finance_citizen_budgets_year', ['commune_id', 'year'])
    .execute();

  // A budget line (by its key, across phases) linked to what it pays for elsewhere on the site.
  await db.schema
    .createTable('finance_line_links')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('commune_id', 'uuid', communeColumn)
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('line_key', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull().check(sql`target_type in ('budget_project', 'commitment', 'council_decision')`))
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('finance_line_links_unique', ['commune_id', 'year', 'line_key', 'target_type', 'target_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['finance_line_links', 'finance_citizen_budgets', 'finance_cofog_crosswalk', 'finance_budget_lines', 'finance_budget_imports']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
