import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { guidesDb } from './tables.js';

type Db = Kysely<PlatformTables>;

export const guideBySlug = (db: Db, slug: string) => guidesDb(db).selectFrom('network_guides').selectAll().where('slug', '=', slug).executeTakeFirst();

export const draftChapters = (db: Db, guideId: string) => guidesDb(db).selectFrom('network_guide_chapters').selectAll().where('guide_id', '=', guideId).orderBy('position').orderBy('key').execute();

export const allGuides = (db: Db) => guidesDb(db).selectFrom('network_guides').selectAll().orderBy('slug').execute();

/** The published versions of a guide, newest first, without their (large) snapshots. */
export const guideVersions = (db: Db, guideId: string) =>
  guidesDb(db).selectFrom('network_guide_versions').select(['version', 'published_at']).where('guide_id', '=', guideId).orderBy('version', 'desc').execute();

/** One published version (the latest when no number is given). */
export function publishedVersion(db: Db, guideId: string, version?: number) {
  let query = guidesDb(db).selectFrom('network_guide_versions').selectAll().where('guide_id', '=', guideId);
  query = version === undefined ? query.orderBy('version', 'desc').limit(1) : query.where('version', '=', version);
  return query.executeTakeFirst();
}

/** Guides with at least one published version, as readers list them (title of the latest version). */
export async function publishedGuides(db: Db) {
  return guidesDb(db)
    .selectFrom('network_guides')
    .innerJoin('network_guide_versions as v', 'v.guide_id', 'network_guides.id')
    .select(['network_guides.slug', 'v.version', 'v.published_at', 'v.snapshot'])
    .where(({ eb, selectFrom }) => eb('v.version', '=', selectFrom('network_guide_versions as latest').select((e) => e.fn.max('latest.version').as('m')).whereRef('latest.guide_id', '=', 'network_guides.id')))
    .orderBy('network_guides.slug')
    .execute();
}
