import { createHash, randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Kysely, sql } from 'kysely';
import type { PlatformTables } from '../db/platform-tables.js';
import { buildViewContext, type ViewContext } from '../views/view-context.js';
import { AppError } from './errors.js';
import { setFlash } from './render.js';
import { openAnswer, sealAnswer } from './sealed-answer.js';

/**
 * Idempotent confirming requests. A client names its attempt with an `Idempotency-Key` header (APIs) or the
 * hidden `_idempotency` field a form carries (pages without JavaScript): a replay gets the stored answer,
 * the same key with another payload is refused (422). The key, the handler's writes and the stored answer
 * commit in ONE transaction: a crash at any point leaves either all of them or none (the resend then runs
 * afresh), never an acted-upon request without its answer. A duplicate arriving while the first is still
 * running waits on the key row's primary key, then replays the answer (or runs, if the first failed).
 * Written here rather than taken from a plugin because the record must live in the application's own
 * database, in the same transaction as the rows the request writes.
 */

export const idempotencyField = '_idempotency';
const keyPattern = /^[A-Za-z0-9_-]{8,128}$/;
/**
 * How long a duplicate waits behind the first attempt with its key before being told 409 REQUEST_IN_PROGRESS
 * (PostgreSQL's lock_timeout); a confirming handler normally takes milliseconds.
 */
const duplicateWait = '10s';
/** Keys older than this are forgotten by `forgetOldIdempotencyKeys`. */
export const idempotencyKeyLifetimeMs = 24 * 60 * 60 * 1000;

/** What a confirming handler answers; stored as is when it succeeds (status below 400). */
export interface IdempotentOutcome {
  statusCode: number;
  location?: string;
  body?: string;
  contentType?: string;
  /** A one-time message for the next page (render.ts `setFlash`); sent with the first answer only, not stored. */
  flash?: string;
  /** Side effects outside the database (a message to send): run once, after the commit, never on a replay. */
  afterCommit?: () => Promise<void>;
}

/**
 * The confirming work. It must read and write through `db` (the transaction) only: on PGlite (one connection)
 * a query on the application's handle would wait for this very transaction.
 */
export type ConfirmingHandler = (db: Kysely<PlatformTables>) => Promise<IdempotentOutcome>;

export interface IdempotencyOptions {
  /** The fields the key and the fingerprint come from, when not `request.body` (a multipart form). */
  payload?: Record<string, unknown>;
  /** Whose key it is, when not the signed-in person or the address (an API client's key id). */
  owner?: string;
}

interface Attempt {
  owner: string;
  key: string;
  scope: string;
  hash: string;
}

