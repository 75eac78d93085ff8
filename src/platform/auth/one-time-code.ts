import { randomInt } from 'node:crypto';
import argon2 from 'argon2';
import { type Kysely, sql } from 'kysely';
import { recordAudit } from '../audit/audit.js';
import type { PlatformTables, User } from '../db/platform-tables.js';
import type { MessageSender } from '../messaging/message-sender.js';
import type { SignInIdentifier } from './identifier.js';

export const otpRules = {
  lifetimeMs: 10 * 60 * 1000,
  maxAttempts: 5,
  maxCodesPerIdentifierPerHour: 3,
  maxCodesPerIpPerHour: 10,
} as const;

const hour = 3600 * 1000;
// Low memory cost keeps a code check fast on a small server; a 6-digit code lives 10 minutes anyway.
const hashOptions = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

const messages: Record<string, (code: string) => string> = {
  fr: (code) => `Palabre : votre code est ${code}. Il expire dans 10 minutes. Ne le partagez avec personne.`,
  en: (code) => `Palabre: your code is ${code}. It expires in 10 minutes. Do not share it with anyone.`,
  pt: (code) => `Palabre: o seu código é ${code}. Expira em 10 minutos. Não o partilhe com ninguém.`,
  ar: (code) => `بالابر: رمزك هو ${code}. تنتهي صلاحيته بعد 10 دقائق. لا تشاركه مع أي أحد.`,
};

export type RequestCodeResult = 'sent' | 'rate_limited';

async function recentCount(db: Kysely<PlatformTables>, column: 'identifier' | 'ip', value: string, now: Date) {
  const row = await db
    .selectFrom('otp_challenges')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where(column, '=', value)
    .where('created_at', '>', new Date(now.getTime() - hour))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** The language an existing account chose; the message only reaches its owner, so this reveals nothing. */
async function knownLocale(db: Kysely<PlatformTables>, identifier: SignInIdentifier): Promise<string | null> {
  const column = identifier.kind === 'phone' ? 'phone_e164' : 'email';
  const user = await db.selectFrom('users').select('preferred_locale').where(column, '=', identifier.value).executeTakeFirst();
  return user?.preferred_locale ?? null;
}

/** Sends a fresh 6-digit code; the answer is the same whether or not an account exists. */
export async function requestCode(
  db: Kysely<PlatformTables>,
  sender: MessageSender,
  input: { identifier: SignInIdentifier; ip: string | null; communeId: string | null; locale: string; now?: Date },
): Promise<RequestCodeResult> {
  const now = input.now ?? new Date();
  const { value, kind } = input.identifier;
  if ((await recentCount(db, 'identifier', value, now)) >= otpRules.maxCodesPerIdentifierPerHour) return 'rate_limited';
  if (input.ip && (await recentCount(db, 'ip', input.ip, now)) >= otpRules.maxCodesPerIpPerHour) return 'rate_limited';
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await db.transaction().execute(async (trx) => {
    // A new code replaces the previous ones: only the latest message counts.
    await trx.updateTable('otp_challenges').set({ consumed_at: now }).where('identifier', '=', value).where('consumed_at', 'is', null).execute();
    await trx
      .insertInto('otp_challenges')
      .values({ identifier: value, channel: kind === 'phone' ? 'sms' : 'email', code_hash: await argon2.hash(code, hashOptions), expires_at: new Date(now.getTime() + otpRules.lifetimeMs), ip: input.ip, created_at: now })
      .execute();
  });
  const text = (messages[(await knownLocale(db, input.identifier)) ?? input.locale] ?? messages.fr!)(code);
  await sender.send({ channel: kind === 'phone' ? 'sms' : 'email', recipient: value, body: text, purpose: 'otp', communeId: input.communeId, awaited: true });
  return 'sent';
}

/** Takes one try of the latest live code; the increment happens before comparing, so parallel guesses all count. */
async function takeAttempt(db: Kysely<PlatformTables>, identifier: string, now: Date) {
  const challenge = await db
    .selectFrom('otp_challenges')
    .select('id')
    .where('identifier', '=', identifier)
    .where('consumed_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .executeTakeFirst();
  if (!challenge) return null;
  return db
    .updateTable('otp_challenges')
    .set({ attempts: sql`attempts + 1` })
    .where('id', '=', challenge.id)
    .where('attempts', '<', otpRules.maxAttempts)
    .returning(['id', 'code_hash'])
    .executeTakeFirst();
}

async function findOrCreateUser(db: Kysely<PlatformTables>, identifier: SignInIdentifier): Promise<User> {
  const column = identifier.kind === 'phone' ? 'phone_e164' : 'email';
  const existing = await db.selectFrom('users').selectAll().where(column, '=', identifier.value).executeTakeFirst();
  if (existing) return existing;
  return db
    .insertInto('users')
    .values({ [column]: identifier.value })
    .onConflict((oc) => oc.column(column).doUpdateSet({ [column]: identifier.value }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Turns invitations sent to this phone or e-mail into roles, on first sign-in; each invitation is taken once. */
async function acceptInvitations(db: Kysely<PlatformTables>, user: User, identifier: string, ip: string | null) {
  await db.transaction().execute(async (trx) => {
    const accepted = await trx
      .updateTable('invitations')
      .set({ accepted_at: new Date() })
      .where('identifier', '=', identifier)
      .where('accepted_at', 'is', null)
      .returning(['id', 'commune_id', 'role', 'invited_by'])
      .execute();
    for (const invitation of accepted.sort((a, b) => a.id.localeCompare(b.id))) {
      const granted = await trx
        .insertInto('role_grants')
        .values({ commune_id: invitation.commune_id, user_id: user.id, role: invitation.role, granted_by: invitation.invited_by })
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .executeTakeFirst();
      // Already holding the role: nothing changed, nothing to audit.
      if (!granted) continue;
      await recordAudit(trx, { communeId: invitation.commune_id, actorUserId: user.id, action: 'role.granted', resourceType: 'user', resourceId: user.id, ip, details: { role: invitation.role, via: 'invitation', invitedBy: invitation.invited_by } });
    }
  });
}

/** Checks a code: single use, at most five tries, ten minutes. Returns the (possibly new) user. */
export async function verifyCode(
  db: Kysely<PlatformTables>,
  input: { identifier: SignInIdentifier; code: string; ip: string | null; now?: Date },
): Promise<User | null> {
  const now = input.now ?? new Date();
  if (!/^\d{6}$/.test(input.code)) return null;
  const attempt = await takeAttempt(db, input.identifier.value, now);
  if (!attempt || !(await argon2.verify(attempt.code_hash, input.code))) return null;
  const consumed = await db.updateTable('otp_challenges').set({ consumed_at: now }).where('id', '=', attempt.id).where('consumed_at', 'is', null).returning('id').executeTakeFirst();
  if (!consumed) return null;
  const user = await findOrCreateUser(db, input.identifier);
  await acceptInvitations(db, user, input.identifier.value, input.ip);
  return user;
}
