import type { LocalizedText } from '../../../platform/i18n/locales.js';
import { Notice } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import type { DeploymentRow } from '../db/tables.js';
import type { TeamStanding } from '../permissions.js';
import { communeLabel, dayOf, periodLabel, postStatusKeys, reportStatusKeys, StatusBadge, Written } from './parts.js';
import { adminLessonsPath, adminPostsPath, adminReportsPath, blogPath, lessonsPath, postPath, postsPath, reportPath, reportsPath } from './paths.js';
import type { PostRow, ReportRow } from './tables.js';

export interface DeskDeployment {
  deployment: DeploymentRow;
  communeName: LocalizedText;
  reports: ReportRow[];
  posts: PostRow[];
}

function DeploymentDesk({ ctx, desk }: { ctx: ViewContext; desk: DeskDeployment }) {
  const id = desk.deployment.id;
  return (
    <section class="card" id={`deployment-${id}`}>
      <h2 safe>{communeLabel(ctx, desk.communeName)}</h2>
      <p class="muted" safe>{ctx.t('programme.writing.desk.dates', { from: dayOf(ctx, new Date(desk.deployment.starts_on)), to: dayOf(ctx, new Date(desk.deployment.ends_on)) })}</p>
      <p class="actions">
        <a class="btn" href={`${reportsPath(id)}/new`} safe>{ctx.t('programme.writing.report.new')}</a>{' '}
        <a class="btn" href={`${postsPath(id)}/new`} safe>{ctx.t('programme.writing.post.new')}</a>{' '}
        <a class="btn btn-secondary" href={lessonsPath(id)} safe>{ctx.t('programme.writing.lesson.title')}</a>
      </p>
      <h3><a href={reportsPath(id)} safe>{ctx.t('programme.writing.desk.reports')}</a></h3>
      {desk.reports.length === 0 ? <p class="muted" safe>{ctx.t('programme.writing.report.none')}</p> : ''}
      <ul class="desk-reports">
        {desk.reports.map((r) => <li><a href={reportPath(id, r.id)} safe>{periodLabel(r.period, ctx.locale)}</a> <StatusBadge ctx={ctx} status={r.status} keys={reportStatusKeys} /></li>)}
      </ul>
      <h3 safe>{ctx.t('programme.writing.desk.posts')}</h3>
      {desk.posts.length === 0 ? <p class="muted" safe>{ctx.t('programme.writing.desk.no_posts')}</p> : ''}
      <ul class="desk-posts">
        {desk.posts.map((p) => <li><a href={postPath(id, p.id)}><Written text={p.title} lang={p.language} /></a> <StatusBadge ctx={ctx} status={p.status} keys={postStatusKeys} /></li>)}
      </ul>
    </section>
  );
}

export function DeskPage({ ctx, desks, standing }: { ctx: ViewContext; desks: DeskDeployment[]; standing: TeamStanding }) {
  return (
    <Layout ctx={ctx} title={ctx.t('programme.writing.desk.title')}>
      <h1 safe>{ctx.t('programme.writing.desk.title')}</h1>
      {desks.length === 0 ? (
        <Notice><p id="desk-explanation" safe>{ctx.t('programme.writing.desk.not_volunteer')}</p></Notice>
      ) : (
        <p class="lead" safe>{ctx.t('programme.writing.desk.intro')}</p>
      )}
      {desks.map((desk) => <DeploymentDesk ctx={ctx} desk={desk} />)}
      {standing.operator ? (
        <ul id="operator-links">
          <li><a href={adminReportsPath} safe>{ctx.t('programme.writing.report.admin_title')}</a></li>
          <li><a href={adminPostsPath} safe>{ctx.t('programme.writing.post.admin_title')}</a></li>
          <li><a href={adminLessonsPath} safe>{ctx.t('programme.writing.lesson.admin_title')}</a></li>
        </ul>
      ) : (
        ''
      )}
      <p><a href={blogPath} safe>{ctx.t('programme.writing.blog.title')}</a></p>
    </Layout>
  );
}
