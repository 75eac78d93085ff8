import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { isoDate } from '../../../platform/i18n/format.js';
import type { Actor } from '../../../platform/permissions/actor.js';
import type { RequestsTables } from '../db/tables.js';
import { requestsPolicy } from '../permissions.js';
import { scoped } from './requests-db.js';

type RequestsRow = ExpressionBuilder<PlatformTables & RequestsTables, 'requests'>;

/**
 * The complaints this person may read, as a SQL condition derived from the policy itself ('request.read_private'):
 * ordinary ones if the policy lets them read an ordinary one, sensitive ones likewise, and always those assigned to them.
 */
export function readableBy(actor: Actor, communeId: string) {
  const readsOrdinary = requestsPolicy.can(actor, 'request.read_private', { communeId, assigneeId: null, sensitive: false });
  const readsSensitive = requestsPolicy.can(actor, 'request.read_private', { communeId, assigneeId: null, sensitive: true });
  const userId = actor.user?.id ?? null;
  return (eb: RequestsRow) => {
    const allowed = [
      ...(readsOrdinary ? [eb('requests.sensitive', '=', false)] : []),
      ...(readsSensitive ? [eb('requests.sensitive', '=', true)] : []),
      ...(userId ? [eb('requests.assignee_id', '=', userId)] : []),
    ];
    return allowed.length > 0 ? eb.or(allowed) : sql<boolean>`false`;
  };
}

/** Past its due date without an answer, on the commune's calendar day `today` (same rule as `isOverdue`). */
const overdueOn = (today: string) => sql<boolean>`(requests.is_open and requests.answered_at is null and requests.due_on < ${today}::date)`;

export interface QueueFilters {
  serviceId?: string | undefined;
  /** A state code; 'all' for every complaint, empty for the open ones. */
  state?: string | undefined;
  neighbourhood?: string | undefined;
  categoryId?: string | undefined;
  overdueOnly?: boolean;
  assignedToMe?: boolean;
}

export const queuePageSize = 50;

/** The complaints queue: overdue ones first, then the oldest; a page at a time (one row more tells a next page exists). */
export async function listQueue(db: Kysely<PlatformTables>, actor: Actor, communeId: string, filters: QueueFilters, today: string, page = 1) {
  let query = scoped(db, communeId)
    .selectFrom('requests')
    .select(['id', 'reference', 'category_id', 'neighbourhood', 'status', 'stage', 'is_open', 'answered_at', 'closed_at', 'due_on', 'submitted_on', 'service_id', 'assignee_id', 'sensitive', 'is_private', 'kind'])
    .select(overdueOn(today).as('overdue'))
    .where('kind', '=', 'complaint')
    .where(readableBy(actor, communeId));
  // No state chosen: the open ones; 'all': open and closed.
  if (!filters.state) query = query.where('is_open', '=', true);
  else if (filters.state !== 'all') query = query.where('status', '=', filters.state);
  if (filters.serviceId) query = query.where('service_id', '=', filters.serviceId);
  if (filters.neighbourhood) query = query.where('neighbourhood', '=', filters.neighbourhood);
  if (filters.categoryId) query = query.where('category_id', '=', filters.categoryId);
  if (filters.overdueOnly) query = query.where(overdueOn(today));
  if (filters.assignedToMe && actor.user) query = query.where('assignee_id', '=', actor.user.id);
  return query
    .orderBy(overdueOn(today), 'desc')
    .orderBy('submitted_on')
    .orderBy('created_at')
    .orderBy('id')
    .limit(queuePageSize + 1)
    .offset((page - 1) * queuePageSize)
    .execute();
}

export type QueueRow = Awaited<ReturnType<typeof listQueue>>[number];

export interface ServiceFigures {
  serviceId: string | null;
  open: number;
  overdue: number;
  /** Complaints answered in the period, and how many by their due date. */
  answered: number;
  answeredOnTime: number;
  averageDays: number | null;
  medianDays: number | null;
}

/** How many days of the past the resolution figures cover. */
export const dashboardPeriodDays = 90;

const average = (values: number[]) => (values.length === 0 ? null : values.reduce((sum, v) => sum + v, 0) / values.length);

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Per service: open and overdue complaints now; over the last 90 days, the average and median days from filing to
 * the first answer and the share answered by the due date. The answer's day is taken in the commune's time zone with
 * the application's own helper (the embedded database may lack time zone data), so those figures are computed here.
 */
