import { AnswersList } from '../../../platform/forms/typed-field-views.js';
import type { FormState } from '../../../platform/http/forms.js';
import { formatDateTime } from '../../../platform/i18n/format.js';
import type { LocalizedText } from '../../../platform/i18n/locales.js';
import { CsrfField, Field, Localized } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import type { RequestEvent } from '../db/tables.js';
import { procedureFilePath } from './filing-views.js';
import { isProcedureStage, procedureStages, stageKeys } from './stages.js';
import type { ProcedureField, ProcedureRequest } from './tables.js';

export const stageName = (ctx: ViewContext, stage: string | null) => (stage && isProcedureStage(stage) ? ctx.t(stageKeys[stage]) : (stage ?? ''));

/** The fixed stages as steps, the current one marked: where the request stands at a glance. */
export function StageSteps({ ctx, stage }: { ctx: ViewContext; stage: string }) {
  const shown = procedureStages.filter((s) => s !== 'missing_information' || stage === 'missing_information').filter((s) => (stage === 'refused' ? s !== 'ready' && s !== 'collected' : s !== 'refused'));
  return (
    <ol class="stage-steps" id="stage-steps">
      {shown.map((s) => (
        <li aria-current={s === stage ? 'step' : undefined} class={s === stage ? 'current' : undefined} safe>{ctx.t(stageKeys[s])}</li>
      ))}
    </ol>
  );
}

function EventLine({ ctx, event }: { ctx: ViewContext; event: RequestEvent }) {
  const what = event.kind === 'submitted' ? ctx.t('requests.timeline.submitted') : event.kind === 'status' ? stageName(ctx, event.status) : ctx.t('requests.timeline.message');
  const who = ctx.t(event.author === 'citizen' ? 'requests.timeline.by_citizen' : event.author === 'commune' ? 'requests.timeline.by_commune' : 'requests.timeline.by_system');
  return (
    <li>
      <time datetime={event.created_at.toISOString()} safe>{formatDateTime(event.created_at, ctx.locale, ctx.commune!.time_zone)}</time> — <strong safe>{what}</strong> <small class="muted" safe>{`(${who})`}</small>
      {event.reason ? <p class="answer-text" safe>{event.reason}</p> : ''}
      {event.body ? <p class="answer-text" safe>{event.body}</p> : ''}
    </li>
  );
}

export function StageTimeline({ ctx, events }: { ctx: ViewContext; events: RequestEvent[] }) {
  return (
    <ol class="timeline" id="timeline">
      {events.map((event) => <EventLine ctx={ctx} event={event} />)}
    </ol>
  );
}

export interface ProcedureRequestPageProps {
  request: ProcedureRequest;
  procedureTitle: LocalizedText;
  fields: ProcedureField[];
  events: RequestEvent[];
  accessCode: string | null;
  replyForm: FormState;
}

/** The requester's page: where the request stands, its history, what they sent, and a reply while it is open. */
export function ProcedureRequestPage({ ctx, props }: { ctx: ViewContext; props: ProcedureRequestPageProps }) {
  const { request } = props;
  const base = `/${ctx.commune!.slug}/requests/${request.reference}`;
  return (
    <Layout ctx={ctx} title={request.reference}>
      <h1 safe>{request.reference}</h1>
      <p><Localized ctx={ctx} text={props.procedureTitle} /></p>
      <p id="current-stage"><span safe>{ctx.t('requests.procedure.current_stage')}</span> <strong safe>{stageName(ctx, request.stage)}</strong></p>
      <StageSteps ctx={ctx} stage={request.stage} />
      <h2 safe>{ctx.t('requests.procedure.history')}</h2>
      <StageTimeline ctx={ctx} events={props.events} />
      <h2 safe>{ctx.t('requests.procedure.your_answers')}</h2>
      <AnswersList ctx={ctx} fields={props.fields} answers={request.answers ?? {}} filePath={procedureFilePath(ctx, props.accessCode)} />
      {request.is_open ? (
        <section id="reporter-actions">
          <h2 safe>{ctx.t(request.stage === 'missing_information' ? 'requests.procedure.send_missing' : 'requests.reply.title')}</h2>
          <form method="post" action={`${base}/reply`}>
            <CsrfField ctx={ctx} />
            {props.accessCode ? <input type="hidden" name="code" value={props.accessCode} /> : ''}
            <Field ctx={ctx} form={props.replyForm} name="body" label={ctx.t('requests.reply.body')} multiline required />
            <button type="submit" safe>{ctx.t('requests.reply.submit')}</button>
          </form>
        </section>
      ) : (
        ''
      )}
    </Layout>
  );
}
