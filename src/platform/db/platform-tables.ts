import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { Locale, LocalizedText } from '../i18n/locales.js';
import type { Json } from './column-types.js';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface CommuneTable {
  id: Generated<string>;
  slug: string;
  name: Json<LocalizedText>;
  country: string;
  region: Json<LocalizedText>;
  default_locale: Locale;
  enabled_locales: Json<Locale[]>;
  time_zone: string;
  currency: string;
  logo_file_id: string | null;
  contact: Json<CommuneContact>;
  enabled_modules: Json<string[]>;
  created_at: CreatedAt;
}

export interface CommuneContact {
  address?: LocalizedText;
  phone?: string;
  email?: string;
  website?: string;
  openingHours?: LocalizedText;
}

export interface UserTable {
  id: Generated<string>;
  phone_e164: string | null;
  email: string | null;
  display_name: string | null;
  neighbourhood: string | null;
  preferred_locale: Locale | null;
  gender: 'female' | 'male' | 'other' | null;
  age_band: string | null;
  is_platform_admin: Generated<boolean>;
  created_at: CreatedAt;
}

export interface SessionTable {
  /** SHA-256 of the cookie token: a stolen database does not yield usable cookies. */
  id: string;
  user_id: string;
  kind: 'citizen' | 'staff';
  created_at: CreatedAt;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface OtpChallengeTable {
  id: Generated<string>;
  /** Normalised phone (E.164) or lower-cased e-mail. */
  identifier: string;
  channel: 'sms' | 'email';
  code_hash: string;
  attempts: Generated<number>;
  expires_at: Timestamp;
  consumed_at: NullableTimestamp;
  ip: string | null;
  created_at: CreatedAt;
}

/** civil_society and monitor are outside the town hall: they assess the commune's commitments (accountability). */
export type CommuneRole = 'citizen' | 'staff' | 'admin' | 'moderator' | 'mediator' | 'civil_society' | 'monitor' | 'civil_status';

export interface RoleGrantTable {
  id: Generated<string>;
  commune_id: string;
  user_id: string;
  role: CommuneRole;
  granted_by: string | null;
  granted_at: CreatedAt;
  revoked_at: NullableTimestamp;
  revoked_by: string | null;
}

export interface InvitationTable {
  id: Generated<string>;
  commune_id: string;
  identifier: string;
  role: CommuneRole;
  invited_by: string;
  created_at: CreatedAt;
  accepted_at: NullableTimestamp;
}

export interface AssistedParticipantTable {
  id: Generated<string>;
  commune_id: string;
  full_name: string;
  neighbourhood: string | null;
  phone_e164: string | null;
  gender: ColumnType<'female' | 'male' | 'other' | null, 'female' | 'male' | 'other' | null | undefined, 'female' | 'male' | 'other' | null>;
  age_band: ColumnType<string | null, string | null | undefined, string | null>;
  consent_method: 'oral' | 'written' | 'thumbprint';
  consent_at: Timestamp;
  registered_by: string;
  created_at: CreatedAt;
}

export interface AuditLogTable {
  id: Generated<string>;
  commune_id: string | null;
  actor_user_id: string | null;
  on_behalf_of: string | null;
  action: string;
  resource_type: string;
  resource_id: string | null;
  ip: string | null;
  details: Json<Record<string, unknown>>;
  created_at: CreatedAt;
}

export interface OutboxMessageTable {
  id: Generated<string>;
  commune_id: string | null;
  channel: 'sms' | 'email' | 'whatsapp';
  recipient: string;
  body: string;
  purpose: string;
  status: Generated<'queued' | 'sent' | 'failed'>;
  created_at: CreatedAt;
}

/** A job of the queue (src/platform/queue); `failed` is the dead-letter list. */
export interface QueueJobTable {
  id: Generated<string>;
  name: string;
  data: Json<unknown>;
  state: Generated<'queued' | 'active' | 'completed' | 'failed'>;
  attempts: Generated<number>;
  retry_limit: number;
  retry_delay_seconds: number;
  retry_backoff: boolean;
  singleton_key: string | null;
  run_after: Timestamp;
  locked_until: NullableTimestamp;
  last_error: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  completed_at: NullableTimestamp;
}

export interface StoredFileTable {
  id: Generated<string>;
  commune_id: string;
  storage_key: string;
  media_type: string;
  byte_size: number;
  sha256: string;
  original_name: string;
  width: number | null;
  height: number | null;
  uploaded_by: string | null;
  created_at: CreatedAt;
}

export interface IdempotencyKeyTable {
  owner: string;
  key: string;
  scope: string;
  request_hash: string;
  state: Generated<'in_flight' | 'done'>;
  status_code: number | null;
  location: string | null;
  body: string | null;
  content_type: string | null;
  created_at: ColumnType<Date, Date | undefined, Date>;
}

export interface PlatformTables {
  communes: CommuneTable;
  users: UserTable;
  sessions: SessionTable;
  otp_challenges: OtpChallengeTable;
  role_grants: RoleGrantTable;
  invitations: InvitationTable;
  assisted_participants: AssistedParticipantTable;
  audit_log: AuditLogTable;
  outbox_messages: OutboxMessageTable;
  idempotency_keys: IdempotencyKeyTable;
  stored_files: StoredFileTable;
  queue_jobs: QueueJobTable;
}

export type Commune = Selectable<CommuneTable>;
export type User = Selectable<UserTable>;
export type NewCommune = Insertable<CommuneTable>;
