import type { Generated, Kysely, Selectable } from 'kysely';
import { communeScope } from '../../../../platform/db/commune-scope.js';
import type { PlatformTables } from '../../../../platform/db/platform-tables.js';
import type { PlanTables } from '../tables.js';
import type { MaybeStamp, Stamp } from '../../../../platform/db/column-types.js';

/** How the commune's response treats a comment; the reasons are always written out beside it. */
export const responseOutcomes = ['taken_into_account', 'partly', 'not_retained', 'information'] as const;
export type ResponseOutcome = (typeof responseOutcomes)[number];


export type CommentTables = PlanTables & {
  accountability_comments: {
    id: Generated<string>;
    commune_id: string;
    commitment_id: string;
    author_id: string | null;
    body: string;
    created_at: Stamp;
    outcome: ResponseOutcome | null;
    response: string | null;
    responded_at: MaybeStamp;
    responded_by: string | null;
    hidden_at: MaybeStamp;
    hidden_reason: string | null;
    hidden_by: string | null;
  };
};

export type CommentRow = Selectable<CommentTables['accountability_comments']>;

export const commentsDb = (db: Kysely<PlatformTables>) => db.withTables<CommentTables>();
export const scopedComments = (db: Kysely<PlatformTables>, communeId: string) => communeScope(commentsDb(db), communeId);
