import type { Kysely } from 'kysely';
import { recordAudit } from '../../../platform/audit/audit.js';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { AppError } from '../../../platform/http/errors.js';
import type { LocalizedText } from '../../../platform/i18n/locales.js';
import { type ChapterInput, type GuideInput, localizedText, textValues } from './forms.js';
import { type GuideSnapshot, guidesDb } from './tables.js';

type Db = Kysely<PlatformTables>;
export interface GuideActor {
  actorId: string | null;
  ip?: string | null;
}

// Guides are the network's, not a commune's: their audit entries carry no commune.
const audit = (db: Db, actor: GuideActor, action: string, guideId: string, details: Record<string, unknown> = {}) =>
  recordAudit(db, { communeId: null, actorUserId: actor.actorId, ip: actor.ip ?? null, action: `network.guide.${action}`, resourceType: 'network_guide', resourceId: guideId, details });

const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === '23505';

export async function createGuide(db: Db, actor: GuideActor, input: GuideInput): Promise<string | null> {
  try {
    const row = await guidesDb(db).insertInto('network_guides').values({ slug: input.slug, audience: input.audience, title: JSON.stringify(localizedText(input, 'title')) }).returning('id').executeTakeFirstOrThrow();
    await audit(db, actor, 'created', row.id, { slug: input.slug });
    return row.id;
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

export async function updateGuide(db: Db, actor: GuideActor, guideId: string, input: Omit<GuideInput, 'slug'>): Promise<void> {
  await guidesDb(db).updateTable('network_guides').set({ audience: input.audience, title: JSON.stringify(localizedText(input, 'title')), updated_at: new Date() }).where('id', '=', guideId).execute();
  await audit(db, actor, 'updated', guideId);
}

/** Adds a chapter at the end; false when the key is already used in this guide. */
export async function addChapter(db: Db, actor: GuideActor, guideId: string, input: ChapterInput): Promise<boolean> {
  const last = await guidesDb(db).selectFrom('network_guide_chapters').select((eb) => eb.fn.max('position').as('position')).where('guide_id', '=', guideId).executeTakeFirst();
  try {
    await guidesDb(db)
      .insertInto('network_guide_chapters')
      .values({ guide_id: guideId, key: input.key, position: Number(last?.position ?? 0) + 1, title: JSON.stringify(localizedText(input, 'title')), body: JSON.stringify(localizedText(input, 'body')) })
      .execute();
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
  await audit(db, actor, 'chapter_added', guideId, { key: input.key });
  return true;
}

/** Saves a chapter of the draft; readers keep seeing the published version until the next publication. */
export async function updateChapter(db: Db, actor: GuideActor, guideId: string, chapterId: string, input: ChapterInput): Promise<boolean> {
  try {
    await guidesDb(db)
      .updateTable('network_guide_chapters')
      .set({ key: input.key, title: JSON.stringify(localizedText(input, 'title')), body: JSON.stringify(localizedText(input, 'body')), updated_at: new Date() })
      .where('guide_id', '=', guideId)
      .where('id', '=', chapterId)
      .execute();
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
  await audit(db, actor, 'chapter_updated', guideId, { key: input.key });
  return true;
}

/** Swaps a chapter with its neighbour before or after it, then numbers the chapters 1, 2, 3… again. */
export async function moveChapter(db: Db, actor: GuideActor, guideId: string, chapterId: string, direction: 'up' | 'down'): Promise<void> {
  const chapters = await guidesDb(db).selectFrom('network_guide_chapters').select(['id', 'key']).where('guide_id', '=', guideId).orderBy('position').orderBy('key').execute();
  const index = chapters.findIndex((c) => c.id === chapterId);
  if (index < 0) throw new AppError('NOT_FOUND');
  const target = direction === 'up' ? index - 1 : index + 1;
  if (target < 0 || target >= chapters.length) return;
  [chapters[index], chapters[target]] = [chapters[target]!, chapters[index]!];
  await db.transaction().execute(async (trx) => {
    for (const [position, chapter] of chapters.entries()) {
      await guidesDb(trx).updateTable('network_guide_chapters').set({ position: position + 1 }).where('id', '=', chapter.id).execute();
    }
  });
  await audit(db, actor, 'chapter_moved', guideId, { key: chapters[target]!.key, direction });
}

/** Freezes the draft as the next version, which readers see from now on. */
export async function publishGuide(db: Db, actor: GuideActor, guideId: string): Promise<number> {
  const version = await db.transaction().execute(async (trx) => {
    const guide = await guidesDb(trx).selectFrom('network_guides').selectAll().where('id', '=', guideId).forUpdate().executeTakeFirstOrThrow();
    const chapters = await guidesDb(trx).selectFrom('network_guide_chapters').selectAll().where('guide_id', '=', guideId).orderBy('position').orderBy('key').execute();
    const last = await guidesDb(trx).selectFrom('network_guide_versions').select((eb) => eb.fn.max('version').as('version')).where('guide_id', '=', guideId).executeTakeFirst();
    const snapshot: GuideSnapshot = { title: guide.title, audience: guide.audience, chapters: chapters.map((c) => ({ key: c.key, title: c.title, body: c.body })) };
    const next = Number(last?.version ?? 0) + 1;
    await guidesDb(trx).insertInto('network_guide_versions').values({ guide_id: guideId, version: next, published_by: actor.actorId, snapshot: JSON.stringify(snapshot) }).execute();
    return next;
  });
  await audit(db, actor, 'published', guideId, { version });
  return version;
}

export interface DraftChapter {
  key: string;
  title: LocalizedText;
  body: LocalizedText;
}

/**
 * Another module's contribution to a guide (e.g. a programme lesson learned): appended as a draft chapter, which
 * readers see only once the guide's editors publish the next version. Null when there is no such guide; `added`
 * is false when the guide already has a chapter with that key (a second contribution of the same thing).
 */
export async function appendDraftChapter(db: Db, actor: GuideActor, guideSlug: string, chapter: DraftChapter): Promise<{ guideId: string; added: boolean } | null> {
  const guide = await guidesDb(db).selectFrom('network_guides').select('id').where('slug', '=', guideSlug).executeTakeFirst();
  if (!guide) return null;
  const input = { key: chapter.key, ...textValues('title', chapter.title), ...textValues('body', chapter.body) } as ChapterInput;
  return { guideId: guide.id, added: await addChapter(db, actor, guide.id, input) };
}
