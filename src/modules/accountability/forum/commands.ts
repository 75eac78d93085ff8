import type { Kysely } from 'kysely';
import { recordAudit } from '../../../platform/audit/audit.js';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { EndorsementInput, ForumInput, MeetingInput, MemberInput } from './forms.js';
import { scopedForum } from './tables.js';

type Db = Kysely<PlatformTables>;
export interface ForumActor {
  communeId: string;
  actorId: string | null;
}

const audit = (db: Db, actor: ForumActor, action: string, resource: { type: string; id: string }, details: Record<string, unknown> = {}) =>
  recordAudit(db, { communeId: actor.communeId, actorUserId: actor.actorId, action: `accountability.forum.${action}`, resourceType: resource.type, resourceId: resource.id, details });

const forumColumns = (input: ForumInput) => ({
  name: input.name,
  rules_text: input.rules_text ?? '',
  rules_url: input.rules_url ?? null,
  rules_published_on: input.rules_published_on ?? null,
});

/** Creates the commune's one forum, or updates it. */
export async function saveForum(db: Db, actor: ForumActor, input: ForumInput): Promise<string> {
  const scope = scopedForum(db, actor.communeId);
  const existing = await scope.selectFrom('accountability_forums').select('id').executeTakeFirst();
  const id = existing
    ? (await scope.updateTable('accountability_forums').set({ ...forumColumns(input), updated_at: new Date() }).returning('id').executeTakeFirstOrThrow()).id
    : (await scope.insertInto('accountability_forums', forumColumns(input)).returning('id').executeTakeFirstOrThrow()).id;
  await audit(db, actor, existing ? 'updated' : 'created', { type: 'accountability_forum', id });
  return id;
}

const memberColumns = (input: MemberInput) => ({
  name: input.name,
  organisation: input.organisation ?? '',
  sector: input.sector,
  gender: input.gender,
  role: input.role ?? '',
  joined_on: input.joined_on ?? null,
  left_on: input.left_on ?? null,
});

export async function addMember(db: Db, actor: ForumActor, forumId: string, input: MemberInput): Promise<string> {
  const member = await scopedForum(db, actor.communeId).insertInto('accountability_forum_members', { ...memberColumns(input), forum_id: forumId }).returning('id').executeTakeFirstOrThrow();
  await audit(db, actor, 'member_added', { type: 'accountability_forum_member', id: member.id });
  return member.id;
}

/** A member who leaves gets a leaving date and stays in the forum's history. */
export async function updateMember(db: Db, actor: ForumActor, memberId: string, input: MemberInput): Promise<void> {
  await scopedForum(db, actor.communeId).updateTable('accountability_forum_members').set(memberColumns(input)).where('id', '=', memberId).execute();
  await audit(db, actor, 'member_updated', { type: 'accountability_forum_member', id: memberId }, { left: Boolean(input.left_on) });
}

const meetingColumns = (input: MeetingInput, startsAt: Date) => ({
  starts_at: startsAt,
  place: input.place ?? '',
  plan_id: input.plan_id,
  agenda: input.agenda ?? '',
  agenda_published_on: input.agenda_published_on ?? null,
  minutes_text: input.minutes_text ?? '',
  minutes_url: input.minutes_url ?? null,
  minutes_published_on: input.minutes_published_on ?? null,
  other_attendees: input.other_attendees,
});

/** Writes a meeting and replaces its attendance in one transaction, so the record never shows half of it. */
export async function saveMeeting(db: Db, actor: ForumActor, forumId: string, input: MeetingInput, startsAt: Date, existingId: string | null): Promise<string> {
  const id = await db.transaction().execute(async (trx) => {
    const scope = scopedForum(trx, actor.communeId);
    const columns = meetingColumns(input, startsAt);
    const meetingId = existingId
      ? (await scope.updateTable('accountability_forum_meetings').set({ ...columns, updated_at: new Date() }).where('id', '=', existingId).returning('id').executeTakeFirstOrThrow()).id
      : (await scope.insertInto('accountability_forum_meetings', { ...columns, forum_id: forumId }).returning('id').executeTakeFirstOrThrow()).id;
    await scope.deleteFrom('accountability_forum_attendance').where('meeting_id', '=', meetingId).execute();
    const present = [...new Set(input.present)];
    if (present.length > 0) await scope.insertInto('accountability_forum_attendance', present.map((memberId) => ({ meeting_id: meetingId, member_id: memberId }))).execute();
    return meetingId;
  });
  await audit(db, actor, existingId ? 'meeting_updated' : 'meeting_created', { type: 'accountability_forum_meeting', id }, { present: input.present.length, ...(input.plan_id ? { planId: input.plan_id } : {}) });
  return id;
}

export async function addDecision(db: Db, actor: ForumActor, meetingId: string, input: { decision_text: string; follow_up?: string | undefined }): Promise<void> {
  const decision = await scopedForum(db, actor.communeId).insertInto('accountability_forum_decisions', { meeting_id: meetingId, text: input.decision_text, follow_up: input.follow_up ?? '' }).returning('id').executeTakeFirstOrThrow();
  await audit(db, actor, 'decision_added', { type: 'accountability_forum_decision', id: decision.id }, { meetingId });
}

export async function addEndorsement(db: Db, actor: ForumActor, input: EndorsementInput): Promise<void> {
  const endorsement = await scopedForum(db, actor.communeId)
    .insertInto('accountability_plan_endorsements', { plan_id: input.plan_id, organisations: input.organisations, endorsed_on: input.endorsed_on, document_url: input.document_url ?? null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await audit(db, actor, 'endorsement_added', { type: 'accountability_plan_endorsement', id: endorsement.id }, { planId: input.plan_id });
}
