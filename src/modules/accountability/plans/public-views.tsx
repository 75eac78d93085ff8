import type { Children } from '@kitajs/html';
import { formatDate } from '../../../platform/i18n/format.js';
import type { LocalizedText } from '../../../platform/i18n/locales.js';
import { HorizontalBarChart } from '../../../platform/views/charts.js';
import { Localized } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import { IndependentReview, ProgressReports } from '../reports/public-views.js';
import { completionKeys, influenceKeys, kindKeys, valueKeys } from './labels.js';
import type { PlanProgress } from './queries.js';
import type { CommitmentRow, Completion, MilestoneRow, PlanRow } from './tables.js';
import type { TimelineEntry } from './timeline.js';
import { CommentCountsLine, type CommitmentComments, CommentsSection } from './comments/public-views.js';
import type { CommentCounts } from './comments/stats.js';
import { type CoCreation, CoCreationRecord } from './sources.js';
import { CommitmentBudget } from './budget-views.js';
import type { LinkedBudgetLine } from '../../finances/index.js';

export const plansPath = (ctx: ViewContext) => `/${ctx.commune!.slug}/plans`;
const percentText = (percent: number | null) => (percent === null ? '—' : `${percent} %`);
const day = (ctx: ViewContext, date: string | null) => (date ? formatDate(date, ctx.locale) : '—');
const plainTitle = (ctx: ViewContext, text: LocalizedText) => text[ctx.locale] ?? text.fr ?? Object.values(text)[0] ?? '';

function PlanHeading({ ctx, plan }: { ctx: ViewContext; plan: PlanRow }) {
  return (
    <p class="muted" safe>{`${ctx.t(kindKeys[plan.kind])} · ${day(ctx, plan.period_start)} – ${day(ctx, plan.period_end)}`}</p>
  );
}

