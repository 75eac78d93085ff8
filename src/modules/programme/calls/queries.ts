import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { type CallRow, type CohortRow, type FieldRow, programmeDb } from '../db/tables.js';

type Db = Kysely<PlatformTables>;

const slugPattern = /^[a-z0-9][a-z0-9-]{0,79}$/;

/** Published calls, newest cohort first, with their cohort. */
export async function publishedCalls(db: Db): Promise<(CallRow & { cohort_slug: string; cohort_title: CohortRow['title'] })[]> {
  return programmeDb(db)
    .selectFrom('programme_calls')
    .innerJoin('programme_cohorts', 'programme_cohorts.id', 'programme_calls.cohort_id')
    .selectAll('programme_calls')
    .select(['programme_cohorts.slug as cohort_slug', 'programme_cohorts.title as cohort_title'])
    .where('programme_calls.published_at', 'is not', null)
    .orderBy('programme_calls.closes_on', 'desc')
    .orderBy('programme_calls.audience')
    .execute();
}

/** A call by its slug, drafts included (callers decide who may see a draft). */
export async function callBySlug(db: Db, slug: string): Promise<CallRow | undefined> {
  if (!slugPattern.test(slug)) return undefined;
  return programmeDb(db).selectFrom('programme_calls').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function callFields(db: Db, callId: string): Promise<FieldRow[]> {
  return programmeDb(db).selectFrom('programme_call_fields').selectAll().where('call_id', '=', callId).orderBy('position').execute();
}

export async function cohortById(db: Db, cohortId: string): Promise<CohortRow | undefined> {
  return programmeDb(db).selectFrom('programme_cohorts').selectAll().where('id', '=', cohortId).executeTakeFirst();
}
