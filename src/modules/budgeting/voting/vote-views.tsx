import { formatDateTime } from '../../../platform/i18n/format.js';
import { IdempotencyField } from '../../../platform/http/idempotency.js';
import { CsrfField, Localized, Notice } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import type { Project, Round } from '../db/tables.js';
import { formatAmount } from '../money.js';
import { projectCost } from '../queries/budget-queries.js';
import { RuleExplanation } from '../views/public-views.js';
import type { BallotProblem } from '../voting-rules.js';
import { type BallotScope, type BallotSummary, pointsFieldName } from './ballot.js';

const roundPath = (ctx: ViewContext, round: Pick<Round, 'id'>) => `/${ctx.commune!.slug}/budgets/${round.id}`;
const money = (ctx: ViewContext, round: Pick<Round, 'currency'>, amount: number) => formatAmount(amount, round.currency, ctx.locale);

/** Why a voter cannot vote (yet), in words. */
export type VoteBlock = 'not_open' | 'closed' | 'phone_required' | 'already_voted';

const blockKeys: Record<VoteBlock, string> = {
  not_open: 'budgeting.vote.not_open',
  closed: 'budgeting.vote.closed',
  phone_required: 'budgeting.vote.phone_required',
  already_voted: 'budgeting.vote.already_voted',
};

export function problemMessage(ctx: ViewContext, round: Round, problem: BallotProblem): string {
  switch (problem.code) {
    case 'empty':
      return ctx.t('budgeting.vote.problem.empty');
    case 'unknown_project':
      return ctx.t('budgeting.vote.problem.unknown_project');
    case 'invalid_weight':
      return ctx.t('budgeting.vote.problem.invalid_weight');
    case 'over_budget':
      return ctx.t('budgeting.vote.problem.over_budget', { total: money(ctx, round, problem.total), budget: money(ctx, round, problem.budget) });
    case 'too_many_choices':
      return ctx.t('budgeting.vote.problem.too_many_choices', { chosen: String(problem.chosen), max: String(problem.max) });
    case 'too_many_points':
      return ctx.t('budgeting.vote.problem.too_many_points', { given: String(problem.given), max: String(problem.max) });
  }
}

function BackToRound({ ctx, round }: { ctx: ViewContext; round: Round }) {
  return <p><a href={roundPath(ctx, round)}><Localized ctx={ctx} text={round.title} /></a></p>;
}

export function VoteBlockedPage({ ctx, round, block, status }: { ctx: ViewContext; round: Round; block: VoteBlock; status?: string }) {
  return (
    <Layout ctx={ctx} title={ctx.t('budgeting.vote.title')}>
      <BackToRound ctx={ctx} round={round} />
      <h1 safe>{ctx.t('budgeting.vote.title')}</h1>
      <Notice kind={block === 'already_voted' ? 'info' : 'error'}><p id="vote-blocked" data-block={block} safe>{ctx.t(blockKeys[block])}</p></Notice>
      {status ? <p class="muted" safe>{status}</p> : ''}
    </Layout>
  );
}

/** A round with sub-budgets: the voter first picks their neighbourhood (a plain GET form). */
export function SubBudgetChooser({ ctx, scope }: { ctx: ViewContext; scope: BallotScope }) {
  return (
    <Layout ctx={ctx} title={ctx.t('budgeting.vote.title')}>
      <BackToRound ctx={ctx} round={scope.round} />
      <h1 safe>{ctx.t('budgeting.vote.title')}</h1>
      <form method="get" action={`${roundPath(ctx, scope.round)}/vote`}>
        <fieldset>
          <legend safe>{ctx.t('budgeting.vote.choose_neighbourhood')}</legend>
          {scope.subBudgets.map((s) => (
            <label class="choice">
              <input type="radio" name="sub_budget" value={s.neighbourhood} required />
              <span safe>{`${s.neighbourhood} — ${money(ctx, scope.round, s.amount)}`}</span>
            </label>
          ))}
        </fieldset>
        <button type="submit" safe>{ctx.t('budgeting.vote.continue')}</button>
      </form>
    </Layout>
  );
}

