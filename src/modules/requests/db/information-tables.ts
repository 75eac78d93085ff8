import type { ColumnType, Generated, Kysely, Selectable } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { Request, RequestEvent, RequestsTables } from './tables.js';
import type { DateOnly, MaybeDate, Stamp } from '../../../platform/db/column-types.js';


export const answerForms = ['email', 'paper', 'on_site'] as const;
export type AnswerForm = (typeof answerForms)[number];

/** Columns and tables added by the access-to-information migration (2026-11-24T0350_requests_information). */
export type InformationTables = {
  requests: {
    law_country: string | null;
    answer_form: AnswerForm | null;
    extension_days: number | null;
    extension_reason: string | null;
    refusal_ground: string | null;
    appealed_on: MaybeDate;
    public_description: string | null;
  };
  /** Clarification asked (starts_on) and received (ends_on): the legal clock stops in between. */
  request_pauses: {
    id: Generated<string>;
    commune_id: string;
    request_id: string;
    starts_on: DateOnly;
    ends_on: MaybeDate;
    created_at: Stamp;
  };
  request_events: {
    file_withheld: ColumnType<boolean, boolean | undefined, boolean>;
  };
};

export type InformationDb = Kysely<PlatformTables & RequestsTables & InformationTables>;
export type InformationRequest = Request & Selectable<InformationTables['requests']>;
export type InformationEvent = RequestEvent & Selectable<InformationTables['request_events']>;
export type RequestPause = Selectable<InformationTables['request_pauses']>;

export const informationDb = (db: Kysely<PlatformTables>): InformationDb => db.withTables<RequestsTables & InformationTables>();

/** A transaction over the wider schema, handed to helpers typed for the platform's (same connection, same rows). */
export const asPlatformDb = (db: InformationDb): Kysely<PlatformTables> => db as unknown as Kysely<PlatformTables>;
