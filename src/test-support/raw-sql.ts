import pg from 'pg';

/**
 * Plain `pg` helpers for the scripts that drive a real server from outside (benchmarks, the crash drill): they
 * prepare rows with SQL, as an administrator would, rather than through the application they measure.
 */

export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A participatory-budget round of the commune open for voting now (approval of 3, 12,000,000 XOF), with `projects`
 * feasible projects of 1,000,000 each; the vote runs from an hour ago to two days ahead.
 */
export async function openApprovalRound(client: pg.Client, communeId: string, title: string, projects: number): Promise<{ roundId: string; projects: string[] }> {
  const roundId = (
    await client.query<{ id: string }>(
      `insert into budget_rounds (commune_id, title, currency, total_amount, rule, max_choices, allow_assisted, status)
       values ($1, $2, 'XOF', 12000000, 'approval', 3, false, 'published') returning id`,
      [communeId, JSON.stringify({ fr: title })],
    )
  ).rows[0]!.id;
  const ids = (
    await client.query<{ id: string }>(
      `insert into budget_projects (commune_id, round_id, title, description, estimated_cost, feasibility)
       select $1, $2, 'Projet ' || g, $3, 1000000, 'feasible' from generate_series(1, $4::int) g returning id`,
      [communeId, roundId, title, projects],
    )
  ).rows.map((row) => row.id);
  await client.query(
    `insert into budget_round_phases (commune_id, round_id, kind, starts_at, ends_at) values ($1, $2, 'voting', now() - interval '1 hour', now() + interval '2 days')`,
    [communeId, roundId],
  );
  return { roundId, projects: ids };
}

/**
 * A citizen session for each user whose phone is `phonePrefix` + n (n from `first` to `last`, seven digits): the
 * cookie token is `tokenPrefix` + n, the table holds its SHA-256, as the application's session store does.
 */
export async function sessionsForPhones(client: pg.Client, range: { phonePrefix: string; first: number; last: number; tokenPrefix: string; agent: string }): Promise<void> {
  await client.query(
    `insert into sessions (id, user_id, kind, expires_at, ip, user_agent)
     select encode(sha256(convert_to($3 || g, 'UTF8')), 'hex'), u.id, 'citizen', now() + interval '1 day', null, $5
     from generate_series($1::int, $2::int) g join users u on u.phone_e164 = $4 || lpad(g::text, 7, '0')`,
    [range.first, range.last, range.tokenPrefix, range.phonePrefix, range.agent],
  );
}
