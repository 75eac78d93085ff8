import type { Generated, Kysely, Selectable } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { LocalizedText } from '../../../platform/i18n/locales.js';
import type { Json, JsonWithDefault, Stamp } from '../../../platform/db/column-types.js';


export const audiences = ['mayors', 'staff', 'volunteers', 'citizens'] as const;
export type Audience = (typeof audiences)[number];

/** What a publication freezes: the guide as readers see it, chapters in order. */
export interface GuideSnapshot {
  title: LocalizedText;
  audience: Audience;
  chapters: { key: string; title: LocalizedText; body: LocalizedText }[];
}

export type GuideTables = {
  network_guides: {
    id: Generated<string>;
    slug: string;
    title: Json<LocalizedText>;
    audience: Audience;
    created_at: Stamp;
    updated_at: Stamp;
  };
  network_guide_chapters: {
    id: Generated<string>;
    guide_id: string;
    key: string;
    position: number;
    title: Json<LocalizedText>;
    body: JsonWithDefault<LocalizedText>;
    updated_at: Stamp;
  };
  network_guide_versions: {
    id: Generated<string>;
    guide_id: string;
    version: number;
    published_at: Stamp;
    published_by: string | null;
    snapshot: Json<GuideSnapshot>;
  };
};

export type GuideRow = Selectable<GuideTables['network_guides']>;
export type ChapterRow = Selectable<GuideTables['network_guide_chapters']>;
export type VersionRow = Selectable<GuideTables['network_guide_versions']>;

/** Guides belong to the network, not to a commune: no commune scope. */
export const guidesDb = (db: Kysely<PlatformTables>) => db.withTables<GuideTables>();
