import type { ColumnType } from 'kysely';

/** When a person last opened a request they filed (see my-requests.tsx). */
export type RequestViewsTables = {
  request_views: {
    user_id: string;
    request_id: string;
    commune_id: string;
    last_seen_at: ColumnType<Date, Date | string | undefined, Date | string>;
  };
};
