import { type Kysely, sql } from 'kysely';

// Frozen in time: imports nothing from the application.

/** SQLSTATE raised when a ballot-relevant change reaches a round whose vote has opened (the app checks first). */
const frozenState = 'PB409';

async function createRounds(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('budget_rounds')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('commune_id', 'uuid', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('title', 'jsonb', (c) => c.notNull())
    .addColumn('description', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('currency', sql`char(3)`, (c) => c.notNull())
    .addColumn('total_amount', 'bigint', (c) => c.notNull().check(sql`total_amount > 0`))
    .addColumn('per_neighbourhood', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('rule', 'text', (c) => c.notNull().check(sql`rule in ('knapsack', 'approval', 'points')`))
    .addColumn('max_choices', 'integer', (c) => c.check(sql`max_choices >= 1`))
    .addColumn('points', 'integer', (c) => c.check(sql`points >= 1`))
    .addColumn('min_age', 'integer', (c) => c.check(sql`min_age between 0 and 120`))
    .addColumn('require_verified_phone', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('allow_assisted', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('allow_ballot_change', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft').check(sql`status in ('draft', 'published', 'archived')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // Each rule carries exactly its own parameter.
    .addCheckConstraint(
      'budget_rounds_rule_parameter',
      sql`(rule = 'knapsack' and max_choices is null and points is null)
       or (rule = 'approval' and max_choices is not null and points is null)
       or (rule = 'points' and points is not null and max_choices is null)`,
    )
    .execute();
  await db.schema.createIndex('budget_rounds_commune_idx').on('budget_rounds').columns(['commune_id', 'status', 'created_at']).execute();

  await db.schema
    .createTable('budget_round_phases')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('commune_id', 'uuid', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('round_id', 'uuid', (c) => c.notNull().references('budget_rounds.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('ideas', 'review', 'voting', 'results', 'implementation')`))
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('budget_round_phases_one_per_kind', ['round_id', 'kind'])
    .addCheckConstraint('budget_round_phases_dates', sql`ends_at > starts_at`)
    .execute();

  await db.schema
    .createTable('budget_sub_budgets')
    .addColumn('round_id', 'uuid', (c) => c.notNull().references('budget_rounds.id').onDelete('cascade'))
    .addColumn('commune_id', 'uuid', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('neighbourhood', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull().check(sql`amount > 0`))
    .addPrimaryKeyConstraint('budget_sub_budgets_pk', ['round_id', 'neighbourhood'])
    .execute();
}

async function createProjects(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('budget_projects')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('commune_id', 'uuid', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('round_id', 'uuid', (c) => c.notNull().references('budget_rounds.id').onDelete('cascade'))
    // A participation proposal; no foreign key across modules, the link is checked by the application.
    .addColumn('proposal_id', 'uuid')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('neighbourhood', 'text')
    .addColumn('estimated_cost', 'bigint', (c) => c.notNull().check(sql`estimated_cost > 0`))
    .addColumn('revised_cost', 'bigint', (c) => c.check(sql`revised_cost > 0`))
    .addColumn('cost_note', 'text')
    .addColumn('photo_file_id', 'uuid', (c) => c.references('stored_files.id'))
    .addColumn('place', 'text')
    .addColumn('latitude', 'numeric(9, 6)', (c) => c.check(sql`latitude between -90 and 90`))
    .addColumn('longitude', 'numeric(9, 6)', (c) => c.check(sql`longitude between -180 and 180`))
    .addColumn('responsible_service', 'text')
    .addColumn('feasibility', 'text', (c) => c.notNull().defaultTo('pending').check(sql`feasibility in ('pending', 'feasible', 'not_feasible')`))
    .addColumn('feasibility_reason', 'text')
    .addColumn('reviewed_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('reviewed_at', 'timestamptz')
    .addColumn('implementation_status', 'text', (c) => c.check(sql`implementation_status in ('planned', 'procurement', 'in_progress', 'done', 'cancelled')`))
    .addColumn('implementation_note', 'text')
    .addColumn('progress', 'integer', (c) => c.check(sql`progress between 0 and 100`))
    .addColumn('spent_to_date', 'bigint', (c) => c.check(sql`spent_to_date >= 0`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // A project found not feasible says why, publicly.
    .addCheckConstraint('budget_projects_not_feasible_reason', sql`feasibility <> 'not_feasible' or coalesce(btrim(feasibility_reason), '') <> ''`)
    .execute();
  await db.schema.createIndex('budget_projects_round_idx').on('budget_projects').columns(['round_id', 'neighbourhood', 'created_at']).execute();
}

/**
 * Who voted and the ballots share no key, and ballots carry no time: the two tables cannot be joined back
 * into "who voted what" (secret ballot). Used by the voting slice.
 */
async function createVotingTables(db: Kysely<any>): Promise<void> {
  const channel = sql`channel in ('web', 'paper', 'mediator')`;
  await db.schema
    .createTable('budget_voters')
    .addColumn('round_id', 'uuid', (c) => c.notNull().references('budget_rounds.id').onDelete('cascade'))
    .addColumn('commune_id', 'uuid', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('voter_key', 'text', (c) => c.notNull().check(sql`voter_key ~ '^(user|assisted):[0-9a-f-]{36}$'`))
    .addColumn('channel', 'text', (c) => c.notNull().check(channel))
    .addColumn('neighbourhood', 'text')
    .addColumn('gender', 'text')
    .addColumn('age_band', 'text')
    .addColumn('sealed_ballot_ref', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('budget_voters_pk', ['round_id', 'voter_key'])
    .execute();

  await db.schema
    .createTable('budget_ballots')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('commune_id', 'uuid', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('round_id', 'uuid', (c) => c.notNull().references('budget_rounds.id').onDelete('cascade'))
    .addColumn('sub_budget', 'text')
    .addColumn('channel', 'text', (c) => c.notNull().check(channel))
    .addColumn('paper_number', 'text')
    .addUniqueConstraint('budget_ballots_paper_once', ['round_id', 'paper_number'])
    .execute();

  await db.schema
    .createTable('budget_ballot_choices')
    .addColumn('ballot_id', 'uuid', (c) => c.notNull().references('budget_ballots.id').onDelete('cascade'))
    .addColumn('commune_id', 'uuid', (c) => c.notNull().references('communes.id').onDelete('cascade'))
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('budget_projects.id'))
    .addColumn('weight', 'integer', (c) => c.notNull().check(sql`weight > 0`))
    .addPrimaryKeyConstraint('budget_ballot_choices_pk', ['ballot_id', 'project_id'])
    .execute();
}

/**
 * The backstop of "frozen once voting opens": the application refuses first with a clear message; these
 * triggers refuse any other path (a script, a forgotten check). Implementation columns stay editable.
 */
async function createFreezeTriggers(db: Kysely<any>): Promise<void> {
  await sql`
    create function budget_round_is_frozen(round uuid) returns boolean language sql stable as $$
      select exists (select 1 from budget_round_phases where round_id = round and kind = 'voting' and starts_at <= now())
    $$`.execute(db);
  await sql`
    create function budget_refuse_frozen(round uuid) returns void language plpgsql as $$
    begin
      if budget_round_is_frozen(round) then
        raise exception 'budget_frozen: round % is frozen since voting opened', round using errcode = '${sql.raw(frozenState)}';
      end if;
    end $$`.execute(db);

  await sql`
    create function budget_projects_freeze() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        perform budget_refuse_frozen(new.round_id);
      elsif tg_op = 'DELETE' then
        perform budget_refuse_frozen(old.round_id);
        return old;
      elsif (new.title, new.estimated_cost, new.revised_cost, new.feasibility, new.round_id, new.neighbourhood)
            is distinct from (old.title, old.estimated_cost, old.revised_cost, old.feasibility, old.round_id, old.neighbourhood) then
        perform budget_refuse_frozen(old.round_id);
        perform budget_refuse_frozen(new.round_id);
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger budget_projects_freeze before insert or update or delete on budget_projects for each row execute function budget_projects_freeze()`.execute(db);

  await sql`
    create function budget_rounds_freeze() returns trigger language plpgsql as $$
    begin
      if (new.rule, new.max_choices, new.points, new.total_amount, new.per_neighbourhood)
         is distinct from (old.rule, old.max_choices, old.points, old.total_amount, old.per_neighbourhood) then
        perform budget_refuse_frozen(old.id);
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger budget_rounds_freeze before update on budget_rounds for each row execute function budget_rounds_freeze()`.execute(db);

  await sql`
    create function budget_sub_budgets_freeze() returns trigger language plpgsql as $$
    begin
      perform budget_refuse_frozen(coalesce(new.round_id, old.round_id));
      return coalesce(new, old);
    end $$`.execute(db);
  await sql`create trigger budget_sub_budgets_freeze before insert or update or delete on budget_sub_budgets for each row execute function budget_sub_budgets_freeze()`.execute(db);

  // Moving an opened vote's start into the future (or deleting it) would thaw the round.
  await sql`
    create function budget_voting_phase_freeze() returns trigger language plpgsql as $$
    begin
      if old.kind = 'voting' and old.starts_at <= now()
         and (tg_op = 'DELETE' or new.starts_at is distinct from old.starts_at or new.kind is distinct from old.kind) then
        raise exception 'budget_frozen: the vote of round % has opened', old.round_id using errcode = '${sql.raw(frozenState)}';
      end if;
      return coalesce(new, old);
    end $$`.execute(db);
  await sql`create trigger budget_voting_phase_freeze before update or delete on budget_round_phases for each row execute function budget_voting_phase_freeze()`.execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  await createRounds(db);
  await createProjects(db);
  await createVotingTables(db);
  await createFreezeTriggers(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['budget_ballot_choices', 'budget_ballots', 'budget_voters', 'budget_projects', 'budget_sub_budgets', 'budget_round_phases', 'budget_rounds']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
  for (const fn of ['budget_voting_phase_freeze()', 'budget_sub_budgets_freeze()', 'budget_rounds_freeze()', 'budget_projects_freeze()', 'budget_refuse_frozen(uuid)', 'budget_round_is_frozen(uuid)']) {
    await sql`drop function if exists ${sql.raw(fn)}`.execute(db);
  }
}
