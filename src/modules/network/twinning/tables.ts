import type { ColumnType, Generated, Kysely, Selectable } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { LocalizedText } from '../../../platform/i18n/locales.js';
import type { DateOnly, Json, Stamp } from '../../../platform/db/column-types.js';


export const twinningStatuses = ['proposed', 'active', 'ended', 'declined'] as const;
export type TwinningStatus = (typeof twinningStatuses)[number];

export type TwinningTables = {
  network_twinnings: {
    id: Generated<string>;
    /** The member commune that declared the twinning. */
    commune_id: string;
    /** Another commune on this install (it confirms), or null for a partner elsewhere (named below). */
    partner_commune_id: string | null;
    partner_name: ColumnType<string, string | undefined, string>;
    partner_country: ColumnType<string, string | undefined, string>;
    partner_url: string | null;
    goals: Json<LocalizedText>;
    started_on: DateOnly;
    ended_on: ColumnType<string | null, string | null | undefined, string | null>;
    status: TwinningStatus;
    created_by: string | null;
    created_at: Stamp;
    updated_at: Stamp;
  };
  network_twinning_activities: {
    id: Generated<string>;
    commune_id: string;
    twinning_id: string;
    date: DateOnly;
    title: string;
    description: string;
    link: string | null;
    created_at: Stamp;
  };
};

export type TwinningRow = Selectable<TwinningTables['network_twinnings']>;
export type ActivityRow = Selectable<TwinningTables['network_twinning_activities']>;

export const twinningDb = (db: Kysely<PlatformTables>): Kysely<PlatformTables & TwinningTables> => db.withTables<TwinningTables>();
