import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CommuneRole, PlatformTables, User } from '../db/platform-tables.js';
import type { Actor } from '../permissions/actor.js';

export const sessionCookieName = 'palabre_session';

/** Citizens stay signed in for a month on their own phone; staff sessions end the same day. */
export const sessionLifetimeMs = { citizen: 30 * 24 * 3600 * 1000, staff: 12 * 3600 * 1000 } as const;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(
  db: Kysely<PlatformTables>,
  input: { userId: string; kind: 'citizen' | 'staff'; ip: string | null; userAgent: string | null },
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + sessionLifetimeMs[input.kind]);
  await db
    .insertInto('sessions')
    .values({
      id: hashToken(token),
      user_id: input.userId,
      kind: input.kind,
      expires_at: expiresAt,
      ip: input.ip,
      user_agent: input.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, expiresAt };
}

export async function destroySession(db: Kysely<PlatformTables>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', hashToken(token)).execute();
}

export async function destroyAllSessions(db: Kysely<PlatformTables>, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

/** Loads the actor behind a session cookie: the user and their active roles in every commune. */
export async function actorFromSession(db: Kysely<PlatformTables>, token: string): Promise<Actor | null> {
  const session = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select(['sessions.kind as session_kind'])
    .where('sessions.id', '=', hashToken(token))
    .where('sessions.expires_at', '>', new Date())
    .executeTakeFirst();
  if (!session) return null;
  const { session_kind: sessionKind, ...user } = session;
  return {
    user: user as User,
    isPlatformAdmin: user.is_platform_admin,
    sessionKind,
    roles: await activeRoles(db, user.id),
  };
}

export async function activeRoles(
  db: Kysely<PlatformTables>,
  userId: string,
): Promise<Map<string, Set<CommuneRole>>> {
  const grants = await db
    .selectFrom('role_grants')
    .select(['commune_id', 'role'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
  const roles = new Map<string, Set<CommuneRole>>();
  for (const grant of grants) {
    const set = roles.get(grant.commune_id) ?? new Set<CommuneRole>();
    set.add(grant.role);
    roles.set(grant.commune_id, set);
  }
  return roles;
}
