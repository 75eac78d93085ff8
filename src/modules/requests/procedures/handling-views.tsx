import { AnswersList } from '../../../platform/forms/typed-field-views.js';
import type { FormState } from '../../../platform/http/forms.js';
import { formatDate } from '../../../platform/i18n/format.js';
import type { LocalizedText } from '../../../platform/i18n/locales.js';
import { CsrfField, ErrorSummary, Field, Localized } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import type { RequestEvent } from '../db/tables.js';
import { procedureFilePath } from './filing-views.js';
import { StageSteps, StageTimeline, stageName } from './request-views.js';
import { isProcedureStage, nextStages, procedureStages, stageKeys } from './stages.js';
import type { ProcedureField, ProcedureRequest } from './tables.js';

export const queueBase = (ctx: ViewContext) => `/${ctx.commune!.slug}/admin/requests/procedures`;

export interface QueueEntry {
  id: string;
  reference: string;
  stage: string;
  submitted_on: string;
  channel: string;
  procedure_title: LocalizedText;
}

export interface ProcedureQueueProps {
  rows: QueueEntry[];
  procedures: { id: string; title: LocalizedText }[];
  filters: { procedure: string; stage: string };
}

/** The civil-status queue: open requests first, oldest first; filtered by procedure and stage. No personal data here. */
export function ProcedureQueuePage({ ctx, props }: { ctx: ViewContext; props: ProcedureQueueProps }) {
  return (
    <Layout ctx={ctx} title={ctx.t('requests.procedure.queue.title')} area="admin">
      <h1 safe>{ctx.t('requests.procedure.queue.title')}</h1>
      <form method="get" action={queueBase(ctx)} class="filters" id="queue-filters">
        <label for="procedure" safe>{ctx.t('requests.procedure.queue.procedure')}</label>
        <select id="procedure" name="procedure">
          <option value="" safe>{ctx.t('requests.procedure.queue.all')}</option>
          {props.procedures.map((p) => (
            <option value={p.id} selected={props.filters.procedure === p.id}><Localized ctx={ctx} text={p.title} /></option>
          ))}
        </select>
        <label for="stage" safe>{ctx.t('requests.procedure.queue.stage')}</label>
        <select id="stage" name="stage">
          <option value="" safe>{ctx.t('requests.procedure.queue.all')}</option>
          {procedureStages.map((s) => <option value={s} selected={props.filters.stage === s} safe>{ctx.t(stageKeys[s])}</option>)}
        </select>
        <button type="submit" safe>{ctx.t('requests.procedure.queue.filter')}</button>
      </form>
      {props.rows.length === 0 ? (
        <p safe>{ctx.t('requests.procedure.queue.empty')}</p>
      ) : (
        <table id="procedure-queue">
          <thead>
            <tr>
              <th scope="col" safe>{ctx.t('requests.procedure.queue.reference')}</th>
              <th scope="col" safe>{ctx.t('requests.procedure.queue.procedure')}</th>
              <th scope="col" safe>{ctx.t('requests.procedure.queue.stage')}</th>
              <th scope="col" safe>{ctx.t('requests.procedure.queue.submitted')}</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((row) => (
              <tr>
                <td><a href={`${queueBase(ctx)}/${row.id}`} safe>{row.reference}</a></td>
                <td><Localized ctx={ctx} text={row.procedure_title} /></td>
                <td safe>{stageName(ctx, row.stage)}</td>
                <td safe>{formatDate(row.submitted_on, ctx.locale, 'UTC')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

export interface ProcedureHandlingProps {
  request: ProcedureRequest;
  procedureTitle: LocalizedText;
  fields: ProcedureField[];
  events: RequestEvent[];
  form: FormState;
}

/** One form per stage the request may go to next; the form carries the stage it was shown in (stale pages conflict). */
function StageActions({ ctx, props }: { ctx: ViewContext; props: ProcedureHandlingProps }) {
  const { request } = props;
  const next = isProcedureStage(request.stage) ? nextStages[request.stage] : [];
  if (next.length === 0) return <p safe>{ctx.t('requests.procedure.handling.final')}</p>;
  return (
    <section id="stage-actions">
      <h2 safe>{ctx.t('requests.procedure.handling.move')}</h2>
      <ErrorSummary ctx={ctx} form={props.form} labels={{ reason: ctx.t('requests.procedure.handling.reason'), to: ctx.t('requests.procedure.handling.move') }} />
      {next.map((to) => (
        <form method="post" action={`${queueBase(ctx)}/${request.id}/stage`} class="card" id={`move-${to}`}>
          <CsrfField ctx={ctx} />
          <input type="hidden" name="from" value={request.stage} />
          <input type="hidden" name="to" value={to} />
          {to === 'refused' || to === 'missing_information' ? <Field ctx={ctx} form={props.form.values.to === to ? props.form : { values: {}, errors: {} }} name="reason" label={ctx.t(to === 'refused' ? 'requests.procedure.handling.refusal_reason' : 'requests.procedure.handling.missing_what')} multiline required /> : ''}
          <button type="submit" safe>{ctx.t('requests.procedure.handling.move_to', { stage: ctx.t(stageKeys[to]) })}</button>
        </form>
      ))}
    </section>
  );
}

/** The civil-status officer's page: who asked, what they sent, the history and the moves the stage allows. */
export function ProcedureHandlingPage({ ctx, props }: { ctx: ViewContext; props: ProcedureHandlingProps }) {
  const { request } = props;
  return (
    <Layout ctx={ctx} title={request.reference} area="admin">
      <p><a href={queueBase(ctx)} safe>{ctx.t('requests.procedure.queue.title')}</a></p>
      <h1 safe>{request.reference}</h1>
      <p><Localized ctx={ctx} text={props.procedureTitle} /></p>
      <StageSteps ctx={ctx} stage={request.stage} />
      <h2 safe>{ctx.t('requests.procedure.handling.requester')}</h2>
      <dl id="requester">
        <dt safe>{ctx.t('requests.procedure.person_name')}</dt>
        <dd safe>{request.reporter_name ?? '—'}</dd>
        <dt safe>{ctx.t('requests.procedure.person_phone')}</dt>
        <dd safe>{request.reporter_phone ?? '—'}</dd>
        <dt safe>{ctx.t('requests.procedure.handling.channel')}</dt>
        <dd>{request.channel}</dd>
      </dl>
      <h2 safe>{ctx.t('requests.procedure.handling.answers')}</h2>
      <AnswersList ctx={ctx} fields={props.fields} answers={request.answers ?? {}} filePath={procedureFilePath(ctx)} />
      <StageActions ctx={ctx} props={props} />
      <h2 safe>{ctx.t('requests.procedure.history')}</h2>
      <StageTimeline ctx={ctx} events={props.events} />
    </Layout>
  );
}