/** The commitments' progress as bars, with the same figures in a table beside them. */
function ProgressChart({ ctx, progress }: { ctx: ViewContext; progress: PlanProgress }) {
  const title = ctx.t('accountability.plans.progress_chart');
  const bars = progress.commitments.map((c) => ({ label: `${c.commitment.number}. ${plainTitle(ctx, c.commitment.title)}`, value: c.percent, display: `${c.percent} %` }));
  return (
    <div class="chart-and-table">
      <HorizontalBarChart title={title} bars={bars} max={100} dir={ctx.dir} />
      <div class="table-wrap" tabindex="0" role="region" aria-label={title}>
        <table id="commitments">
          <thead><tr><th scope="col" safe>{ctx.t('accountability.plans.commitment')}</th><th scope="col" safe>{ctx.t('accountability.plans.status')}</th><th scope="col" safe>{ctx.t('accountability.plans.progress')}</th></tr></thead>
          <tbody>
            {progress.commitments.map((c) => (
              <tr>
                <th scope="row"><a href={`${plansPath(ctx)}/${progress.plan.id}/commitments/${c.commitment.id}`}><span safe>{`${c.commitment.number}. `}</span><Localized ctx={ctx} text={c.commitment.title} /></a></th>
                <td safe>{ctx.t(completionKeys[c.commitment.status])}</td>
                <td safe>{percentText(c.percent)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export function PlansPage({ ctx, plans }: { ctx: ViewContext; plans: PlanProgress[] }) {
  return (
    <Layout ctx={ctx} title={ctx.t('accountability.plans.title')}>
      <h1 safe>{ctx.t('accountability.plans.title')}</h1>
      <p safe>{ctx.t('accountability.plans.intro')}</p>
      <p id="forum-link"><a href={`/${ctx.commune!.slug}/forum`} safe>{ctx.t('accountability.forum.plans_link')}</a></p>
      {plans.length === 0 ? <p class="muted" safe>{ctx.t('accountability.plans.none')}</p> : (
        <ul class="cards" id="plans">
          {plans.map((p) => (
            <li class="card">
              <h2><a href={`${plansPath(ctx)}/${p.plan.id}`}><Localized ctx={ctx} text={p.plan.title} /></a></h2>
              <PlanHeading ctx={ctx} plan={p.plan} />
              <p>
                <label for={`plan-${p.plan.id}`} safe>{ctx.t('accountability.plans.plan_progress', { percent: percentText(p.percent) })}</label>
                <progress id={`plan-${p.plan.id}`} max="100" value={String(p.percent ?? 0)}></progress>
              </p>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export function PlanPage({ ctx, progress, comments, coCreation, children }: { ctx: ViewContext; progress: PlanProgress; comments: CommentCounts; coCreation: CoCreation; children?: Children }) {
  const { plan } = progress;
  return (
    <Layout ctx={ctx} title={plainTitle(ctx, plan.title)}>
      <p><a href={plansPath(ctx)} safe>{ctx.t('accountability.plans.back')}</a></p>
      <h1><Localized ctx={ctx} text={plan.title} /></h1>
      <PlanHeading ctx={ctx} plan={plan} />
      <Localized ctx={ctx} text={plan.description} as="p" />
      {plan.influence_level ? <p safe>{ctx.t('accountability.plans.influence', { level: ctx.t(influenceKeys[plan.influence_level]) })}</p> : ''}
      <CoCreationRecord ctx={ctx} coCreation={coCreation} />
      <p id="plan-progress" safe>{ctx.t('accountability.plans.plan_progress', { percent: percentText(progress.percent) })}</p>
      <p class="muted" safe>{ctx.t('accountability.plans.progress_rule')}</p>
      {progress.commitments.length === 0 ? <p class="muted" safe>{ctx.t('accountability.plans.no_commitments')}</p> : <ProgressChart ctx={ctx} progress={progress} />}
      <h2 safe>{ctx.t('accountability.comments.plan_title')}</h2>
      <CommentCountsLine ctx={ctx} counts={comments} id="plan-comment-counts" />
      {children}
    </Layout>
  );
}

function Field({ ctx, label, text }: { ctx: ViewContext; label: string; text: LocalizedText }) {
  if (Object.keys(text).length === 0) return <></>;
  return (
    <>
      <dt safe>{label}</dt>
      <dd><Localized ctx={ctx} text={text} as="div" /></dd>
    </>
  );
}

function Actors({ ctx, commitment }: { ctx: ViewContext; commitment: CommitmentRow }) {
  const rows: [string, string][] = [
    [ctx.t('accountability.plans.lead_institution'), commitment.lead_institution],
    [ctx.t('accountability.plans.supporters_government'), commitment.supporters_government],
    [ctx.t('accountability.plans.supporters_civil_society'), commitment.supporters_civil_society],
    [ctx.t('accountability.plans.supporters_other'), commitment.supporters_other],
    [ctx.t('accountability.plans.contact'), [commitment.contact_name, commitment.contact_email].filter(Boolean).join(' · ')],
    [ctx.t('accountability.plans.policy_area'), commitment.policy_area],
  ];
  return <>{rows.filter(([, value]) => value).map(([label, value]) => <><dt safe>{label}</dt><dd dir="auto" safe>{value}</dd></>)}</>;
}

function Milestones({ ctx, milestones }: { ctx: ViewContext; milestones: MilestoneRow[] }) {
  if (milestones.length === 0) return <p class="muted" safe>{ctx.t('accountability.plans.no_milestones')}</p>;
  return (
    <div class="table-wrap" tabindex="0" role="region" aria-label={ctx.t('accountability.plans.milestones')}>
      <table id="milestones">
        <thead><tr><th scope="col" safe>{ctx.t('accountability.plans.milestone')}</th><th scope="col" safe>{ctx.t('accountability.plans.dates')}</th><th scope="col" safe>{ctx.t('accountability.plans.responsible')}</th><th scope="col" safe>{ctx.t('accountability.plans.status')}</th></tr></thead>
        <tbody>
          {milestones.map((m) => (
            <tr>
              <th scope="row"><Localized ctx={ctx} text={m.title} /><Localized ctx={ctx} text={m.deliverable} as="div" /></th>
              <td safe>{`${day(ctx, m.start_date)} – ${day(ctx, m.end_date)}`}</td>
              <td dir="auto" safe>{m.responsible || '—'}</td>
              <td safe>{ctx.t(completionKeys[m.status])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const timelineKeys: Record<TimelineEntry['action'], string> = {
  'accountability.commitment.created': 'accountability.plans.timeline_created',
  'accountability.commitment.updated': 'accountability.plans.timeline_updated',
  'accountability.commitment.status_changed': 'accountability.plans.timeline_status',
  'accountability.milestone.created': 'accountability.plans.timeline_milestone_added',
  'accountability.milestone.status_changed': 'accountability.plans.timeline_milestone_status',
  'accountability.evidence.added': 'accountability.plans.timeline_evidence',
};

/** Every change, newest first, with the statuses before and after where there were. */
function Timeline({ ctx, entries }: { ctx: ViewContext; entries: TimelineEntry[] }) {
  if (entries.length === 0) return <></>;
  const statusName = (status: string | undefined) => (status && status in completionKeys ? ctx.t(completionKeys[status as Completion]) : '—');
  return (
    <>
      <h2 safe>{ctx.t('accountability.plans.timeline')}</h2>
      <ol id="timeline">
        {entries.map((entry) => (
          <li>
            <time datetime={entry.at.toISOString()} safe>{formatDate(entry.at, ctx.locale, ctx.commune!.time_zone)}</time>
            <span safe>{` — ${ctx.t(timelineKeys[entry.action], { from: statusName(entry.from), to: statusName(entry.to) })}`}</span>
          </li>
        ))}
      </ol>
    </>
  );
}

export type CommitmentDetail = NonNullable<Awaited<ReturnType<typeof import('./queries.js').commitmentDetail>>>;

export function CommitmentPage({ ctx, detail, comments, budgetLines }: { ctx: ViewContext; detail: CommitmentDetail; comments: CommitmentComments; budgetLines: LinkedBudgetLine[] }) {
  const { commitment, plan } = detail;
  return (
    <Layout ctx={ctx} title={`${commitment.number}. ${plainTitle(ctx, commitment.title)}`}>
      <p><a href={`${plansPath(ctx)}/${plan.id}`}><Localized ctx={ctx} text={plan.title} /></a></p>
      <h1><span safe>{`${commitment.number}. `}</span><Localized ctx={ctx} text={commitment.title} /></h1>
      <p id="commitment-status">
        <label for="commitment-progress" safe>{ctx.t('accountability.plans.commitment_progress', { status: ctx.t(completionKeys[commitment.status]), percent: percentText(detail.percent) })}</label>
        <progress id="commitment-progress" max="100" value={String(detail.percent)}></progress>
      </p>
      <IndependentReview ctx={ctx} assessments={detail.assessments} />
      {commitment.ogp_values.length > 0 ? <p safe>{`${ctx.t('accountability.plans.values')} : ${commitment.ogp_values.map((v) => ctx.t(valueKeys[v])).join(', ')}`}</p> : ''}
      <dl>
        <Field ctx={ctx} label={ctx.t('accountability.plans.problem')} text={commitment.problem} />
        <Field ctx={ctx} label={ctx.t('accountability.plans.action')} text={commitment.action} />
        <Field ctx={ctx} label={ctx.t('accountability.plans.solution')} text={commitment.solution} />
        <Field ctx={ctx} label={ctx.t('accountability.plans.expected_results')} text={commitment.expected_results} />
        <Actors ctx={ctx} commitment={commitment} />
        <dt safe>{ctx.t('accountability.plans.dates')}</dt>
        <dd safe>{`${day(ctx, commitment.start_date)} – ${day(ctx, commitment.end_date)}`}</dd>
        {commitment.sdgs.length > 0 ? <><dt safe>{ctx.t('accountability.plans.sdgs')}</dt><dd safe>{commitment.sdgs.map((n) => ctx.t('accountability.plans.sdg', { number: String(n) })).join(', ')}</dd></> : ''}
      </dl>
      <CommitmentBudget ctx={ctx} amount={commitment.budget_amount} lines={budgetLines} />
      <h2 safe>{ctx.t('accountability.plans.milestones')}</h2>
      <Milestones ctx={ctx} milestones={detail.milestoneRows} />
      {detail.evidence.length > 0 ? (
        <>
          <h2 safe>{ctx.t('accountability.plans.evidence')}</h2>
          <ul id="evidence">{detail.evidence.map((e) => <li><a href={e.url ?? `/files/${e.file_id}`} rel={e.url ? 'nofollow noopener' : undefined} dir="auto" safe>{e.title}</a>{e.kind === 'link' ? '' : <span class="muted" safe>{` (${ctx.t(e.kind === 'photo' ? 'accountability.plans.evidence_photo' : 'accountability.plans.evidence_document')})`}</span>}</li>)}</ul>
        </>
      ) : ''}
      <ProgressReports ctx={ctx} assessments={detail.assessments} />
      <Timeline ctx={ctx} entries={detail.timeline} />
      <CommentsSection ctx={ctx} section={comments} />
    </Layout>
  );
}
