import { PhotoGallery } from '../../../platform/views/photo-gallery.js';
import { formatDate, formatDateTime } from '../../../platform/i18n/format.js';
import { HorizontalBarChart } from '../../../platform/views/charts.js';
import { Localized } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import type { ImplementationStatus, Project, Round } from '../db/tables.js';
import { formatAmount } from '../money.js';
import { projectCost } from '../queries/budget-queries.js';
import type { ProjectPhoto, PublicUpdate } from '../queries/implementation-queries.js';
import { implementationKeys } from './labels.js';

const roundPath = (ctx: ViewContext, round: Pick<Round, 'id'>) => `/${ctx.commune!.slug}/budgets/${round.id}`;
const money = (ctx: ViewContext, round: Pick<Round, 'currency'>, amount: number) => formatAmount(amount, round.currency, ctx.locale);
export const percent = (ctx: ViewContext, value: number) => ctx.t('budgeting.tracking.percent', { value: String(value) });

const statusBadge: Record<ImplementationStatus, string> = {
  planned: 'badge',
  procurement: 'badge badge-warning',
  in_progress: 'badge badge-warning',
  done: 'badge badge-success',
  cancelled: 'badge badge-muted',
};

export function StatusBadge({ ctx, status }: { ctx: ViewContext; status: ImplementationStatus }) {
  return <span class={statusBadge[status]} safe>{ctx.t(implementationKeys[status])}</span>;
}

/** A native <progress> (a progressbar to assistive technology) with the percentage also written out. */
export function ProgressBar({ ctx, value, label }: { ctx: ViewContext; value: number; label: string }) {
  return (
    <span class="progress-line">
      <progress max="100" value={String(value)} aria-label={label} safe>{percent(ctx, value)}</progress> <strong safe>{percent(ctx, value)}</strong>
    </span>
  );
}

/** "1 200 000 F CFA spent of 3 000 000 F CFA". */
function spendingText(ctx: ViewContext, round: Round, project: Project): string {
  return ctx.t('budgeting.tracking.spent_of_cost', { spent: money(ctx, round, project.spent_to_date ?? 0), cost: money(ctx, round, projectCost(project)) });
}

/** Tracked projects under their neighbourhood (or "whole commune"). */
function byNeighbourhood(ctx: ViewContext, projects: Project[]): [string, Project[]][] {
  const groups = new Map<string, Project[]>();
  for (const project of projects) {
    const label = project.neighbourhood ?? ctx.t('budgeting.project.whole_commune');
    groups.set(label, [...(groups.get(label) ?? []), project]);
  }
  return [...groups.entries()];
}

function TrackedCard({ ctx, round, project }: { ctx: ViewContext; round: Round; project: Project }) {
  return (
    <li class="card">
      <h4><a href={`${roundPath(ctx, round)}/projects/${project.id}`} safe>{project.title}</a></h4>
      <p><StatusBadge ctx={ctx} status={project.implementation_status!} /></p>
      <p><ProgressBar ctx={ctx} value={project.progress ?? 0} label={ctx.t('budgeting.tracking.progress_of', { project: project.title })} /></p>
      <p safe>{spendingText(ctx, round, project)}</p>
      {project.implementation_status === 'cancelled' && project.implementation_note ? <p class="muted" safe>{ctx.t('budgeting.tracking.cancel_reason', { reason: project.implementation_note })}</p> : ''}
    </li>
  );
}

/** The round page's "Implementation" section: shown once projects are tracked. */
export function ImplementationSection({ ctx, round, projects }: { ctx: ViewContext; round: Round; projects: Project[] }) {
  if (projects.length === 0) return <></>;
  return (
    <section id="implementation">
      <h2 safe>{ctx.t('budgeting.tracking.title')}</h2>
      <p><a href={`${roundPath(ctx, round)}/implementation`} safe>{ctx.t('budgeting.tracking.see_list')}</a></p>
      {byNeighbourhood(ctx, projects).map(([neighbourhood, group]) => (
        <>
          <h3 safe>{neighbourhood}</h3>
          <ul class="grid">{group.map((project) => <TrackedCard ctx={ctx} round={round} project={project} />)}</ul>
        </>
      ))}
    </section>
  );
}

