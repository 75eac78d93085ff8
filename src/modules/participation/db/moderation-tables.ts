import type { ColumnType, Generated } from 'kysely';
import type { Stamp } from '../../../platform/db/column-types.js';

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

export type AppealDecision = 'restored' | 'upheld';

/** One appeal per hidden proposal or comment, by its author; whoever decides it is recorded. */
export type ParticipationModerationTables = {
  moderation_appeals: {
    id: Generated<string>;
    commune_id: string;
    proposal_id: Nullable<string>;
    comment_id: Nullable<string>;
    author_id: string;
    body: string;
    created_at: Stamp;
    decision: Nullable<AppealDecision>;
    decision_reason: Nullable<string>;
    decided_by: Nullable<string>;
    decided_at: Nullable<Date>;
  };
};
