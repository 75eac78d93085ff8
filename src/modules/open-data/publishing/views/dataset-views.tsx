import type { FormState } from '../../../../platform/http/forms.js';
import { formatDateTime, formatNumber } from '../../../../platform/i18n/format.js';
import { CsrfField, Localized } from '../../../../platform/views/components.js';
import { Layout } from '../../../../platform/views/layout.js';
import type { ViewContext } from '../../../../platform/views/view-context.js';
import type { StaffDatasetRow, StaffResourceRow } from '../../db/tables.js';
import type { DatasetListRow } from '../queries.js';
import { adminDataBase } from './form-views.js';
import { stateActions, stateLabelKeys } from './labels.js';
import { ResourceForms, ResourceList } from './resource-views.js';

export const when = (ctx: ViewContext, date: Date) => formatDateTime(date, ctx.locale, ctx.commune!.time_zone);

export function DatasetListPage({ ctx, rows }: { ctx: ViewContext; rows: DatasetListRow[] }) {
  return (
    <Layout ctx={ctx} area="admin" title={ctx.t('open-data.publishing.title')}>
      <h1 safe>{ctx.t('open-data.publishing.title')}</h1>
      <p safe>{ctx.t('open-data.publishing.intro')}</p>
      <p><a class="button" href={`${adminDataBase(ctx)}/new`} safe>{ctx.t('open-data.publishing.new')}</a></p>
      {rows.length === 0 ? <p class="muted" safe>{ctx.t('open-data.publishing.none')}</p> : (
        <table id="datasets">
          <thead>
            <tr>
              <th scope="col" safe>{ctx.t('open-data.publishing.col_title')}</th>
              <th scope="col" safe>{ctx.t('open-data.publishing.col_state')}</th>
              <th scope="col" safe>{ctx.t('open-data.publishing.col_revision')}</th>
              <th scope="col" safe>{ctx.t('open-data.publishing.col_modified')}</th>
              <th scope="col" safe>{ctx.t('open-data.publishing.col_resources')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr>
                <td><a href={`${adminDataBase(ctx)}/${row.id}`}><Localized ctx={ctx} text={row.title} /></a></td>
                <td safe>{ctx.t(stateLabelKeys[row.state])}</td>
                <td safe>{formatNumber(row.revision, ctx.locale)}</td>
                <td safe>{when(ctx, row.modified_at)}</td>
                <td safe>{formatNumber(row.resource_count, ctx.locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

function StateActions({ ctx, dataset }: { ctx: ViewContext; dataset: StaffDatasetRow }) {
  return (
    <div class="actions" id="state-actions">
      {stateActions[dataset.state].map((action) => (
        <form method="post" action={`${adminDataBase(ctx)}/${dataset.id}/state`} class="inline">
          <CsrfField ctx={ctx} />
          <input type="hidden" name="state" value={action.to} />
          <button type="submit" safe>{ctx.t(action.labelKey)}</button>
        </form>
      ))}
    </div>
  );
}

export interface DatasetPageProps {
  dataset: StaffDatasetRow;
  resources: StaffResourceRow[];
  /** The resource forms after a refused submission. */
  resourceForm: FormState & { kind?: 'file' | 'link' };
  maxUploadMegabytes: number;
  scriptHref: string;
}

export function DatasetPage({ ctx, props }: { ctx: ViewContext; props: DatasetPageProps }) {
  const { dataset } = props;
  const base = `${adminDataBase(ctx)}/${dataset.id}`;
  return (
    <Layout ctx={ctx} area="admin" title={dataset.name} head={<script src={props.scriptHref} defer></script>}>
      <p><a href={adminDataBase(ctx)} safe>{ctx.t('open-data.publishing.back')}</a></p>
      <h1><Localized ctx={ctx} text={dataset.title} /></h1>
      <dl>
        <dt safe>{ctx.t('open-data.publishing.field_name')}</dt>
        <dd><code safe>{dataset.name}</code></dd>
        <dt safe>{ctx.t('open-data.publishing.col_state')}</dt>
        <dd id="dataset-state" safe>{ctx.t(stateLabelKeys[dataset.state])}</dd>
        <dt safe>{ctx.t('open-data.publishing.col_revision')}</dt>
        <dd safe>{`${formatNumber(dataset.revision, ctx.locale)} · ${when(ctx, dataset.modified_at)}`}</dd>
      </dl>
      <Localized ctx={ctx} text={dataset.description} as="p" />
      <p>
        <a href={`${base}/edit`} safe>{ctx.t('open-data.publishing.edit')}</a>
        {' · '}
        <a href={`${base}/history`} safe>{ctx.t('open-data.publishing.history')}</a>
        {dataset.state === 'published' ? (
          <>
            {' · '}
            <a href={`/${ctx.commune!.slug}/data/${dataset.name}`} safe>{ctx.t('open-data.publishing.public_page')}</a>
          </>
        ) : ''}
      </p>
      <StateActions ctx={ctx} dataset={dataset} />
      <h2 safe>{ctx.t('open-data.publishing.resources')}</h2>
      <ResourceList ctx={ctx} dataset={dataset} resources={props.resources} />
      <ResourceForms ctx={ctx} dataset={dataset} form={props.resourceForm} maxUploadMegabytes={props.maxUploadMegabytes} />
    </Layout>
  );
}