export async function dashboardFigures(db: Kysely<PlatformTables>, actor: Actor, commune: { id: string; time_zone: string }, today: string, now: Date): Promise<ServiceFigures[]> {
  const since = new Date(now.getTime() - dashboardPeriodDays * 86_400_000);
  const visible = () => scoped(db, commune.id).selectFrom('requests').where('kind', '=', 'complaint').where(readableBy(actor, commune.id));
  const [counts, answered] = await Promise.all([
    visible()
      .select(['service_id', sql<string>`count(*)`.as('open'), sql<string>`count(*) filter (where ${overdueOn(today)})`.as('overdue')])
      .where('is_open', '=', true)
      .groupBy('service_id')
      .execute(),
    visible().select(['service_id', 'created_at', 'answered_at', 'due_on']).where('answered_at', '>=', since).execute(),
  ]);
  const serviceIds = [...new Set([...counts.map((c) => c.service_id), ...answered.map((a) => a.service_id)])];
  return serviceIds.map((serviceId) => {
    const count = counts.find((c) => c.service_id === serviceId);
    const mine = answered.filter((a) => a.service_id === serviceId);
    const days = mine.map((a) => (a.answered_at!.getTime() - a.created_at.getTime()) / 86_400_000);
    return {
      serviceId,
      open: Number(count?.open ?? 0),
      overdue: Number(count?.overdue ?? 0),
      answered: mine.length,
      answeredOnTime: mine.filter((a) => !a.due_on || isoDate(a.answered_at!, commune.time_zone) <= a.due_on).length,
      averageDays: average(days),
      medianDays: median(days),
    };
  });
}

/** The commune's staff and administrators, to whom a complaint may be assigned. */
export async function staffMembers(db: Kysely<PlatformTables>, communeId: string) {
  return db
    .selectFrom('role_grants')
    .innerJoin('users', 'users.id', 'role_grants.user_id')
    .select(['users.id', 'users.display_name', 'users.phone_e164', 'users.email'])
    .distinct()
    .where('role_grants.commune_id', '=', communeId)
    .where('role_grants.role', 'in', ['staff', 'admin'])
    .where('role_grants.revoked_at', 'is', null)
    .orderBy('users.display_name')
    .orderBy('users.id')
    .limit(500)
    .execute();
}

export type StaffMember = Awaited<ReturnType<typeof staffMembers>>[number];

/** How a person is named in the back office: their name, else their phone or e-mail. */
export const personLabel = (person: { display_name: string | null; phone_e164: string | null; email: string | null }) => person.display_name ?? person.phone_e164 ?? person.email ?? '—';

/** The commune's assisted participants (people a mediator acts for), with the phone news may go to. */
export async function assistedParticipantsOf(db: Kysely<PlatformTables>, communeId: string) {
  return scoped(db, communeId).selectFrom('assisted_participants').select(['id', 'full_name', 'neighbourhood', 'phone_e164']).orderBy('full_name').orderBy('id').limit(500).execute();
}

/** Names behind the ids of a request (staff only): the account that filed it, the mediator who typed it, the assisted participant. */
export async function reporterDetails(db: Kysely<PlatformTables>, communeId: string, request: { reporter_user_id: string | null; recorded_by: string | null; assisted_participant_id: string | null }) {
  const userIds = [request.reporter_user_id, request.recorded_by].filter((id): id is string => !!id);
  const [users, participant] = await Promise.all([
    userIds.length > 0 ? db.selectFrom('users').select(['id', 'display_name', 'phone_e164', 'email']).where('id', 'in', userIds).execute() : Promise.resolve([]),
    request.assisted_participant_id ? scoped(db, communeId).selectFrom('assisted_participants').select(['id', 'full_name', 'phone_e164']).where('id', '=', request.assisted_participant_id).executeTakeFirst() : Promise.resolve(undefined),
  ]);
  return {
    account: users.find((u) => u.id === request.reporter_user_id) ?? null,
    recordedBy: users.find((u) => u.id === request.recorded_by) ?? null,
    participant: participant ?? null,
  };
}
