import type { ColumnType, Generated, Selectable } from 'kysely';
import type { LocalizedText } from '../../../platform/i18n/locales.js';
import type { ParticipationSurveyTables } from '../surveys/survey-tables.js';
import type { ParticipationModerationTables } from './moderation-tables.js';
import type { ParticipationFollowTables } from '../notifications/tables.js';
import type { DateOnly, Json, Stamp } from '../../../platform/db/column-types.js';


export const subjectTypes = ['development_plan', 'budget', 'action_plan', 'local_project', 'other'] as const;
export const influenceLevels = ['inform', 'consult', 'involve', 'collaborate', 'empower'] as const;
export const answers = ['accepted', 'partially_accepted', 'not_retained', 'already_planned', 'out_of_competence'] as const;
export type SubjectType = (typeof subjectTypes)[number];
export type InfluenceLevel = (typeof influenceLevels)[number];
export type Answer = (typeof answers)[number];
/** Archived comes after closed: every visible proposal answered, public and read-only. */
export type ConsultationStatus = 'draft' | 'published' | 'closed' | 'archived';

export type ParticipationTables = ParticipationCommentTables & ParticipationModerationTables & ParticipationFigureTables & ParticipationInboxTables & ParticipationMeetingTables & ParticipationSurveyTables & ParticipationFollowTables & {
  consultations: {
    id: Generated<string>;
    commune_id: string;
    title: Json<LocalizedText>;
    description: Json<LocalizedText>;
    subject_type: SubjectType;
    tags: Json<string[]>;
    neighbourhoods: Json<string[]>;
    categories: ColumnType<string[], string | undefined, string>;
    influence_level: InfluenceLevel;
    status: ColumnType<ConsultationStatus, ConsultationStatus | undefined, ConsultationStatus>;
    manual_phase_id: string | null;
    image_file_id: ColumnType<string | null, string | null | undefined, string | null>;
    closed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
    created_at: Stamp;
  };
  consultation_phases: {
    id: Generated<string>;
    commune_id: string;
    consultation_id: string;
    title: Json<LocalizedText>;
    description: Json<LocalizedText>;
    starts_on: DateOnly;
    ends_on: DateOnly;
    allows_proposals: boolean;
    allows_comments: boolean;
    allows_supports: boolean;
    allows_survey: boolean;
    /** When followers were told the phase opened (once). */
    announced_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  };
  proposals: {
    id: Generated<string>;
    commune_id: string;
    consultation_id: string;
    phase_id: string;
    author_id: string;
    on_behalf_of: string | null;
    channel: 'web' | 'mediator' | 'sms' | 'meeting' | 'whatsapp' | 'ussd';
    title: string;
    body: string;
    neighbourhood: string | null;
    answer: Answer | null;
    answer_reason: string | null;
    answered_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
    answered_by: string | null;
    /** Kept exact by a trigger on proposal_supports. */
    support_count: Generated<number>;
    /** Drawn once at random; a visitor's seed picks where the random order starts. */
    random_rank: Generated<number>;
    created_at: Stamp;
    hidden_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
    hidden_reason: ColumnType<string | null, string | null | undefined, string | null>;
    hidden_by: ColumnType<string | null, string | null | undefined, string | null>;
  } & ProposalDetailColumns;
  proposal_supports: {
    id: Generated<string>;
    commune_id: string;
    proposal_id: string;
    user_id: string;
    created_at: Stamp;
  };
};

/** Kept by triggers on proposals (figures shown on every consultation page). */
export type ParticipationFigureTables = {
  consultation_channel_counts: { commune_id: string; consultation_id: string; channel: string; proposals: number };
  consultation_participants: { commune_id: string; consultation_id: string; participant_id: string; gender: string | null };
};

export type ParticipationMeetingTables = {
  consultation_meetings: {
    id: Generated<string>;
    commune_id: string;
    consultation_id: string;
    starts_at: ColumnType<Date, Date | string, Date | string>;
    location: string;
    agenda: string;
    minutes: string;
    attendance_women: number | null;
    attendance_men: number | null;
    attendance_youth: number | null;
  };
  consultation_meeting_photos: {
    id: Generated<string>;
    commune_id: string;
    meeting_id: string;
    file_id: string;
    caption: string;
    created_at: Stamp;
  };
};

/** Optional details of a proposal; a merged duplicate points at the proposal kept. */
export type ProposalDetailColumns = {
  category: ColumnType<string | null, string | null | undefined, string | null>;
  photo_file_id: ColumnType<string | null, string | null | undefined, string | null>;
  place: ColumnType<string | null, string | null | undefined, string | null>;
  latitude: ColumnType<number | null, number | null | undefined, number | null>;
  longitude: ColumnType<number | null, number | null | undefined, number | null>;
  meeting_id: ColumnType<string | null, string | null | undefined, string | null>;
  merged_into_id: ColumnType<string | null, string | null | undefined, string | null>;
  outcome_label: ColumnType<string | null, string | null | undefined, string | null>;
  outcome_url: ColumnType<string | null, string | null | undefined, string | null>;
};

export const notificationKinds = ['proposal_answered', 'comment_reply', 'proposal_merged', 'appeal_decided', 'phase_opened'] as const;
export type NotificationKind = (typeof notificationKinds)[number];

export type ParticipationInboxTables = {
  participation_notifications: {
    id: Generated<string>;
    commune_id: string;
    user_id: string;
    kind: NotificationKind;
    proposal_id: string | null;
    consultation_id: string | null;
    phase_id: string | null;
    comment_id: string | null;
    appeal_id: ColumnType<string | null, string | null | undefined, string | null>;
    created_at: Stamp;
    read_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
    /** Sent by SMS/e-mail, or settled as not to be sent (inbox only); null = waiting for delivery. */
    delivered_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  };
};

export type ParticipationCommentTables = {
  proposal_comments: {
    id: Generated<string>;
    commune_id: string;
    proposal_id: string;
    parent_id: string | null;
    author_id: string;
    body: string;
    hidden_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
    hidden_reason: string | null;
    hidden_by: string | null;
    created_at: Stamp;
  };
  content_reports: {
    id: Generated<string>;
    commune_id: string;
    comment_id: ColumnType<string | null, string | null | undefined, string | null>;
    proposal_id: ColumnType<string | null, string | null | undefined, string | null>;
    reporter_id: string;
    reason: string;
    created_at: Stamp;
    resolved_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  };
};

export type Consultation = Selectable<ParticipationTables['consultations']>;
export type Phase = Selectable<ParticipationTables['consultation_phases']>;
export type Proposal = Selectable<ParticipationTables['proposals']>;
export type Meeting = Selectable<ParticipationMeetingTables['consultation_meetings']>;
