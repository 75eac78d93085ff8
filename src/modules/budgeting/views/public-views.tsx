import { formatDateTime } from '../../../platform/i18n/format.js';
import { Localized } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import { type ProposalSummary, proposalPath } from '../../participation/index.js';
import type { Project, Round, RoundPhase, SubBudget } from '../db/tables.js';
import { formatAmount } from '../money.js';
import { projectCost } from '../queries/budget-queries.js';
import { ImplementationSection, ProjectImplementation, type ProjectImplementationProps } from './implementation-views.js';
import { feasibilityBadge, feasibilityKeys, phaseKeys, ruleKeys } from './labels.js';
import { SplitChart } from './split-chart.js';
import { VoteLinks } from '../voting/vote-links.js';

const roundsBase = (ctx: ViewContext) => `/${ctx.commune!.slug}/budgets`;
const money = (ctx: ViewContext, round: Pick<Round, 'currency'>, amount: number) => formatAmount(amount, round.currency, ctx.locale);
const when = (ctx: ViewContext, date: Date) => formatDateTime(date, ctx.locale, ctx.commune!.time_zone);

export function RoundsPage({ ctx, rounds }: { ctx: ViewContext; rounds: Round[] }) {
  return (
    <Layout ctx={ctx} title={ctx.t('budgeting.list.title')}>
      <h1 safe>{ctx.t('budgeting.list.title')}</h1>
      <p class="lead" safe>{ctx.t('budgeting.list.intro')}</p>
      {rounds.length === 0 ? <p class="muted" safe>{ctx.t('budgeting.list.none')}</p> : ''}
      <ul class="grid">
        {rounds.map((round) => (
          <li class="card">
            <h2><a href={`${roundsBase(ctx)}/${round.id}`}><Localized ctx={ctx} text={round.title} /></a></h2>
            <p><strong safe>{money(ctx, round, round.total_amount)}</strong></p>
            <p safe>{ctx.t(ruleKeys[round.rule].name)}</p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

/** The voting rule in plain words, with its figure (budget, number of choices or points). */
export function RuleExplanation({ ctx, round }: { ctx: ViewContext; round: Round }) {
  const figures = { budget: money(ctx, round, round.total_amount), max: String(round.max_choices ?? ''), points: String(round.points ?? '') };
  return (
    <p>
      <strong safe>{`${ctx.t(ruleKeys[round.rule].name)} — `}</strong>
      <span safe>{ctx.t(ruleKeys[round.rule].explanation, figures)}</span>
    </p>
  );
}

function Eligibility({ ctx, round }: { ctx: ViewContext; round: Round }) {
  const lines = [
    ctx.t('budgeting.eligibility.residents'),
    round.min_age !== null ? ctx.t('budgeting.eligibility.min_age', { age: String(round.min_age) }) : '',
    round.require_verified_phone ? ctx.t('budgeting.eligibility.verified_phone') : '',
    round.allow_assisted ? ctx.t('budgeting.eligibility.assisted') : '',
    round.allow_ballot_change ? ctx.t('budgeting.eligibility.ballot_change') : '',
  ].filter(Boolean);
  return <ul>{lines.map((line) => <li safe>{line}</li>)}</ul>;
}

export function PhaseTimeline({ ctx, phases, current }: { ctx: ViewContext; phases: RoundPhase[]; current: RoundPhase | null }) {
  if (phases.length === 0) return <p class="muted" safe>{ctx.t('budgeting.phase.none')}</p>;
  return (
    <ol class="timeline">
      {phases.map((phase) => (
        <li aria-current={phase.id === current?.id ? 'step' : undefined}>
          <strong safe>{ctx.t(phaseKeys[phase.kind])}</strong>{' '}
          {phase.id === current?.id ? <span class="badge badge-success" safe>{ctx.t('budgeting.phase.now')}</span> : ''}
          <br />
          <span class="muted" safe>{ctx.t('budgeting.phase.dates', { start: when(ctx, phase.starts_at), end: when(ctx, phase.ends_at) })}</span>
        </li>
      ))}
    </ol>
  );
}

function ProjectCard({ ctx, round, project }: { ctx: ViewContext; round: Round; project: Project }) {
  return (
    <li class="card">
      <h4><a href={`${roundsBase(ctx)}/${round.id}/projects/${project.id}`} safe>{project.title}</a></h4>
      <p>
        <strong safe>{money(ctx, round, projectCost(project))}</strong>{' '}
        <span class={feasibilityBadge[project.feasibility]} safe>{ctx.t(feasibilityKeys[project.feasibility])}</span>
      </p>
      {project.revised_cost !== null && project.cost_note ? <p class="muted" safe>{ctx.t('budgeting.project.cost_revised', { note: project.cost_note })}</p> : ''}
    </li>
  );
}

/** Projects under their neighbourhood (or "whole commune"), in the order of the neighbourhoods' names. */
function groupByNeighbourhood(ctx: ViewContext, projects: Project[]): [string, Project[]][] {
  const groups = new Map<string, Project[]>();
  for (const project of projects) {
    const label = project.neighbourhood ?? ctx.t('budgeting.project.whole_commune');
    groups.set(label, [...(groups.get(label) ?? []), project]);
  }
  return [...groups.entries()];
}

export interface RoundPageProps {
  round: Round;
  phases: RoundPhase[];
  current: RoundPhase | null;
  subBudgets: SubBudget[];
  projects: Project[];
  /** Projects with an implementation status (after the vote). */
  tracked?: Project[];
}

function ProjectSections({ ctx, props }: { ctx: ViewContext; props: RoundPageProps }) {
  const candidates = props.projects.filter((p) => p.feasibility !== 'not_feasible');
  const refused = props.projects.filter((p) => p.feasibility === 'not_feasible');
  return (
    <>
      <h2 safe>{ctx.t('budgeting.project.list')}</h2>
      {candidates.length === 0 ? <p class="muted" safe>{ctx.t('budgeting.project.none')}</p> : ''}
      {groupByNeighbourhood(ctx, candidates).map(([neighbourhood, projects]) => (
        <section>
          <h3 safe>{neighbourhood}</h3>
          <ul class="grid">{projects.map((project) => <ProjectCard ctx={ctx} round={props.round} project={project} />)}</ul>
        </section>
      ))}
      {refused.length > 0 ? (
        <section id="not-feasible">
          <h2 safe>{ctx.t('budgeting.project.not_feasible_list')}</h2>
          <ul>
            {refused.map((p) => (
              <li>
                <a href={`${roundsBase(ctx)}/${props.round.id}/projects/${p.id}`} safe>{p.title}</a>
                <span safe>{` — ${p.feasibility_reason ?? ''}`}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        ''
      )}
    </>
  );
}

export function RoundPage({ ctx, props }: { ctx: ViewContext; props: RoundPageProps }) {
  const { round } = props;
  const split = props.subBudgets.map((s) => ({ label: s.neighbourhood, amount: s.amount }));
  return (
    <Layout ctx={ctx} title={ctx.t('budgeting.list.title')}>
      <p><a href={roundsBase(ctx)} safe>{ctx.t('budgeting.list.back')}</a></p>
      <h1><Localized ctx={ctx} text={round.title} /></h1>
      <Localized ctx={ctx} text={round.description} as="p" />
      <dl class="key-figures">
        <div><dt safe>{ctx.t('budgeting.round.total')}</dt><dd><strong safe>{money(ctx, round, round.total_amount)}</strong></dd></div>
        <div><dt safe>{ctx.t('budgeting.round.projects')}</dt><dd safe>{String(props.projects.length)}</dd></div>
      </dl>
      <h2 safe>{ctx.t('budgeting.rule.title')}</h2>
      <RuleExplanation ctx={ctx} round={round} />
      <h2 safe>{ctx.t('budgeting.eligibility.title')}</h2>
      <Eligibility ctx={ctx} round={round} />
      <h2 safe>{ctx.t('budgeting.phase.timeline')}</h2>
      <PhaseTimeline ctx={ctx} phases={props.phases} current={props.current} />
      <VoteLinks ctx={ctx} round={round} phases={props.phases} />
      {split.length > 0 ? (
        <>
          <h2 safe>{ctx.t('budgeting.round.split')}</h2>
          <SplitChart ctx={ctx} lines={split} currency={round.currency} caption={ctx.t('budgeting.round.split_caption')} />
        </>
      ) : (
        ''
      )}
      <ImplementationSection ctx={ctx} round={round} projects={props.tracked ?? []} />
      <ProjectSections ctx={ctx} props={props} />
    </Layout>
  );
}

/** "From the proposal of <name>" (or "of a resident"), linked to the proposal. */
export function ProposalCredit({ ctx, proposal }: { ctx: ViewContext; proposal: ProposalSummary | undefined }) {
  if (!proposal) return <></>;
  const author = proposal.authorName ?? ctx.t('budgeting.project.a_resident');
  return (
    <p class="notice">
      <span safe>{ctx.t('budgeting.project.from_proposal', { author })}</span>{' '}
      <a href={proposalPath(ctx.commune!.slug, proposal.id)} safe>{proposal.title}</a>
    </p>
  );
}

export function ProjectPage({ ctx, round, project, proposal, implementation }: { ctx: ViewContext; round: Round; project: Project; proposal: ProposalSummary | undefined; implementation?: ProjectImplementationProps }) {
  const facts: [string, string][] = [
    [ctx.t('budgeting.project.neighbourhood'), project.neighbourhood ?? ctx.t('budgeting.project.whole_commune')],
    [ctx.t('budgeting.project.estimated_cost'), money(ctx, round, project.estimated_cost)],
    ...(project.revised_cost !== null ? [[ctx.t('budgeting.project.revised_cost'), money(ctx, round, project.revised_cost)] as [string, string]] : []),
    ...(project.place ? [[ctx.t('budgeting.project.place'), project.place] as [string, string]] : []),
    ...(project.latitude !== null && project.longitude !== null ? [[ctx.t('budgeting.project.coordinates'), `${Number(project.latitude)}, ${Number(project.longitude)}`] as [string, string]] : []),
    ...(project.responsible_service ? [[ctx.t('budgeting.project.responsible_service'), project.responsible_service] as [string, string]] : []),
  ];
  return (
    <Layout ctx={ctx} title={project.title}>
      <p><a href={`${roundsBase(ctx)}/${round.id}`}><Localized ctx={ctx} text={round.title} /></a></p>
      <h1 safe>{project.title}</h1>
      <p><span class={feasibilityBadge[project.feasibility]} safe>{ctx.t(feasibilityKeys[project.feasibility])}</span></p>
      {project.feasibility === 'not_feasible' && project.feasibility_reason ? <p class="notice" safe>{ctx.t('budgeting.review.public_reason', { reason: project.feasibility_reason })}</p> : ''}
      <ProposalCredit ctx={ctx} proposal={proposal} />
      {project.photo_file_id ? <img src={`/files/${project.photo_file_id}`} alt="" loading="lazy" width="640" /> : ''}
      <p class="prose" safe>{project.description}</p>
      <table class="data">
        <tbody>{facts.map(([label, value]) => <tr><th scope="row" safe>{label}</th><td safe>{value}</td></tr>)}</tbody>
      </table>
      {project.revised_cost !== null && project.cost_note ? <p safe>{ctx.t('budgeting.project.cost_revised', { note: project.cost_note })}</p> : ''}
      <ProjectImplementation ctx={ctx} round={round} project={project} implementation={implementation} />
    </Layout>
  );
}
