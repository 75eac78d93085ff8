import { type Kysely, sql } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { isUuid } from '../../../platform/db/uuid.js';
import { isoDate } from '../../../platform/i18n/format.js';
import { unansweredCommentStats } from '../plans/comments/stats.js';
import { scopedPlans } from '../plans/tables.js';
import { type ComplianceFacts, complianceChecklist } from './compliance.js';
import { type ForumDecisionRow, type MeetingRow, type MemberRow, scopedForum } from './tables.js';

type Db = Kysely<PlatformTables>;

export const findForum = (db: Db, communeId: string) => scopedForum(db, communeId).selectFrom('accountability_forums').selectAll().executeTakeFirst();

export const forumMembers = (db: Db, communeId: string) =>
  scopedForum(db, communeId).selectFrom('accountability_forum_members').selectAll().orderBy('left_on', 'desc').orderBy('name').execute();

export async function findMember(db: Db, communeId: string, id: string): Promise<MemberRow | undefined> {
  if (!isUuid(id)) return undefined;
  return scopedForum(db, communeId).selectFrom('accountability_forum_members').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findMeeting(db: Db, communeId: string, id: string): Promise<MeetingRow | undefined> {
  if (!isUuid(id)) return undefined;
  return scopedForum(db, communeId).selectFrom('accountability_forum_meetings').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface MeetingRecord {
  meeting: MeetingRow;
  presentIds: string[];
  decisions: ForumDecisionRow[];
}

/** The forum's meetings, oldest first, each with who attended and what it decided. */
export async function meetingRecords(db: Db, communeId: string, options: { planId?: string } = {}): Promise<MeetingRecord[]> {
  const scope = scopedForum(db, communeId);
  let query = scope.selectFrom('accountability_forum_meetings').selectAll().orderBy('starts_at');
  if (options.planId) query = query.where('plan_id', '=', options.planId);
  const meetings = await query.execute();
  if (meetings.length === 0) return [];
  const ids = meetings.map((m) => m.id);
  const [attendance, decisions] = await Promise.all([
    scope.selectFrom('accountability_forum_attendance').select(['meeting_id', 'member_id']).where('meeting_id', 'in', ids).execute(),
    scope.selectFrom('accountability_forum_decisions').selectAll().where('meeting_id', 'in', ids).orderBy('created_at').execute(),
  ]);
  return meetings.map((meeting) => ({
    meeting,
    presentIds: attendance.filter((a) => a.meeting_id === meeting.id).map((a) => a.member_id),
    decisions: decisions.filter((d) => d.meeting_id === meeting.id),
  }));
}

export const planEndorsements = (db: Db, communeId: string, planId?: string) => {
  let query = scopedForum(db, communeId).selectFrom('accountability_plan_endorsements').selectAll().orderBy('endorsed_on');
  if (planId) query = query.where('plan_id', '=', planId);
  return query.execute();
};

/** Plans a meeting or an endorsement may concern: the commune's own. */
export const planChoices = (db: Db, communeId: string) =>
  scopedPlans(db, communeId).selectFrom('accountability_plans').select(['id', 'title', 'kind', 'state']).orderBy('period_start', 'desc').execute();

/**
 * Days on which the plan, its commitments, milestones or evidence changed: the rows' own stamps give the latest
 * change, and the audit log (every `accountability.*` action on them) the history between.
 */
async function planUpdateDays(db: Db, communeId: string, planId: string, timeZone: string): Promise<string[]> {
  const scope = scopedPlans(db, communeId);
  const plan = await scope.selectFrom('accountability_plans').select(['created_at', 'updated_at']).where('id', '=', planId).executeTakeFirstOrThrow();
  const commitments = await scope.selectFrom('accountability_commitments').select(['id', 'created_at', 'updated_at']).where('plan_id', '=', planId).execute();
  const commitmentIds = commitments.map((c) => c.id);
  const [milestones, evidence] = commitmentIds.length === 0 ? [[], []] : await Promise.all([
    scope.selectFrom('accountability_milestones').select(['id', 'updated_at']).where('commitment_id', 'in', commitmentIds).execute(),
    scope.selectFrom('accountability_evidence').select('added_at').where('commitment_id', 'in', commitmentIds).execute(),
  ]);
  const resourceIds = [planId, ...commitmentIds, ...milestones.map((m) => m.id)];
  const audited = await db
    .selectFrom('audit_log')
    .select('created_at')
    .where('commune_id', '=', communeId)
    .where('action', 'like', 'accountability.%')
    .where((eb) => eb.or([eb('resource_id', 'in', resourceIds), eb(sql<string>`details->>'planId'`, '=', planId), ...(commitmentIds.length ? [eb(sql<string>`details->>'commitmentId'`, 'in', commitmentIds)] : [])]))
    .execute();
  const stamps = [plan.created_at, plan.updated_at, ...commitments.flatMap((c) => [c.created_at, c.updated_at]), ...milestones.map((m) => m.updated_at), ...evidence.map((e) => e.added_at), ...audited.map((a) => a.created_at)];
  return [...new Set(stamps.map((at) => isoDate(at, timeZone)))];
}

/** Everything the checklist looks at, for one plan of the commune. */
export async function complianceFacts(db: Db, communeId: string, planId: string, timeZone: string): Promise<ComplianceFacts | undefined> {
  if (!isUuid(planId)) return undefined;
  const plan = await scopedPlans(db, communeId).selectFrom('accountability_plans').select(['id', 'period_start', 'period_end']).where('id', '=', planId).executeTakeFirst();
  if (!plan) return undefined;
  const [forum, meetings, endorsements, comments, updates] = await Promise.all([
    findForum(db, communeId),
    scopedForum(db, communeId).selectFrom('accountability_forum_meetings').select(['id', 'starts_at', 'agenda_published_on', 'minutes_text', 'minutes_url']).execute(),
    planEndorsements(db, communeId, planId),
    unansweredCommentStats(db, communeId, planId),
    planUpdateDays(db, communeId, planId, timeZone),
  ]);
  return {
    plan: { id: plan.id, periodStart: plan.period_start, periodEnd: plan.period_end },
    forum: forum ? { hasRules: Boolean(forum.rules_text.trim() || forum.rules_url), rulesUrl: forum.rules_url, rulesPublishedOn: forum.rules_published_on } : null,
    meetings: meetings.map((m) => ({ id: m.id, date: isoDate(m.starts_at, timeZone), agendaPublishedOn: m.agenda_published_on, hasMinutes: Boolean(m.minutes_text.trim() || m.minutes_url) })),
    comments,
    updates,
    endorsements: endorsements.map((e) => ({ id: e.id, endorsedOn: e.endorsed_on, documentUrl: e.document_url })),
  };
}

/** The checklist of a plan as of today in the commune. */
export async function planCompliance(db: Db, communeId: string, planId: string, timeZone: string) {
  const facts = await complianceFacts(db, communeId, planId, timeZone);
  return facts ? complianceChecklist(facts, isoDate(new Date(), timeZone)) : undefined;
}
