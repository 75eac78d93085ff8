import type { ColumnType, Generated, Kysely, Selectable } from 'kysely';
import { communeScope } from '../../../platform/db/commune-scope.js';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { MaybeDate, Stamp } from '../../../platform/db/column-types.js';

type TextWithDefault = ColumnType<string, string | undefined, string>;

export const sectors = ['government', 'civil_society', 'other'] as const;
export type Sector = (typeof sectors)[number];
export const genders = ['female', 'male', 'other', 'undisclosed'] as const;
export type Gender = (typeof genders)[number];

export type ForumTables = {
  accountability_forums: {
    id: Generated<string>;
    commune_id: string;
    name: string;
    rules_text: TextWithDefault;
    rules_url: string | null;
    rules_published_on: MaybeDate;
    created_at: Stamp;
    updated_at: Stamp;
  };
  accountability_forum_members: {
    id: Generated<string>;
    commune_id: string;
    forum_id: string;
    name: string;
    organisation: TextWithDefault;
    sector: Sector;
    gender: Gender;
    role: TextWithDefault;
    joined_on: MaybeDate;
    left_on: MaybeDate;
    created_at: Stamp;
  };
  accountability_forum_meetings: {
    id: Generated<string>;
    commune_id: string;
    forum_id: string;
    plan_id: string | null;
    starts_at: ColumnType<Date, Date | string, Date | string>;
    place: TextWithDefault;
    agenda: TextWithDefault;
    agenda_published_on: MaybeDate;
    minutes_text: TextWithDefault;
    minutes_url: string | null;
    minutes_published_on: MaybeDate;
    other_attendees: ColumnType<number, number | undefined, number>;
    created_at: Stamp;
    updated_at: Stamp;
  };
  accountability_forum_attendance: { commune_id: string; meeting_id: string; member_id: string };
  accountability_forum_decisions: {
    id: Generated<string>;
    commune_id: string;
    meeting_id: string;
    text: string;
    follow_up: TextWithDefault;
    created_at: Stamp;
  };
  accountability_plan_endorsements: {
    id: Generated<string>;
    commune_id: string;
    plan_id: string;
    organisations: string;
    endorsed_on: string;
    document_url: string | null;
    created_at: Stamp;
  };
};

export type ForumRow = Selectable<ForumTables['accountability_forums']>;
export type MemberRow = Selectable<ForumTables['accountability_forum_members']>;
export type MeetingRow = Selectable<ForumTables['accountability_forum_meetings']>;
export type ForumDecisionRow = Selectable<ForumTables['accountability_forum_decisions']>;
export type EndorsementRow = Selectable<ForumTables['accountability_plan_endorsements']>;

export const forumDb = (db: Kysely<PlatformTables>) => db.withTables<ForumTables>();
export const scopedForum = (db: Kysely<PlatformTables>, communeId: string) => communeScope(forumDb(db), communeId);
