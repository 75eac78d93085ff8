import type { ColumnType, Generated, Selectable } from 'kysely';
import type { LocalizedText } from '../../../platform/i18n/locales.js';
import type { DateOnly, Json, MaybeDate, MaybeStamp, Stamp } from '../../../platform/db/column-types.js';


export const requestKinds = ['complaint', 'information', 'procedure'] as const;
export const complaintStages = ['received', 'acknowledged', 'in_progress', 'resolved', 'rejected', 'reopened'] as const;
export const requestChannels = ['web', 'mediator', 'sms', 'open311', 'ussd', 'whatsapp'] as const;
export const eventKinds = ['submitted', 'status', 'message', 'assigned', 'deadline', 'note'] as const;

export type RequestKind = (typeof requestKinds)[number];
export type ComplaintStage = (typeof complaintStages)[number];
export type RequestChannel = (typeof requestChannels)[number];
export type EventKind = (typeof eventKinds)[number];
export type EventAuthor = 'citizen' | 'commune' | 'system';

export type RequestsTables = {
  request_services: {
    id: Generated<string>;
    commune_id: string;
    name: Json<LocalizedText>;
    email: string | null;
    position: ColumnType<number, number | undefined, number>;
  };
  request_categories: {
    id: Generated<string>;
    commune_id: string;
    code: string;
    name: Json<LocalizedText>;
    description: ColumnType<LocalizedText, string | undefined, string>;
    response_days: number;
    sensitive: ColumnType<boolean, boolean | undefined, boolean>;
    designated_user_id: string | null;
    default_service_id: string | null;
    position: ColumnType<number, number | undefined, number>;
    active: ColumnType<boolean, boolean | undefined, boolean>;
  };
  request_routes: {
    id: Generated<string>;
    commune_id: string;
    category_id: string;
    neighbourhood: string | null;
    service_id: string;
  };
  request_states: {
    id: Generated<string>;
    commune_id: string;
    code: string;
    name: Json<LocalizedText>;
    stage: ComplaintStage;
    open311_status: 'open' | 'closed';
    position: ColumnType<number, number | undefined, number>;
  };
  request_counters: {
    commune_id: string;
    prefix: string;
    year: number;
    last_number: number;
  };
  requests: {
    id: Generated<string>;
    commune_id: string;
    kind: RequestKind;
    reference: string;
    access_code_hash: string;
    category_id: string | null;
    subject: string | null;
    description: string;
    neighbourhood: string | null;
    latitude: number | null;
    longitude: number | null;
    address: string | null;
    photo_file_id: string | null;
    /** A state code of the commune (complaints) or of the law's workflow (information requests). */
    status: string;
    stage: string;
    is_open: ColumnType<boolean, boolean | undefined, boolean>;
    service_id: string | null;
    assignee_id: string | null;
    is_private: ColumnType<boolean, boolean | undefined, boolean>;
    sensitive: ColumnType<boolean, boolean | undefined, boolean>;
    channel: RequestChannel;
    reporter_user_id: string | null;
    reporter_name: string | null;
    reporter_phone: string | null;
    reporter_email: string | null;
    /** The language updates are sent in. */
    reporter_locale: string | null;
    assisted_participant_id: string | null;
    recorded_by: string | null;
    submitted_on: DateOnly;
    due_on: MaybeDate;
    created_at: Stamp;
    updated_at: Stamp;
    /** First time the commune answered it (resolved or rejected, for a complaint). */
    answered_at: MaybeStamp;
    closed_at: MaybeStamp;
    /** Set once the overdue job told the service and the administrators (migration requests_handling). */
    overdue_flagged_at: MaybeStamp;
  };
  /** Days the commune's offices are closed (besides weekends and public holidays): deadlines skip them. */
  request_closures: {
    id: Generated<string>;
    commune_id: string;
    starts_on: DateOnly;
    ends_on: DateOnly;
    reason: string;
    created_at: Stamp;
  };
  request_events: {
    id: Generated<string>;
    commune_id: string;
    request_id: string;
    kind: EventKind;
    author: EventAuthor;
    actor_user_id: string | null;
    status: string | null;
    reason: string | null;
    body: string | null;
    public_body: string | null;
    is_public: ColumnType<boolean, boolean | undefined, boolean>;
    file_id: string | null;
    public_file_id: string | null;
    created_at: Stamp;
  };
};

export type Request = Selectable<RequestsTables['requests']>;
export type RequestEvent = Selectable<RequestsTables['request_events']>;
export type Category = Selectable<RequestsTables['request_categories']>;
export type Service = Selectable<RequestsTables['request_services']>;
export type State = Selectable<RequestsTables['request_states']>;
