import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import { fields } from '../../../platform/http/forms.js';
import type { DeploymentRow } from '../db/tables.js';
import type { WritingActor } from './access.js';
import { auditWriting } from './audit.js';
import { lateMonths } from './months.js';
import { type ReportRow, writingDb } from './tables.js';

type Db = Kysely<PlatformTables>;

export const reportSchema = z.object({
  period: z.string({ error: 'core.form.required' }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'core.form.required'),
  activities: fields.requiredText(20000),
  results: fields.optionalText(20000),
  difficulties: fields.optionalText(20000),
  next_steps: fields.optionalText(20000),
  action: z.enum(['save', 'submit']).catch('save'),
});
export type ReportInput = z.output<typeof reportSchema>;

export const reviewSchema = z.object({ comment: fields.optionalText(4000), action: z.enum(['comment', 'acknowledge']).catch('comment') });

const contentOf = (input: ReportInput) => ({ activities: input.activities, results: input.results ?? '', difficulties: input.difficulties ?? '', next_steps: input.next_steps ?? '' });
const submission = (input: ReportInput, now: Date) => (input.action === 'submit' ? { status: 'submitted' as const, submitted_at: now } : {});
const resourceOf = (report: Pick<ReportRow, 'id'>, deployment: Pick<DeploymentRow, 'commune_id'>) => ({ type: 'report' as const, id: report.id, communeId: deployment.commune_id });

/** A new report for a month; null when that month already has one (the volunteer edits it instead). */
export async function createReport(db: Db, actor: WritingActor, deployment: DeploymentRow, input: ReportInput, now = new Date()): Promise<string | null> {
  const row = await writingDb(db)
    .insertInto('programme_reports')
    .values({ deployment_id: deployment.id, author_user_id: actor.userId, period: input.period, ...contentOf(input), ...submission(input, now) })
    .onConflict((oc) => oc.columns(['deployment_id', 'period']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (row && input.action === 'submit') await auditWriting(db, actor, 'submitted', resourceOf(row, deployment), { period: input.period });
  return row?.id ?? null;
}

/** Saves a draft (period fixed once created); false when it was submitted meanwhile. */
export async function updateReport(db: Db, actor: WritingActor, deployment: DeploymentRow, report: ReportRow, input: ReportInput, now = new Date()): Promise<boolean> {
  const updated = await writingDb(db)
    .updateTable('programme_reports')
    .set({ ...contentOf(input), ...submission(input, now), updated_at: now })
    .where('id', '=', report.id)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  const done = Number(updated.numUpdatedRows) === 1;
  if (done && input.action === 'submit') await auditWriting(db, actor, 'submitted', resourceOf(report, deployment), { period: report.period });
  return done;
}

/** The operator's reading: a comment the volunteer sees, and the acknowledgement that closes the month. */
export async function reviewReport(db: Db, actor: WritingActor, deployment: DeploymentRow, report: ReportRow, review: z.output<typeof reviewSchema>, now = new Date()): Promise<void> {
  const acknowledge = review.action === 'acknowledge';
  await writingDb(db)
    .updateTable('programme_reports')
    .set({ operator_comment: review.comment ?? report.operator_comment, updated_at: now, ...(acknowledge ? { status: 'acknowledged', acknowledged_at: now, acknowledged_by: actor.userId } : {}) })
    .where('id', '=', report.id)
    .where('status', '<>', 'draft')
    .execute();
  await auditWriting(db, actor, acknowledge ? 'acknowledged' : 'commented', resourceOf(report, deployment), { period: report.period });
}

export const deploymentReports = (db: Db, deploymentId: string) =>
  writingDb(db).selectFrom('programme_reports').selectAll().where('deployment_id', '=', deploymentId).orderBy('period', 'desc').execute();

export const reportOf = (db: Db, deploymentId: string, reportId: string) =>
  writingDb(db).selectFrom('programme_reports').selectAll().where('deployment_id', '=', deploymentId).where('id', '=', reportId).executeTakeFirst();

export interface LateReport {
  deploymentId: string;
  communeId: string;
  volunteerUserId: string | null;
  period: string;
}

/** Every month of an active deployment past its due date without a submitted report. */
export async function lateReports(db: Db, now: Date): Promise<LateReport[]> {
  const deployments = await writingDb(db).selectFrom('programme_deployments').selectAll().where('status', '=', 'active').execute();
  if (deployments.length === 0) return [];
  const reported = await writingDb(db)
    .selectFrom('programme_reports')
    .select(['deployment_id', 'period'])
    .where('status', '<>', 'draft')
    .where('deployment_id', 'in', deployments.map((d) => d.id))
    .execute();
  return deployments.flatMap((deployment) => {
    const periods = new Set(reported.filter((r) => r.deployment_id === deployment.id).map((r) => r.period));
    return lateMonths(deployment, periods, now).map((period) => ({ deploymentId: deployment.id, communeId: deployment.commune_id, volunteerUserId: deployment.volunteer_user_id, period }));
  });
}

/** Submitted reports the operator has not acknowledged yet, oldest first, with their deployment's commune and volunteer. */
export const reportsToAcknowledge = (db: Db) =>
  writingDb(db)
    .selectFrom('programme_reports')
    .innerJoin('programme_deployments', 'programme_deployments.id', 'programme_reports.deployment_id')
    .selectAll('programme_reports')
    .select(['programme_deployments.commune_id as communeId', 'programme_deployments.volunteer_user_id as volunteerUserId'])
    .where('programme_reports.status', '=', 'submitted')
    .orderBy('programme_reports.submitted_at')
    .execute();
