import type { SeedContext } from '../../../platform/module.js';
import { publishGuide } from './commands.js';
import { seedGuidesContent } from './seed-content.js';
import { guidesDb } from './tables.js';

/** The mayors' and volunteers' guides, each published once as version 1. */
export async function seedGuides({ db, users }: SeedContext): Promise<void> {
  const actor = { actorId: users.get('platform-admin') ?? null };
  for (const guide of seedGuidesContent) {
    const row = await guidesDb(db).insertInto('network_guides').values({ slug: guide.slug, audience: guide.audience, title: JSON.stringify(guide.title) }).returning('id').executeTakeFirstOrThrow();
    await guidesDb(db)
      .insertInto('network_guide_chapters')
      .values(guide.chapters.map((c, index) => ({ guide_id: row.id, key: c.key, position: index + 1, title: JSON.stringify(c.title), body: JSON.stringify(c.body) })))
      .execute();
    await publishGuide(db, actor, row.id);
  }
}
