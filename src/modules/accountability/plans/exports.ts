import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../../platform/db/platform-tables.js';
import type { LocalizedText } from '../../../platform/i18n/locales.js';
import type { OpenDataExport } from '../../../platform/module.js';
import { commentCountsByCommitment } from './comments/stats.js';
import { publishedPlans } from './queries.js';
import { scopedPlans } from './tables.js';

const french = (value: LocalizedText) => value.fr ?? Object.values(value).find(Boolean) ?? '';

const slugOf = async (db: Kysely<PlatformTables>, communeId: string) => (await db.selectFrom('communes').select('slug').where('id', '=', communeId).executeTakeFirstOrThrow()).slug;

/** One row per commitment of a published plan: the OGP fields, the status, progress and the public comment counts. */
export async function commitmentRows(db: Kysely<PlatformTables>, communeId: string) {
  const [plans, slug] = await Promise.all([publishedPlans(db, communeId), slugOf(db, communeId)]);
  const rows: Record<string, unknown>[] = [];
  for (const { plan, commitments } of plans) {
    const comments = await commentCountsByCommitment(db, communeId, plan.id);
    for (const { commitment: c, percent } of commitments) {
      const counts = comments.get(c.id) ?? { total: 0, unanswered: 0 };
      rows.push({
        plan: french(plan.title), plan_kind: plan.kind, plan_start: plan.period_start, plan_end: plan.period_end,
        number: c.number, title: french(c.title), status: c.status, progress_percent: percent,
        problem: french(c.problem), action: french(c.action), expected_results: french(c.expected_results),
        ogp_values: c.ogp_values.join(' '), lead_institution: c.lead_institution, supporters_government: c.supporters_government,
        supporters_civil_society: c.supporters_civil_society, supporters_other: c.supporters_other, start_date: c.start_date, end_date: c.end_date,
        policy_area: c.policy_area, budget_amount: c.budget_amount, sdgs: c.sdgs.join(' '),
        comments: counts.total, comments_unanswered: counts.unanswered,
        url: `/${slug}/plans/${plan.id}/commitments/${c.id}`,
      });
    }
  }
  return rows;
}

/** Milestones of published plans' commitments, with their verifiable deliverable and status. */
export async function milestoneRows(db: Kysely<PlatformTables>, communeId: string) {
  const plans = await publishedPlans(db, communeId);
  const numbers = new Map(plans.flatMap(({ plan, commitments }) => commitments.map(({ commitment }) => [commitment.id, { plan: french(plan.title), number: commitment.number }] as const)));
  if (numbers.size === 0) return [];
  const milestones = await scopedPlans(db, communeId).selectFrom('accountability_milestones').selectAll().where('commitment_id', 'in', [...numbers.keys()]).orderBy('commitment_id').orderBy('position').execute();
  return milestones
    .map((m) => ({ ...numbers.get(m.commitment_id)!, milestone: french(m.title), deliverable: french(m.deliverable), responsible: m.responsible, start_date: m.start_date, end_date: m.end_date, status: m.status }))
    .sort((a, b) => a.plan.localeCompare(b.plan) || a.number - b.number)
    .map(({ plan, number, ...rest }) => ({ plan, commitment_number: number, ...rest }));
}

export const planExports: OpenDataExport[] = [
  { id: 'accountability-commitments', titleKey: 'accountability.plans.exports.commitments_title', descriptionKey: 'accountability.plans.exports.commitments_description', rows: commitmentRows },
  { id: 'accountability-milestones', titleKey: 'accountability.plans.exports.milestones_title', descriptionKey: 'accountability.plans.exports.milestones_description', rows: milestoneRows },
];
