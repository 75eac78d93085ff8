import type { MigrationSet } from './migrator.js';
import * as foundation from './migrations/2026-11-23T0900_platform_foundation.js';
import * as assistedProfile from './migrations/2026-11-23T2310_assisted_participant_profile.js';
import * as idempotencyKeys from './migrations/2026-11-23T2330_idempotency_keys.js';
import * as reviewRoles from './migrations/2026-11-26T0400_platform_review_roles.js';
import * as jobQueue from './migrations/2026-11-27T0300_job_queue.js';
import * as civilStatusRole from './migrations/2026-12-01T0050_platform_civil_status_role.js';

export const platformMigrations: MigrationSet = {
  owner: 'platform',
  migrations: {
    '2026-11-23T0900_platform_foundation': foundation,
    '2026-11-23T2310_assisted_participant_profile': assistedProfile,
    '2026-11-23T2330_idempotency_keys': idempotencyKeys,
    '2026-11-26T0400_platform_review_roles': reviewRoles,
    '2026-11-27T0300_job_queue': jobQueue,
    '2026-12-01T0050_platform_civil_status_role': civilStatusRole,
  },
};