function keyOf(request: FastifyRequest, payload: Record<string, unknown> | undefined): string | null {
  const header = request.headers['idempotency-key'];
  const fromForm = payload?.[idempotencyField];
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

/**
 * Inserts the key row in the transaction. A concurrent attempt with the same key blocks here until the first
 * one commits or rolls back. An `in_flight` row can only be a leftover of the former two-step design (rows now
 * commit as `done`): it is taken over.
 */
async function claim(tx: Kysely<PlatformTables>, attempt: Attempt): Promise<boolean> {
  await sql`set local lock_timeout = ${sql.lit(duplicateWait)}`.execute(tx);
  const claimed = await tx
    .insertInto('idempotency_keys')
    .values({ owner: attempt.owner, key: attempt.key, scope: attempt.scope, request_hash: attempt.hash })
    .onConflict((oc) => oc.columns(['owner', 'key']).doUpdateSet({ scope: attempt.scope, request_hash: attempt.hash, created_at: new Date() }).where('idempotency_keys.state', '=', 'in_flight'))
    .returning('key')
    .executeTakeFirst();
  await sql`set local lock_timeout to default`.execute(tx);
  return !!claimed;
}

/** The answer stored by the earlier attempt with this key (which committed, since its row is visible). */
async function earlierAnswer(tx: Kysely<PlatformTables>, attempt: Attempt, secret: string): Promise<IdempotentOutcome> {
  const earlier = await tx.selectFrom('idempotency_keys').selectAll().where('owner', '=', attempt.owner).where('key', '=', attempt.key).executeTakeFirst();
  // Forgotten between the two statements (past its lifetime): the person may simply send again.
  if (!earlier) throw new AppError('REQUEST_IN_PROGRESS');
  if (earlier.scope !== attempt.scope || earlier.request_hash !== attempt.hash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
  const body = earlier.body === null ? undefined : openAnswer(secret, earlier.body);
  if (body === null) throw new AppError('CONFLICT', 'stored answer sealed under another secret');
  return { statusCode: earlier.status_code ?? 200, location: earlier.location ?? undefined, body, contentType: earlier.content_type ?? undefined };
}

async function storeAnswer(tx: Kysely<PlatformTables>, attempt: Attempt, outcome: IdempotentOutcome, secret: string): Promise<void> {
  await tx
    .updateTable('idempotency_keys')
    .set({ state: 'done', status_code: outcome.statusCode, location: outcome.location ?? null, body: outcome.body === undefined ? null : sealAnswer(secret, outcome.body), content_type: outcome.contentType ?? null })
    .where('owner', '=', attempt.owner)
    .where('key', '=', attempt.key)
    .execute();
}

function send(reply: FastifyReply, outcome: IdempotentOutcome, replayed: boolean): FastifyReply {
  // An answer to a confirmation (it may carry a code shown once) is never cached on the way.
  reply.code(outcome.statusCode).header('cache-control', 'no-store');
  if (replayed) reply.header('idempotent-replayed', 'true');
  if (outcome.location) reply.header('location', outcome.location);
  if (outcome.contentType) reply.type(outcome.contentType);
  if (outcome.flash) setFlash(reply, outcome.flash);
  return reply.send(outcome.body ?? '');
}

/** A page as a confirming handler's answer (stored, then replayed as it was first sent). */
export async function pageOutcome(request: FastifyRequest, view: (ctx: ViewContext) => JSX.Element, statusCode = 200): Promise<IdempotentOutcome> {
  return { statusCode, body: await view(buildViewContext(request)), contentType: 'text/html; charset=utf-8' };
}

/** Thrown inside the transaction to roll it back on a refusal (status 400 and above), which is still answered. */
class Refusal extends Error {
  constructor(readonly outcome: IdempotentOutcome) {
    super('refused');
  }
}

/** The work is committed: a failing side effect (a message not queued) is logged, the person still gets the answer. */
async function runAfterCommit(request: FastifyRequest, outcome: IdempotentOutcome): Promise<void> {
  try {
    await outcome.afterCommit?.();
  } catch (error) {
    request.log.error({ err: error }, 'side effect after an idempotent commit failed');
  }
}

const lockTimedOut = (error: unknown) => (error as { code?: unknown } | null)?.code === '55P03';

/**
 * Runs a confirming handler at most once per key, in one transaction with the key and its stored answer.
 * A failure (thrown error or an answer of 400 and above) rolls everything back, key included, so the person
 * can correct and resend. Without a key the handler still runs in a transaction, just without the record.
 */
export async function idempotent(request: FastifyRequest, reply: FastifyReply, scope: string, handler: ConfirmingHandler, options: IdempotencyOptions = {}): Promise<FastifyReply> {
  const payload = options.payload ?? (request.body as Record<string, unknown> | undefined);
  const key = keyOf(request, payload);
  const secret = request.server.platform.config.sessionSecret;
  const attempt: Attempt | null = key ? { owner: options.owner ?? ownerOf(request), key, scope, hash: requestHash(scope, payload) } : null;
  let result: { outcome: IdempotentOutcome; replayed: boolean };
  try {
    result = await request.server.platform.db.transaction().execute(async (tx) => {
      if (attempt && !(await claim(tx, attempt))) return { outcome: await earlierAnswer(tx, attempt, secret), replayed: true };
      const outcome = await handler(tx);
      if (outcome.statusCode >= 400) throw new Refusal(outcome);
      if (attempt) await storeAnswer(tx, attempt, outcome, secret);
      return { outcome, replayed: false };
    });
  } catch (error) {
    if (error instanceof Refusal) return send(reply, error.outcome, false);
    if (lockTimedOut(error)) throw new AppError('REQUEST_IN_PROGRESS');
    throw error;
  }
  if (!result.replayed) await runAfterCommit(request, result.outcome);
  return send(reply, result.outcome, result.replayed);
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
