import type { ColumnType, Generated, Kysely, Selectable } from 'kysely';
import { communeScope } from '../../../platform/db/commune-scope.js';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { LocalizedText } from '../../../platform/i18n/locales.js';
import { type Principle, principles } from '../principles.js';
import type { Json, JsonWithDefault, Stamp } from '../../../platform/db/column-types.js';

type TextWithDefault = ColumnType<string, string | undefined, string>;

export { type Principle, principles };
export const practiceStatuses = ['draft', 'published'] as const;
export type PracticeStatus = (typeof practiceStatuses)[number];

export type PracticeTables = {
  network_practices: {
    id: Generated<string>;
    commune_id: string;
    title: Json<LocalizedText>;
    summary: JsonWithDefault<LocalizedText>;
    body: JsonWithDefault<LocalizedText>;
    results: JsonWithDefault<LocalizedText>;
    principles: JsonWithDefault<Principle[]>;
    modules: JsonWithDefault<string[]>;
    contact_name: TextWithDefault;
    contact_role: TextWithDefault;
    contact_email: TextWithDefault;
    contact_phone: TextWithDefault;
    search_text: TextWithDefault;
    status: ColumnType<PracticeStatus, PracticeStatus | undefined, PracticeStatus>;
    created_by: string | null;
    published_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
    created_at: Stamp;
    updated_at: Stamp;
  };
  network_practice_documents: {
    id: Generated<string>;
    commune_id: string;
    practice_id: string;
    file_id: string;
    title: string;
    kind: 'document' | 'photo';
    added_at: Stamp;
  };
};

export type PracticeRow = Selectable<PracticeTables['network_practices']>;
export type PracticeDocumentRow = Selectable<PracticeTables['network_practice_documents']>;

export const practicesDb = (db: Kysely<PlatformTables>) => db.withTables<PracticeTables>();
export const scopedPractices = (db: Kysely<PlatformTables>, communeId: string) => communeScope(practicesDb(db), communeId);
