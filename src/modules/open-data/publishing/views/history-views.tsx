import { Layout } from '../../../../platform/views/layout.js';
import type { ViewContext } from '../../../../platform/views/view-context.js';
import type { RevisionChange, StaffDatasetRow } from '../../db/tables.js';
import type { RevisionListRow } from '../queries.js';
import { when } from './dataset-views.js';
import { adminDataBase } from './form-views.js';

/** A value as one short line: objects (titles, resources) as compact JSON, cut to stay readable. */
function shortValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

function Change({ ctx, change }: { ctx: ViewContext; change: RevisionChange }) {
  const added = change.before === null || change.before === undefined;
  const removed = change.after === null || change.after === undefined;
  const note = added ? ctx.t('open-data.publishing.history_field_added') : removed ? ctx.t('open-data.publishing.history_field_removed') : '';
  return (
    <li>
      <code safe>{change.field}</code>
      {note ? <em safe>{` (${note})`}</em> : ''}
      {added ? '' : <del safe>{` ${shortValue(change.before)}`}</del>}
      {removed ? '' : <ins safe>{` ${shortValue(change.after)}`}</ins>}
    </li>
  );
}

export function HistoryPage({ ctx, dataset, revisions }: { ctx: ViewContext; dataset: StaffDatasetRow; revisions: RevisionListRow[] }) {
  const title = `${ctx.t('open-data.publishing.history')} · ${dataset.name}`;
  return (
    <Layout ctx={ctx} area="admin" title={title}>
      <p><a href={`${adminDataBase(ctx)}/${dataset.id}`} safe>{dataset.name}</a></p>
      <h1 safe>{title}</h1>
      <table id="revisions">
        <thead>
          <tr>
            <th scope="col" safe>{ctx.t('open-data.publishing.col_revision')}</th>
            <th scope="col" safe>{ctx.t('open-data.publishing.history_when')}</th>
            <th scope="col" safe>{ctx.t('open-data.publishing.history_who')}</th>
            <th scope="col" safe>{ctx.t('open-data.publishing.history_what')}</th>
          </tr>
        </thead>
        <tbody>
          {revisions.map((revision) => (
            <tr>
              <td safe>{String(revision.revision)}</td>
              <td safe>{when(ctx, revision.at)}</td>
              <td safe>{revision.actor_name ?? ctx.t('open-data.publishing.history_unknown_actor')}</td>
              <td>
                {revision.revision === 1 ? <p safe>{ctx.t('open-data.publishing.history_created')}</p> : ''}
                <ul>{revision.changes.map((change) => <Change ctx={ctx} change={change} />)}</ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}
