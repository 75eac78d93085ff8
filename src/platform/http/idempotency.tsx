import { createHash, randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { PlatformTables } from '../db/platform-tables.js';
import type { ViewContext } from '../views/view-context.js';
import { AppError } from './errors.js';

/**
 * Idempotent confirming requests. A client names its attempt with an `Idempotency-Key` header (APIs) or the
 * hidden `_idempotency` field a form carries (pages without JavaScript): a replay gets the stored answer,
 * the same key with another payload is refused (422), a duplicate arriving while the first is still being
 * handled gets 409. Written here rather than taken from a plugin because the record must live in the
 * application's own database, beside the rows the request wrote.
 */

export const idempotencyField = '_idempotency';
const keyPattern = /^[A-Za-z0-9_-]{8,128}$/;
/** An attempt still "in flight" after this long was cut short (a crash): the next try takes it over. */
const abandonedAfterMs = 60_000;
/** Keys older than this are forgotten by `forgetOldIdempotencyKeys`. */
export const idempotencyKeyLifetimeMs = 24 * 60 * 60 * 1000;

/** What a confirming handler answers; stored as is when it succeeds (status below 400). */
export interface IdempotentOutcome {
  statusCode: number;
  location?: string;
  body?: string;
  contentType?: string;
}

interface Attempt {
  db: Kysely<PlatformTables>;
  owner: string;
  key: string;
  scope: string;
  hash: string;
}

function keyOf(request: FastifyRequest): string | null {
  const header = request.headers['idempotency-key'];
  const fromForm = (request.body as Record<string, unknown> | undefined)?.[idempotencyField];
  const key = typeof header === 'string' ? header : typeof fromForm === 'string' ? fromForm : null;
  if (key === null) return null;
  if (!keyPattern.test(key)) throw new AppError('BAD_REQUEST', 'malformed idempotency key');
  return key;
}

/** The payload's fingerprint: its fields in a fixed order, without the CSRF token and the key itself. */
export function requestHash(scope: string, body: unknown): string {
  const fields = Object.entries((body ?? {}) as Record<string, unknown>)
    .filter(([name]) => name !== '_csrf' && name !== idempotencyField)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return createHash('sha256').update(JSON.stringify([scope, fields])).digest('hex');
}

/** Who the key belongs to: keys of different people never collide. */
const ownerOf = (request: FastifyRequest) => (request.actor.user ? `user:${request.actor.user.id}` : `ip:${request.ip}`);

async function claim({ db, owner, key, scope, hash }: Attempt): Promise<boolean> {
  const inserted = await db
    .insertInto('idempotency_keys')
    .values({ owner, key, scope, request_hash: hash })
    .onConflict((oc) => oc.columns(['owner', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  return !!inserted;
}

/** Takes over an attempt abandoned by a crashed process; true when this request may run. */
async function takeOver({ db, owner, key }: Attempt): Promise<boolean> {
  const taken = await db
    .updateTable('idempotency_keys')
    .set({ created_at: new Date() })
    .where('owner', '=', owner)
    .where('key', '=', key)
    .where('state', '=', 'in_flight')
    .where('created_at', '<', new Date(Date.now() - abandonedAfterMs))
    .returning('key')
    .executeTakeFirst();
  return !!taken;
}

/** The stored answer for an earlier attempt with this key, or null when this request should run now. */
async function earlierAnswer(attempt: Attempt): Promise<IdempotentOutcome | null> {
  if (await claim(attempt)) return null;
  const earlier = await attempt.db.selectFrom('idempotency_keys').selectAll().where('owner', '=', attempt.owner).where('key', '=', attempt.key).executeTakeFirst();
  if (!earlier) return (await claim(attempt)) ? null : earlierAnswer(attempt);
  if (earlier.scope !== attempt.scope || earlier.request_hash !== attempt.hash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
  if (earlier.state === 'in_flight') {
    if (await takeOver(attempt)) return null;
    throw new AppError('REQUEST_IN_PROGRESS');
  }
  return { statusCode: earlier.status_code ?? 200, location: earlier.location ?? undefined, body: earlier.body ?? undefined, contentType: earlier.content_type ?? undefined };
}

function send(reply: FastifyReply, outcome: IdempotentOutcome, replayed: boolean): FastifyReply {
  reply.code(outcome.statusCode);
  if (replayed) reply.header('idempotent-replayed', 'true');
  if (outcome.location) reply.header('location', outcome.location);
  if (outcome.contentType) reply.type(outcome.contentType);
  return reply.send(outcome.body ?? '');
}

/**
 * Runs a confirming handler at most once per key. A failure (thrown error or an answer of 400 and above)
 * releases the key, so the person can correct and resend.
 */
export async function idempotent(request: FastifyRequest, reply: FastifyReply, scope: string, handler: () => Promise<IdempotentOutcome>): Promise<FastifyReply> {
  const key = keyOf(request);
  if (!key) return send(reply, await handler(), false);
  const db = request.server.platform.db;
  const attempt: Attempt = { db, owner: ownerOf(request), key, scope, hash: requestHash(scope, request.body) };
  const earlier = await earlierAnswer(attempt);
  if (earlier) return send(reply, earlier, true);
  const release = () => db.deleteFrom('idempotency_keys').where('owner', '=', attempt.owner).where('key', '=', key).where('state', '=', 'in_flight').execute();
  let outcome: IdempotentOutcome;
  try {
    outcome = await handler();
  } catch (error) {
    await release();
    throw error;
  }
  if (outcome.statusCode >= 400) await release();
  else {
    await db
      .updateTable('idempotency_keys')
      .set({ state: 'done', status_code: outcome.statusCode, location: outcome.location ?? null, body: outcome.body ?? null, content_type: outcome.contentType ?? null })
      .where('owner', '=', attempt.owner)
      .where('key', '=', key)
      .execute();
  }
  return send(reply, outcome, false);
}

/** Deletes keys past their lifetime; run periodically. */
export async function forgetOldIdempotencyKeys(db: Kysely<PlatformTables>, now = new Date()): Promise<number> {
  const result = await db.deleteFrom('idempotency_keys').where('created_at', '<', new Date(now.getTime() - idempotencyKeyLifetimeMs)).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The hidden field a confirming form carries: one new key each time the form is shown. */
export function IdempotencyField(_: { ctx?: ViewContext }) {
  return <input type="hidden" name={idempotencyField} value={randomUUID()} />;
}