function RunningFigures({ ctx, scope, summary }: { ctx: ViewContext; scope: BallotScope; summary: BallotSummary }) {
  const { round, rule } = scope;
  const text =
    rule.kind === 'knapsack'
      ? ctx.t('budgeting.vote.total', { total: money(ctx, round, summary.cost), budget: money(ctx, round, scope.budget) })
      : rule.kind === 'approval'
        ? ctx.t('budgeting.vote.choices_count', { chosen: String(summary.choices), max: String(rule.maxChoices) })
        : ctx.t('budgeting.vote.points_used', { used: String(summary.pointsUsed), max: String(rule.points) });
  return <p><output id="ballot-figures" aria-live="polite" safe>{text}</output></p>;
}

function ProjectChoice({ ctx, scope, project, weight }: { ctx: ViewContext; scope: BallotScope; project: Project; weight: number }) {
  const cost = projectCost(project);
  const label = (
    <span>
      <a href={`${roundPath(ctx, scope.round)}/projects/${project.id}`} safe>{project.title}</a>
      <span class="muted" safe>{` — ${money(ctx, scope.round, cost)}`}</span>
    </span>
  );
  if (scope.rule.kind === 'points') {
    return (
      <li>
        <label>
          {label}{' '}
          <input type="number" name={pointsFieldName(project.id)} min="0" max={String(scope.rule.points)} step="1" inputmode="numeric" value={weight > 0 ? String(weight) : ''} size="4" data-cost={String(cost)} />
        </label>
      </li>
    );
  }
  return (
    <li>
      <label class="choice">
        <input type="checkbox" name="project" value={project.id} checked={weight > 0} data-cost={String(cost)} /> {label}
      </label>
    </li>
  );
}

export interface BallotPageProps {
  scope: BallotScope;
  ballot: ReadonlyMap<string, number>;
  summary: BallotSummary;
  /** The problem to show: after "Compute" or a refused review. */
  showProblem: boolean;
  declarationMissing: boolean;
  declared: boolean;
  scriptHref: string;
}

/** Templates the script fills in as the voter ticks; the server fills the same text on "Compute my total". */
function figureTemplates(ctx: ViewContext, scope: BallotScope) {
  return {
    'data-template-total': ctx.t('budgeting.vote.total', { total: '{total}', budget: money(ctx, scope.round, scope.budget) }),
    'data-template-choices': ctx.t('budgeting.vote.choices_count', { chosen: '{chosen}', max: scope.rule.kind === 'approval' ? String(scope.rule.maxChoices) : '' }),
    'data-template-points': ctx.t('budgeting.vote.points_used', { used: '{used}', max: scope.rule.kind === 'points' ? String(scope.rule.points) : '' }),
  };
}

export function BallotPage({ ctx, props }: { ctx: ViewContext; props: BallotPageProps }) {
  const { scope, summary } = props;
  const { round } = scope;
  return (
    <Layout ctx={ctx} title={ctx.t('budgeting.vote.title')} head={<script src={props.scriptHref} defer></script>}>
      <BackToRound ctx={ctx} round={round} />
      <h1 safe>{ctx.t('budgeting.vote.title')}</h1>
      <RuleExplanation ctx={ctx} round={round} />
      {scope.subBudget ? <p safe>{ctx.t('budgeting.vote.in_neighbourhood', { neighbourhood: scope.subBudget, budget: money(ctx, round, scope.budget) })}</p> : ''}
      {props.showProblem && summary.problem ? <Notice kind="error"><p id="ballot-problem" safe>{problemMessage(ctx, round, summary.problem)}</p></Notice> : ''}
      {props.declarationMissing ? <Notice kind="error"><p id="declaration-missing" safe>{ctx.t('budgeting.vote.declaration_missing')}</p></Notice> : ''}
      <form method="post" action={`${roundPath(ctx, round)}/vote`} data-ballot={scope.rule.kind} data-currency={round.currency} {...figureTemplates(ctx, scope)}>
        <CsrfField ctx={ctx} />
        {scope.subBudget ? <input type="hidden" name="sub_budget" value={scope.subBudget} /> : ''}
        <fieldset>
          <legend safe>{ctx.t('budgeting.vote.projects')}</legend>
          {scope.projects.length === 0 ? <p class="muted" safe>{ctx.t('budgeting.vote.no_projects')}</p> : ''}
          <ul class="plain">{scope.projects.map((p) => <ProjectChoice ctx={ctx} scope={scope} project={p} weight={props.ballot.get(p.id) ?? 0} />)}</ul>
        </fieldset>
        <RunningFigures ctx={ctx} scope={scope} summary={summary} />
        {round.min_age !== null ? (
          <label class="choice">
            <input type="checkbox" name="declaration" value="yes" checked={props.declared} /> <span safe>{ctx.t('budgeting.vote.declaration', { age: String(round.min_age) })}</span>
          </label>
        ) : (
          ''
        )}
        <p class="actions">
          <button type="submit" name="intent" value="compute" class="secondary" safe>{ctx.t('budgeting.vote.compute')}</button>{' '}
          <button type="submit" name="intent" value="review" safe>{ctx.t('budgeting.vote.review')}</button>
        </p>
      </form>
    </Layout>
  );
}

