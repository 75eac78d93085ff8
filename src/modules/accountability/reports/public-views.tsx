import { formatDate } from '../../../platform/i18n/format.js';
import { Localized } from '../../../platform/views/components.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import { completionKeys, valueKeys } from '../plans/labels.js';
import { earlyResultsKeys, potentialImpactKeys, reviewCompletionKeys, statusBadgeClass } from './labels.js';
import type { CommitmentAssessments, ReportPeriod } from './queries.js';
import type { ReportRow, ReviewRow } from './tables.js';

const day = (ctx: ViewContext, date: string) => formatDate(date, ctx.locale);

function StatusBadge({ ctx, report }: { ctx: ViewContext; report: ReportRow }) {
  return <span class={statusBadgeClass[report.status]} safe>{ctx.t(completionKeys[report.status])}</span>;
}

/** One report: its status badge, narrative, challenges and evidence links. */
function ReportCard({ ctx, report, heading }: { ctx: ViewContext; report: ReportRow; heading: string }) {
  return (
    <article class="card" data-author={report.author_kind}>
      <h4 dir="auto" safe>{heading}</h4>
      <p><StatusBadge ctx={ctx} report={report} /></p>
      <Localized ctx={ctx} text={report.narrative} as="div" />
      {Object.keys(report.challenges).length > 0 ? <><p><strong safe>{ctx.t('accountability.reports.challenges')}</strong></p><Localized ctx={ctx} text={report.challenges} as="div" /></> : ''}
      {report.evidence.length > 0 ? (
        <ul>{report.evidence.map((link) => <li><a href={link.url} rel="nofollow noopener" dir="auto" safe>{link.title}</a></li>)}</ul>
      ) : ''}
    </article>
  );
}

function Missing({ text }: { text: string }) {
  return <article class="card"><p class="muted" safe>{text}</p></article>;
}

/** The two statuses differ: say so plainly, it is what readers come for. */
function Disagreement({ ctx, period }: { ctx: ViewContext; period: ReportPeriod }) {
  const commune = period.commune;
  const differing = commune ? period.shadows.filter((shadow) => shadow.status !== commune.status) : [];
  if (!commune || differing.length === 0) return <></>;
  return (
    <p class="notice" role="note">
      {differing.map((shadow) => <span dir="auto" safe>{ctx.t('accountability.reports.statuses_differ', { commune: ctx.t(completionKeys[commune.status]), organisation: shadow.organisation ?? '', status: ctx.t(completionKeys[shadow.status]) })}</span>)}
    </p>
  );
}

function Period({ ctx, period }: { ctx: ViewContext; period: ReportPeriod }) {
  return (
    <section class="report-period">
      <h3 safe>{ctx.t('accountability.reports.period', { start: day(ctx, period.start), end: day(ctx, period.end) })}</h3>
      {/* Two columns on wide screens, stacked on phones (public/app.css). */}
      <div class="side-by-side">
        {period.commune ? <ReportCard ctx={ctx} report={period.commune} heading={ctx.t('accountability.reports.commune_report')} /> : <Missing text={ctx.t('accountability.reports.no_commune_report')} />}
        {period.shadows.length > 0
          ? period.shadows.map((shadow) => <ReportCard ctx={ctx} report={shadow} heading={ctx.t('accountability.reports.shadow_by', { organisation: shadow.organisation ?? '' })} />)
          : <Missing text={ctx.t('accountability.reports.no_shadow')} />}
      </div>
      <Disagreement ctx={ctx} period={period} />
    </section>
  );
}

/** "Rapports d'avancement": each period's commune report beside civil society's shadow assessment. */
export function ProgressReports({ ctx, assessments }: { ctx: ViewContext; assessments: CommitmentAssessments }) {
  return (
    <section id="progress-reports" aria-labelledby="progress-reports-title">
      <h2 id="progress-reports-title" safe>{ctx.t('accountability.reports.title')}</h2>
      <p class="muted" safe>{ctx.t('accountability.reports.intro')}</p>
      {assessments.periods.length === 0 ? <p class="muted" safe>{ctx.t('accountability.reports.none')}</p> : assessments.periods.map((period) => <Period ctx={ctx} period={period} />)}
    </section>
  );
}

function ReviewFacts({ ctx, review }: { ctx: ViewContext; review: ReviewRow }) {
  const rows: [string, string][] = [
    [ctx.t('accountability.review.verifiable'), ctx.t(review.verifiable ? 'accountability.review.yes' : 'accountability.review.no')],
    [ctx.t('accountability.review.values'), review.ogp_values.length > 0 ? review.ogp_values.map((v) => ctx.t(valueKeys[v])).join(', ') : '—'],
    [ctx.t('accountability.review.potential_impact'), ctx.t(potentialImpactKeys[review.potential_impact])],
    [ctx.t('accountability.review.completion'), ctx.t(reviewCompletionKeys[review.completion])],
    [ctx.t('accountability.review.early_results'), review.early_results ? ctx.t(earlyResultsKeys[review.early_results]) : ctx.t('accountability.review.not_assessed')],
  ];
  return <dl>{rows.map(([label, value]) => <><dt safe>{label}</dt><dd safe>{value}</dd></>)}</dl>;
}

/** The monitoring body's review, in a box of its own, never mixed with the commune's status. */
export function IndependentReview({ ctx, assessments }: { ctx: ViewContext; assessments: CommitmentAssessments }) {
  const { review } = assessments;
  if (!review) return <></>;
  return (
    <aside id="independent-review" class="card" aria-labelledby="independent-review-title">
      <h2 id="independent-review-title" safe>{ctx.t('accountability.review.title')}</h2>
      <p class="muted" safe>{ctx.t('accountability.review.by_monitor', { date: day(ctx, review.review_date) })}</p>
      <ReviewFacts ctx={ctx} review={review} />
      <Localized ctx={ctx} text={review.rationale} as="div" />
      {assessments.earlierReviews > 0 ? <p class="muted" safe>{ctx.t('accountability.review.earlier', { count: String(assessments.earlierReviews) })}</p> : ''}
    </aside>
  );
}
