import type { ColumnType, Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';

export type NetworkTables = {
  network_scorecard_snapshots: {
    commune_id: string;
    /** First day of the month the snapshot closes (YYYY-MM-DD). */
    month: ColumnType<string, string, string>;
    indicator: string;
    value: number | null;
    score: number | null;
    numerator: number | null;
    denominator: number | null;
    computed_at: ColumnType<Date, Date | undefined, Date>;
  };
  network_live_scorecards: {
    commune_id: string;
    window_from: Date;
    window_to: Date;
    /** The Scorecard as JSON (see scorecard/scoring.ts). */
    card: ColumnType<unknown, string, string>;
    computed_at: Date;
  };
};

export const networkDb = (db: Kysely<PlatformTables>) => db.withTables<NetworkTables>();
