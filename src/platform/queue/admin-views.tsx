import { formatDateTime, formatNumber } from '../i18n/format.js';
import { CsrfField } from '../views/components.js';
import { Layout } from '../views/layout.js';
import type { ViewContext } from '../views/view-context.js';
import type { QueueCounts } from './job-queue.js';

/** A dead letter as administrators see it: masked, summarised data only. */
export interface DeadLetterRow {
  id: string;
  name: string;
  summary: Record<string, string>;
  attempts: number;
  lastError: string;
  createdAt: Date;
  failedAt: Date;
}

function CountList({ ctx, counts }: { ctx: ViewContext; counts: QueueCounts }) {
  const shown: [keyof QueueCounts, string][] = [
    ['queued', ctx.t('administration.queue.count_queued')],
    ['active', ctx.t('administration.queue.count_active')],
    ['failed', ctx.t('administration.queue.count_failed')],
  ];
  return (
    <dl class="facts">
      {shown.map(([state, label]) => (
        <div>
          <dt safe>{label}</dt>
          <dd safe>{formatNumber(counts[state], ctx.locale)}</dd>
        </div>
      ))}
    </dl>
  );
}

function Summary({ summary }: { summary: Record<string, string> }) {
  const entries = Object.entries(summary);
  if (entries.length === 0) return <span>—</span>;
  return (
    <ul dir="ltr">
      {entries.map(([key, value]) => (
        <li safe>{`${key}: ${value}`}</li>
      ))}
    </ul>
  );
}

function DeadLetterTable({ ctx, rows }: { ctx: ViewContext; rows: DeadLetterRow[] }) {
  return (
    <div class="table-wrap" tabindex="0">
      <table class="data">
        <caption class="visually-hidden" safe>{ctx.t('administration.queue.dead_letters')}</caption>
        <thead>
          <tr>
            <th scope="col" safe>{ctx.t('administration.queue.job')}</th>
            <th scope="col" safe>{ctx.t('administration.queue.data')}</th>
            <th scope="col" safe>{ctx.t('administration.queue.attempts')}</th>
            <th scope="col" safe>{ctx.t('administration.queue.last_error')}</th>
            <th scope="col" safe>{ctx.t('administration.queue.dates')}</th>
            <th scope="col"><span class="visually-hidden" safe>{ctx.t('administration.queue.retry')}</span></th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr>
              <td dir="ltr" safe>{row.name}</td>
              <td><Summary summary={row.summary} /></td>
              <td safe>{formatNumber(row.attempts, ctx.locale)}</td>
              <td dir="ltr" safe>{row.lastError}</td>
              <td>
                <span safe>{ctx.t('administration.queue.created_at', { date: formatDateTime(row.createdAt, ctx.locale) })}</span>
                <br />
                <span safe>{ctx.t('administration.queue.failed_at', { date: formatDateTime(row.failedAt, ctx.locale) })}</span>
              </td>
              <td>
                <form method="post" action={`/admin/queue/${row.id}/retry`}>
                  <CsrfField ctx={ctx} />
                  <button type="submit" class="btn btn-secondary" safe>{ctx.t('administration.queue.retry')}</button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function QueuePage({ ctx, counts, rows }: { ctx: ViewContext; counts: QueueCounts; rows: DeadLetterRow[] }) {
  return (
    <Layout ctx={ctx} title={ctx.t('administration.queue.title')} area="admin">
      <h1 safe>{ctx.t('administration.queue.title')}</h1>
      <p class="lead" safe>{ctx.t('administration.queue.intro')}</p>
      <CountList ctx={ctx} counts={counts} />
      <h2 safe>{ctx.t('administration.queue.dead_letters')}</h2>
      {rows.length === 0 ? <p class="notice" safe>{ctx.t('administration.queue.none')}</p> : <DeadLetterTable ctx={ctx} rows={rows} />}
    </Layout>
  );
}
