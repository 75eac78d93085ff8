import type { ColumnType, Generated } from 'kysely';
import type { Stamp } from '../../../platform/db/column-types.js';


export const deliveryChoices = ['inbox', 'digest', 'each_time'] as const;
export type Delivery = (typeof deliveryChoices)[number];

/** Follows, notification choices and the record of digests sent (migration 2026-11-23T2200). */
export type ParticipationFollowTables = {
  participation_follows: {
    id: Generated<string>;
    commune_id: string;
    user_id: string;
    proposal_id: string | null;
    consultation_id: string | null;
    created_at: Stamp;
  };
  participation_notification_preferences: {
    user_id: string;
    disabled_kinds: ColumnType<string[], string[] | undefined, string[]>;
    delivery: ColumnType<Delivery, Delivery | undefined, Delivery>;
    updated_at: Stamp;
  };
  participation_digests: {
    id: Generated<string>;
    user_id: string;
    day: ColumnType<string, string, string>;
    notifications: ColumnType<number, number | undefined, number>;
    created_at: Stamp;
  };
};
