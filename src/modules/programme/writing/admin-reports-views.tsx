import type { LocalizedText } from '../../../platform/i18n/locales.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import { communeLabel, dayOf, periodLabel } from './parts.js';
import { reportPath, reportsPath } from './paths.js';
import type { LateReport } from './reports.js';
import type { ReportRow } from './tables.js';

export interface AdminReportsProps {
  late: LateReport[];
  toAcknowledge: (ReportRow & { communeId: string; volunteerUserId: string | null })[];
  names: { communes: Map<string, LocalizedText>; people: Map<string, string> };
}

export function AdminReportsPage({ ctx, props }: { ctx: ViewContext; props: AdminReportsProps }) {
  const commune = (id: string) => communeLabel(ctx, props.names.communes.get(id));
  const person = (id: string | null) => (id ? (props.names.people.get(id) ?? '') : '');
  return (
    <Layout ctx={ctx} area="admin" title={ctx.t('programme.writing.report.admin_title')}>
      <h1 safe>{ctx.t('programme.writing.report.admin_title')}</h1>
      <h2 safe>{ctx.t('programme.writing.report.late_title')}</h2>
      <p class="muted" safe>{ctx.t('programme.writing.report.late_rule')}</p>
      {props.late.length === 0 ? <p class="muted" safe>{ctx.t('programme.writing.report.none_late')}</p> : ''}
      <table id="late-reports">
        <thead><tr><th safe>{ctx.t('programme.writing.commune')}</th><th safe>{ctx.t('programme.writing.volunteer')}</th><th safe>{ctx.t('programme.writing.report.period')}</th></tr></thead>
        <tbody>
          {props.late.map((late) => (
            <tr>
              <td><a href={reportsPath(late.deploymentId)} safe>{commune(late.communeId)}</a></td>
              <td dir="auto" safe>{person(late.volunteerUserId)}</td>
              <td safe>{periodLabel(late.period, ctx.locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 safe>{ctx.t('programme.writing.report.to_acknowledge')}</h2>
      {props.toAcknowledge.length === 0 ? <p class="muted" safe>{ctx.t('programme.writing.report.none')}</p> : ''}
      <ul id="reports-to-acknowledge">
        {props.toAcknowledge.map((r) => (
          <li>
            <a href={reportPath(r.deployment_id, r.id)} safe>{`${commune(r.communeId)} — ${periodLabel(r.period, ctx.locale)}`}</a> <span class="muted" dir="auto" safe>{`${person(r.volunteerUserId)} · ${dayOf(ctx, r.submitted_at)}`}</span>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
