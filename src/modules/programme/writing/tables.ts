import type { ColumnType, Generated, Kysely, Selectable } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { Locale } from '../../../platform/i18n/locales.js';
import type { MaybeStamp, Stamp, ProgrammeTables } from '../db/tables.js';

type TextWithDefault = ColumnType<string, string | undefined, string>;

export const reportStatuses = ['draft', 'submitted', 'acknowledged'] as const;
export type ReportStatus = (typeof reportStatuses)[number];
export const postStatuses = ['draft', 'submitted', 'returned', 'published', 'unpublished'] as const;
export type PostStatus = (typeof postStatuses)[number];
/** The network guides' audiences: a lesson is tagged with the one it speaks to. */
export const lessonAudiences = ['mayors', 'staff', 'volunteers', 'citizens'] as const;
export type LessonAudience = (typeof lessonAudiences)[number];

export type WritingTables = ProgrammeTables & {
  programme_reports: {
    id: Generated<string>;
    deployment_id: string;
    author_user_id: string | null;
    period: string;
    activities: TextWithDefault;
    results: TextWithDefault;
    difficulties: TextWithDefault;
    next_steps: TextWithDefault;
    status: ColumnType<ReportStatus, ReportStatus | undefined, ReportStatus>;
    operator_comment: string | null;
    submitted_at: MaybeStamp;
    acknowledged_at: MaybeStamp;
    acknowledged_by: string | null;
    created_at: Stamp;
    updated_at: Stamp;
  };
  programme_posts: {
    id: Generated<string>;
    deployment_id: string;
    author_user_id: string | null;
    slug: string | null;
    language: Locale;
    title: string;
    summary: TextWithDefault;
    body: TextWithDefault;
    status: ColumnType<PostStatus, PostStatus | undefined, PostStatus>;
    review_comment: string | null;
    submitted_at: MaybeStamp;
    published_at: MaybeStamp;
    created_at: Stamp;
    updated_at: Stamp;
  };
  programme_lessons: {
    id: Generated<string>;
    deployment_id: string | null;
    author_user_id: string | null;
    language: Locale;
    title: string;
    worked: TextWithDefault;
    did_not_work: TextWithDefault;
    recommendation: TextWithDefault;
    audience: LessonAudience;
    guide_slug: string | null;
    guide_chapter_key: string | null;
    folded_at: MaybeStamp;
    folded_by: string | null;
    practice_url: string | null;
    created_at: Stamp;
  };
};

export type ReportRow = Selectable<WritingTables['programme_reports']>;
export type PostRow = Selectable<WritingTables['programme_posts']>;
export type LessonRow = Selectable<WritingTables['programme_lessons']>;

export const writingDb = (db: Kysely<PlatformTables>) => db.withTables<WritingTables>();