function NeighbourhoodTable({ ctx, round, projects, lastUpdates }: { ctx: ViewContext; round: Round; projects: Project[]; lastUpdates: Map<string, Date> }) {
  const tz = ctx.commune!.time_zone;
  return (
    <table class="data">
      <thead>
        <tr>
          <th scope="col" safe>{ctx.t('budgeting.project.title')}</th>
          <th scope="col" safe>{ctx.t('budgeting.tracking.status')}</th>
          <th scope="col" safe>{ctx.t('budgeting.tracking.progress')}</th>
          <th scope="col" safe>{ctx.t('budgeting.tracking.spent_to_date')}</th>
          <th scope="col" safe>{ctx.t('budgeting.tracking.cost')}</th>
          <th scope="col" safe>{ctx.t('budgeting.tracking.last_update')}</th>
        </tr>
      </thead>
      <tbody>
        {projects.map((p) => {
          const last = lastUpdates.get(p.id);
          return (
            <tr>
              <th scope="row"><a href={`${roundPath(ctx, round)}/projects/${p.id}`} safe>{p.title}</a></th>
              <td><StatusBadge ctx={ctx} status={p.implementation_status!} /></td>
              <td safe>{percent(ctx, p.progress ?? 0)}</td>
              <td safe>{money(ctx, round, p.spent_to_date ?? 0)}</td>
              <td safe>{money(ctx, round, projectCost(p))}</td>
              <td>{last ? <time datetime={last.toISOString()} safe>{formatDate(last, ctx.locale, tz)}</time> : '—'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Every tracked project of a round, neighbourhood by neighbourhood: a chart of progress and its figures. */
export function ImplementationPage({ ctx, round, projects, lastUpdates }: { ctx: ViewContext; round: Round; projects: Project[]; lastUpdates: Map<string, Date> }) {
  return (
    <Layout ctx={ctx} title={ctx.t('budgeting.tracking.page_title')}>
      <p><a href={roundPath(ctx, round)}><Localized ctx={ctx} text={round.title} /></a></p>
      <h1 safe>{ctx.t('budgeting.tracking.page_title')}</h1>
      <p class="lead" safe>{ctx.t('budgeting.tracking.intro')}</p>
      {projects.length === 0 ? <p class="muted" safe>{ctx.t('budgeting.tracking.none')}</p> : ''}
      {byNeighbourhood(ctx, projects).map(([neighbourhood, group]) => (
        <section>
          <h2 safe>{neighbourhood}</h2>
          <HorizontalBarChart
            title={ctx.t('budgeting.tracking.chart_title', { neighbourhood })}
            dir={ctx.dir}
            max={100}
            bars={group.map((p) => ({ label: p.title, value: p.progress ?? 0, display: `${percent(ctx, p.progress ?? 0)} · ${ctx.t(implementationKeys[p.implementation_status!])}` }))}
          />
          <NeighbourhoodTable ctx={ctx} round={round} projects={group} lastUpdates={lastUpdates} />
        </section>
      ))}
    </Layout>
  );
}

/** Photos of the works. */
export function ProjectPhotos({ ctx, photos }: { ctx: ViewContext; photos: ProjectPhoto[] }) {
  return <PhotoGallery label={ctx.t('budgeting.tracking.photos')} photos={photos} />;
}

/** The history of updates, newest first: date in commune time, status, progress, spending, note. */
export function UpdateHistory({ ctx, round, updates }: { ctx: ViewContext; round: Round; updates: PublicUpdate[] }) {
  if (updates.length === 0) return <p class="muted" safe>{ctx.t('budgeting.tracking.no_updates')}</p>;
  return (
    <ol class="timeline" id="implementation-history">
      {updates.map((u) => (
        <li>
          <strong safe>{formatDateTime(u.created_at, ctx.locale, ctx.commune!.time_zone)}</strong> <StatusBadge ctx={ctx} status={u.status} />{' '}
          <span safe>{percent(ctx, u.progress)}</span>
          {u.spent_to_date !== null ? <span safe>{` · ${ctx.t('budgeting.tracking.spent', { amount: money(ctx, round, u.spent_to_date) })}`}</span> : ''}
          {u.note ? <p safe>{u.note}</p> : ''}
        </li>
      ))}
    </ol>
  );
}

export interface ProjectImplementationProps {
  updates: PublicUpdate[];
  photos: ProjectPhoto[];
}

/** On the project page, once tracked: current state, history and photos. */
export function ProjectImplementation({ ctx, round, project, implementation }: { ctx: ViewContext; round: Round; project: Project; implementation: ProjectImplementationProps | undefined }) {
  if (!implementation || !project.implementation_status) return <></>;
  return (
    <section id="implementation">
      <h2 safe>{ctx.t('budgeting.tracking.title')}</h2>
      <p><StatusBadge ctx={ctx} status={project.implementation_status} /></p>
      <p><ProgressBar ctx={ctx} value={project.progress ?? 0} label={ctx.t('budgeting.tracking.progress_of', { project: project.title })} /></p>
      <p safe>{spendingText(ctx, round, project)}</p>
      {project.implementation_note ? <p class="notice" safe>{project.implementation_note}</p> : ''}
      <ProjectPhotos ctx={ctx} photos={implementation.photos} />
      <h3 safe>{ctx.t('budgeting.tracking.history')}</h3>
      <UpdateHistory ctx={ctx} round={round} updates={implementation.updates} />
    </section>
  );
}
