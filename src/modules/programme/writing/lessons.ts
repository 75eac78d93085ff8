import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { fields } from '../../../platform/http/forms.js';
import type { Translate } from '../../../platform/i18n/i18n.js';
import { locales } from '../../../platform/i18n/locales.js';
import { appendDraftChapter } from '../../network/index.js';
import type { WritingActor } from './access.js';
import { auditWriting } from './audit.js';
import { lessonAudiences, type LessonRow, writingDb } from './tables.js';

type Db = Kysely<PlatformTables>;

export const lessonSchema = z.object({
  title: fields.requiredText(200),
  worked: fields.optionalText(10000),
  did_not_work: fields.optionalText(10000),
  recommendation: fields.requiredText(10000),
  audience: z.enum(lessonAudiences, 'core.form.invalid'),
  language: z.enum(locales, 'core.form.invalid'),
});
export type LessonInput = z.output<typeof lessonSchema>;

export const foldSchema = z.object({ guide: fields.requiredText(80) });
export const practiceSchema = z.object({
  practice_url: fields.requiredText(500).pipe(z.string().regex(/^(https?:\/\/\S+|\/network\/practices\/[0-9a-f-]{36})$/i, 'programme.writing.lesson.error_practice_url')),
});

const resourceOf = (lesson: Pick<LessonRow, 'id'>, communeId: string | null) => ({ type: 'lesson' as const, id: lesson.id, communeId });

export async function recordLesson(db: Db, actor: WritingActor, deployment: { id: string; commune_id: string } | null, input: LessonInput): Promise<string> {
  const row = await writingDb(db)
    .insertInto('programme_lessons')
    .values({ deployment_id: deployment?.id ?? null, author_user_id: actor.userId, title: input.title, worked: input.worked ?? '', did_not_work: input.did_not_work ?? '', recommendation: input.recommendation, audience: input.audience, language: input.language })
    .returning('id')
    .executeTakeFirstOrThrow();
  await auditWriting(db, actor, 'recorded', resourceOf(row, deployment?.commune_id ?? null));
  return row.id;
}

/** The chapter a lesson becomes: its sections under headings in the lesson's own language. */
export function chapterOf(lesson: LessonRow, t: Translate) {
  const sections: [string, string][] = [
    [t('programme.writing.lesson.worked'), lesson.worked],
    [t('programme.writing.lesson.did_not_work'), lesson.did_not_work],
    [t('programme.writing.lesson.recommendation'), lesson.recommendation],
  ];
  const body = sections.filter(([, text]) => text.trim()).map(([heading, text]) => `## ${heading}\n\n${text}`).join('\n\n');
  // One key per lesson: folding it again finds the chapter already there.
  return { key: `lesson-${lesson.id.slice(0, 8)}`, title: { [lesson.language]: lesson.title }, body: { [lesson.language]: body } };
}

/**
 * Folds a lesson into a guide as a draft chapter. Idempotent: a lesson already folded, or whose chapter is
 * already in the guide, adds nothing. False when there is no such guide.
 */
export async function foldLesson(db: Db, actor: WritingActor, lesson: LessonRow, guideSlug: string, t: Translate, now = new Date()): Promise<boolean> {
  if (lesson.guide_slug) return true;
  const chapter = chapterOf(lesson, t);
  const appended = await appendDraftChapter(db, { actorId: actor.userId, ip: actor.ip }, guideSlug, chapter);
  if (!appended) return false;
  const updated = await writingDb(db)
    .updateTable('programme_lessons')
    .set({ guide_slug: guideSlug, guide_chapter_key: chapter.key, folded_at: now, folded_by: actor.userId })
    .where('id', '=', lesson.id)
    .where('guide_slug', 'is', null)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 1) await auditWriting(db, actor, 'folded', resourceOf(lesson, null), { guide: guideSlug, chapter: chapter.key, added: appended.added });
  return true;
}

export async function linkPractice(db: Db, actor: WritingActor, lesson: LessonRow, practiceUrl: string): Promise<void> {
  await writingDb(db).updateTable('programme_lessons').set({ practice_url: practiceUrl }).where('id', '=', lesson.id).execute();
  await auditWriting(db, actor, 'linked', resourceOf(lesson, null), { practice_url: practiceUrl });
}

/** A lesson with its deployment's commune, for the lists. */
export interface LessonWithOrigin extends LessonRow {
  commune_name: Record<string, string> | null;
  author_name: string | null;
}

export async function lessons(db: Db, deploymentId?: string): Promise<LessonWithOrigin[]> {
  let query = writingDb(db)
    .selectFrom('programme_lessons')
    .leftJoin('programme_deployments', 'programme_deployments.id', 'programme_lessons.deployment_id')
    .leftJoin('communes', 'communes.id', 'programme_deployments.commune_id')
    .leftJoin('users', 'users.id', 'programme_lessons.author_user_id')
    .selectAll('programme_lessons')
    .select(['communes.name as commune_name', 'users.display_name as author_name'])
    .orderBy('programme_lessons.created_at', 'desc');
  if (deploymentId) query = query.where('programme_lessons.deployment_id', '=', deploymentId);
  return (await query.execute()) as LessonWithOrigin[];
}

export const lessonById = (db: Db, lessonId: string) => writingDb(db).selectFrom('programme_lessons').selectAll().where('id', '=', lessonId).executeTakeFirst();