/** The last look before confirming: the choices as hidden fields, a fresh idempotency key. */
export function ReviewPage({ ctx, scope, ballot, summary }: { ctx: ViewContext; scope: BallotScope; ballot: ReadonlyMap<string, number>; summary: BallotSummary }) {
  const { round } = scope;
  const chosen = scope.projects.filter((p) => (ballot.get(p.id) ?? 0) > 0);
  return (
    <Layout ctx={ctx} title={ctx.t('budgeting.vote.review_title')}>
      <BackToRound ctx={ctx} round={round} />
      <h1 safe>{ctx.t('budgeting.vote.review_title')}</h1>
      <ul id="ballot-review">
        {chosen.map((p) => (
          <li>
            <span safe>{p.title}</span>
            <span class="muted" safe>{scope.rule.kind === 'points' ? ` — ${ctx.t('budgeting.vote.points_given', { points: String(ballot.get(p.id)) })}` : ` — ${money(ctx, round, projectCost(p))}`}</span>
          </li>
        ))}
      </ul>
      <RunningFigures ctx={ctx} scope={scope} summary={summary} />
      <form method="post" action={`${roundPath(ctx, round)}/vote/confirm`}>
        <CsrfField ctx={ctx} />
        <IdempotencyField ctx={ctx} />
        {scope.subBudget ? <input type="hidden" name="sub_budget" value={scope.subBudget} /> : ''}
        {round.min_age !== null ? <input type="hidden" name="declaration" value="yes" /> : ''}
        {chosen.map((p) => (scope.rule.kind === 'points' ? <input type="hidden" name={pointsFieldName(p.id)} value={String(ballot.get(p.id))} /> : <input type="hidden" name="project" value={p.id} />))}
        <p class="actions"><button type="submit" safe>{ctx.t('budgeting.vote.confirm')}</button></p>
      </form>
      <form method="get" action={`${roundPath(ctx, round)}/vote`}>
        {scope.subBudget ? <input type="hidden" name="sub_budget" value={scope.subBudget} /> : ''}
        <button type="submit" class="secondary" safe>{ctx.t('budgeting.vote.start_again')}</button>
      </form>
    </Layout>
  );
}

/** "Your vote is recorded": no choices, no ballot id — the page proves nothing to anyone looking over a shoulder. */
export function ReceiptPage({ ctx, round, closesAt }: { ctx: ViewContext; round: Round; closesAt: Date | null }) {
  return (
    <Layout ctx={ctx} title={ctx.t('budgeting.vote.recorded')}>
      <BackToRound ctx={ctx} round={round} />
      <h1 safe>{ctx.t('budgeting.vote.recorded')}</h1>
      <Notice kind="success"><p id="vote-recorded" safe>{ctx.t('budgeting.vote.recorded_text')}</p></Notice>
      {closesAt ? <p safe>{ctx.t('budgeting.vote.results_after', { date: formatDateTime(closesAt, ctx.locale, ctx.commune!.time_zone) })}</p> : ''}
      {round.allow_ballot_change ? <p><a href={`${roundPath(ctx, round)}/vote`} safe>{ctx.t('budgeting.vote.change')}</a></p> : ''}
    </Layout>
  );
}
