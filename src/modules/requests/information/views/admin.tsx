import type { RequestKind } from '../../db/tables.js';
import type { Children } from '@kitajs/html';
import type { FormState } from '../../../../platform/http/forms.js';
import { formatDateTime } from '../../../../platform/i18n/format.js';
import { CsrfField, ErrorSummary, Field } from '../../../../platform/views/components.js';
import { Layout } from '../../../../platform/views/layout.js';
import type { ViewContext } from '../../../../platform/views/view-context.js';
import type { InformationEvent, InformationRequest } from '../../db/information-tables.js';
import { StatusBadge, statusName } from '../../views/status.js';
import { awaitingAnswer } from '../commands.js';
import type { AtiLaw } from '../laws.js';
import type { InformationFacts } from '../queries.js';
import type { InformationStatus } from '../statuses.js';
import { answerFormKeys, day, LawSummary } from './law.js';
import { StatusFilter } from './public.js';

export const adminBase = (ctx: ViewContext) => `/${ctx.commune!.slug}/admin/requests/information`;
const when = (ctx: ViewContext, date: Date) => formatDateTime(date, ctx.locale, ctx.commune!.time_zone);
export const documentSlots = [1, 2, 3] as const;

export interface QueueRow {
  id: string;
  reference: string;
  kind: RequestKind;
  subject: string | null;
  status: string;
  is_open: boolean;
  answered_at: Date | null;
  submitted_on: string;
  due_on: string | null;
}

export function QueuePage({ ctx, rows, status, today }: { ctx: ViewContext; rows: QueueRow[]; status: string | undefined; today: string }) {
  return (
    <Layout ctx={ctx} area="admin" title={ctx.t('requests.information.admin.queue')}>
      <h1 safe>{ctx.t('requests.information.admin.queue')}</h1>
      <p><a href={`/${ctx.commune!.slug}/admin/requests/closures`} safe>{ctx.t('requests.information.closures.title')}</a></p>
      <StatusFilter ctx={ctx} action={adminBase(ctx)} status={status} />
      {rows.length === 0 ? <p class="muted" safe>{ctx.t('requests.information.list.none')}</p> : (
        <table id="ati-queue">
          <thead>
            <tr>
              <th scope="col" safe>{ctx.t('requests.follow.reference')}</th>
              <th scope="col" safe>{ctx.t('requests.information.field.subject')}</th>
              <th scope="col" safe>{ctx.t('requests.field.status')}</th>
              <th scope="col" safe>{ctx.t('requests.field.due_on')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td><a href={`${adminBase(ctx)}/${r.id}`} safe>{r.reference}</a></td>
                <td safe>{r.subject ?? ''}</td>
                <td><StatusBadge ctx={ctx} request={r} states={[]} today={today} /></td>
                <td safe>{r.due_on ? day(ctx, r.due_on) : r.is_open ? ctx.t('requests.information.list.clock_stopped') : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

export interface HandleProps {
  request: InformationRequest;
  events: InformationEvent[];
  facts: InformationFacts;
  reporterHasAccount: boolean;
  today: string;
  form: FormState;
  maxUploadMegabytes: number;
}

/** A form for one action; the page's status travels with it, so acting on a stale page is refused. */
function ActionForm({ ctx, props, action, title, multipart, children }: { ctx: ViewContext; props: HandleProps; action: string; title: string; multipart?: boolean; children?: Children }) {
  const url = `${adminBase(ctx)}/${props.request.id}/${action}`;
  return (
    <form method="post" action={multipart ? `${url}?_csrf=${encodeURIComponent(ctx.csrfToken)}` : url} enctype={multipart ? 'multipart/form-data' : undefined} class="card" id={`action-${action}`}>
      <h3 safe>{title}</h3>
      <CsrfField ctx={ctx} />
      <input type="hidden" name="expected" value={props.request.status} />
      {children}
      <button type="submit" safe>{title}</button>
    </form>
  );
}

/** The form state of one action: its own values and errors, empty for the others. */
const formFor = (props: HandleProps, action: string): FormState => (props.form.values._action === action ? props.form : { values: {}, errors: {} });

function ExtendForm({ ctx, props, law }: { ctx: ViewContext; props: HandleProps; law: AtiLaw }) {
  const form = formFor(props, 'extend');
  return (
    <ActionForm ctx={ctx} props={props} action="extend" title={ctx.t('requests.information.action.extend')}>
      <p class="field-hint" safe>{ctx.t('requests.information.action.extend_hint', { days: String(law.extensionWorkingDays), citation: law.extensionCitation ?? '' })}</p>
      <Field ctx={ctx} form={{ ...form, values: { days: String(law.extensionWorkingDays), ...form.values } }} name="days" type="number" label={ctx.t('requests.information.action.extend_days')} required />
      <Field ctx={ctx} form={form} name="reason" label={ctx.t('requests.information.action.reason')} multiline required />
    </ActionForm>
  );
}

function AnswerForm({ ctx, props }: { ctx: ViewContext; props: HandleProps }) {
  const form = formFor(props, 'answer');
  return (
    <ActionForm ctx={ctx} props={props} action="answer" title={ctx.t('requests.information.action.answer')} multipart>
      <fieldset>
        <legend safe>{ctx.t('requests.information.action.answer_scope')}</legend>
        <label class="choice"><input type="radio" name="scope" value="full" checked={form.values.scope !== 'part'} /><span safe>{ctx.t('requests.ati.status.answered_full')}</span></label>
        <label class="choice"><input type="radio" name="scope" value="part" checked={form.values.scope === 'part'} /><span safe>{ctx.t('requests.ati.status.answered_part')}</span></label>
      </fieldset>
      <Field ctx={ctx} form={form} name="message" label={ctx.t('requests.information.action.message')} hint={ctx.t('requests.information.action.public_hint')} multiline required />
      <label class="choice">
        <input type="checkbox" name="withheld" value="on" checked={form.values.withheld === 'on'} />
        <span safe>{ctx.t('requests.information.redact.withheld')}</span>
      </label>
      <p class="field-hint" safe>{ctx.t('requests.information.action.documents_hint', { size: String(props.maxUploadMegabytes) })}</p>
      {documentSlots.map((slot) => (
        <div class="field">
          <label for={`document_${slot}`} safe>{ctx.t('requests.information.action.document', { n: String(slot) })}</label>
          {form.errors[`document_${slot}`] ? <p class="field-error" safe>{ctx.t(form.errors[`document_${slot}`]!)}</p> : ''}
          <input type="file" id={`document_${slot}`} name={`document_${slot}`} accept="application/pdf,image/jpeg,image/png,image/webp" />
        </div>
      ))}
    </ActionForm>
  );
}

function RefuseForm({ ctx, props, law }: { ctx: ViewContext; props: HandleProps; law: AtiLaw }) {
  const form = formFor(props, 'refuse');
  return (
    <ActionForm ctx={ctx} props={props} action="refuse" title={ctx.t('requests.information.action.refuse')}>
      <fieldset id="ground">
        <legend safe>{ctx.t('requests.information.action.ground')}</legend>
        {form.errors.ground ? <p class="field-error" safe>{ctx.t(form.errors.ground)}</p> : ''}
        {law.refusalGrounds.map((g) => (
          <label class="choice">
            <input type="radio" name="ground" value={g.code} checked={form.values.ground === g.code} required />
            <span safe>{ctx.t(g.labelKey)}</span> <small class="muted" safe>{`(${g.citation})`}</small>
          </label>
        ))}
      </fieldset>
      <Field ctx={ctx} form={form} name="explanation" label={ctx.t('requests.information.action.explanation')} hint={ctx.t('requests.information.action.public_hint')} multiline required />
    </ActionForm>
  );
}

function Actions({ ctx, props }: { ctx: ViewContext; props: HandleProps }) {
  const status = props.request.status as InformationStatus;
  const { law } = props.facts;
  const open = awaitingAnswer.includes(status);
  const overdue = props.request.is_open && !!props.request.due_on && props.request.due_on < props.today;
  return (
    <section id="ati-actions">
      <h2 safe>{ctx.t('requests.information.admin.actions')}</h2>
      {status === 'submitted' ? <ActionForm ctx={ctx} props={props} action="acknowledge" title={ctx.t('requests.information.action.acknowledge')} /> : ''}
      {['submitted', 'acknowledged', 'extended'].includes(status) ? (
        <ActionForm ctx={ctx} props={props} action="clarify" title={ctx.t('requests.information.action.clarify')}>
          <p class="field-hint" safe>{ctx.t('requests.information.action.clarify_hint')}</p>
          <Field ctx={ctx} form={formFor(props, 'clarify')} name="message" label={ctx.t('requests.information.action.message')} multiline required />
        </ActionForm>
      ) : ''}
      {status === 'clarification' ? <ActionForm ctx={ctx} props={props} action="resume" title={ctx.t('requests.information.action.resume')} /> : ''}
      {['submitted', 'acknowledged'].includes(status) && law.extensionWorkingDays > 0 && props.request.extension_days === null ? <ExtendForm ctx={ctx} props={props} law={law} /> : ''}
      {open || status === 'appealed' ? <AnswerForm ctx={ctx} props={props} /> : ''}
      {open ? <RefuseForm ctx={ctx} props={props} law={law} /> : ''}
      {['answered_full', 'answered_part', 'refused'].includes(status) || (open && overdue) ? (
        <ActionForm ctx={ctx} props={props} action="appeal" title={ctx.t('requests.information.action.appeal')}>
          <p class="field-hint" safe>{ctx.t('requests.information.appeal.body', { body: ctx.t(law.appealBodyKey) })}</p>
        </ActionForm>
      ) : ''}
    </section>
  );
}

/** Per entry: the original, what the public reads, and the form that sets the public version. */
function EventRedaction({ ctx, props, event }: { ctx: ViewContext; props: HandleProps; event: InformationEvent }) {
  const url = `${adminBase(ctx)}/${props.request.id}/redact?_csrf=${encodeURIComponent(ctx.csrfToken)}`;
  const publicFile = event.public_file_id ?? (event.file_withheld ? null : event.file_id);
  const form = props.form.values._action === 'redact' && props.form.values.event === event.id ? props.form : { values: { public_body: event.public_body ?? '', withheld: event.file_withheld ? 'on' : '' }, errors: {} };
  return (
    <li id={`event-${event.id}`}>
      <p>
        <time datetime={event.created_at.toISOString()} safe>{when(ctx, event.created_at)}</time>{' '}
        <strong safe>{event.status ? statusName(ctx, 'information', event.status, []) : ctx.t('requests.timeline.message')}</strong>
        {!event.is_public ? <span class="badge badge-muted" safe>{` ${ctx.t('requests.timeline.internal')}`}</span> : ''}
      </p>
      {event.body ? <p class="message" safe>{event.body}</p> : ''}
      {event.file_id ? <p><a href={`/files/${event.file_id}`} safe>{ctx.t('requests.information.redact.original_document')}</a></p> : ''}
      {event.public_body ? <p><em safe>{ctx.t('requests.information.redact.public_text')}</em></p> : ''}
      {event.public_body ? <p class="message" safe>{event.public_body}</p> : ''}
      {event.file_id ? <p safe>{publicFile ? ctx.t('requests.information.redact.public_document_yes') : ctx.t('requests.information.redact.public_document_no')}</p> : ''}
      {event.public_file_id ? <p><a href={`/files/${event.public_file_id}`} safe>{ctx.t('requests.information.redact.redacted_document')}</a></p> : ''}
      {event.is_public && (event.body || event.file_id) ? (
        <details open={props.form.values.event === event.id}>
          <summary safe>{ctx.t('requests.information.redact.title')}</summary>
          <form method="post" action={url} enctype="multipart/form-data">
            <CsrfField ctx={ctx} />
            <input type="hidden" name="event" value={event.id} />
            {event.body ? <Field ctx={ctx} form={form} name="public_body" label={ctx.t('requests.information.redact.public_text')} hint={ctx.t('requests.information.redact.public_text_hint')} multiline /> : ''}
            {event.file_id ? (
              <>
                <label class="choice">
                  <input type="checkbox" name="withheld" value="on" checked={form.values.withheld === 'on'} />
                  <span safe>{ctx.t('requests.information.redact.withheld')}</span>
                </label>
                <div class="field">
                  <label for={`redacted-${event.id}`} safe>{ctx.t('requests.information.redact.redacted_document')}</label>
                  {form.errors.redacted_file ? <p class="field-error" safe>{ctx.t(form.errors.redacted_file)}</p> : ''}
                  <input type="file" id={`redacted-${event.id}`} name="redacted_file" accept="application/pdf,image/jpeg,image/png,image/webp" />
                </div>
              </>
            ) : ''}
            <button type="submit" safe>{ctx.t('requests.information.redact.save')}</button>
          </form>
        </details>
      ) : ''}
    </li>
  );
}

function Requester({ ctx, request, hasAccount }: { ctx: ViewContext; request: InformationRequest; hasAccount: boolean }) {
  return (
    <section class="card" id="requester">
      <h2 safe>{ctx.t('requests.information.admin.requester')}</h2>
      <p class="field-hint" safe>{ctx.t('requests.information.admin.requester_private')}</p>
      <dl class="facts">
        {request.reporter_name ? <><dt safe>{ctx.t('requests.information.field.name')}</dt><dd safe>{request.reporter_name}</dd></> : ''}
        {request.reporter_phone ?? request.reporter_email ? <><dt safe>{ctx.t('requests.information.field.contact')}</dt><dd safe>{request.reporter_phone ?? request.reporter_email ?? ''}</dd></> : ''}
        {hasAccount ? <><dt safe>{ctx.t('requests.information.admin.account')}</dt><dd safe>{ctx.t('requests.information.admin.has_account')}</dd></> : ''}
        {request.answer_form ? <><dt safe>{ctx.t('requests.information.field.answer_form')}</dt><dd safe>{ctx.t(answerFormKeys[request.answer_form])}</dd></> : ''}
      </dl>
    </section>
  );
}

function DescriptionRedaction({ ctx, props }: { ctx: ViewContext; props: HandleProps }) {
  const { request } = props;
  const form = props.form.values._action === 'redact-description' ? props.form : { values: { public_description: request.public_description ?? '' }, errors: {} };
  return (
    <details>
      <summary safe>{ctx.t('requests.information.redact.title')}</summary>
      <form method="post" action={`${adminBase(ctx)}/${request.id}/redact-description`}>
        <CsrfField ctx={ctx} />
        <Field ctx={ctx} form={form} name="public_description" label={ctx.t('requests.information.redact.public_text')} hint={ctx.t('requests.information.redact.public_text_hint')} multiline />
        <button type="submit" safe>{ctx.t('requests.information.redact.save')}</button>
      </form>
    </details>
  );
}

export function HandlePage({ ctx, props }: { ctx: ViewContext; props: HandleProps }) {
  const { request, facts } = props;
  const labels = { message: ctx.t('requests.information.action.message'), reason: ctx.t('requests.information.action.reason'), days: ctx.t('requests.information.action.extend_days'), ground: ctx.t('requests.information.action.ground'), explanation: ctx.t('requests.information.action.explanation'), public_body: ctx.t('requests.information.redact.public_text') };
  return (
    <Layout ctx={ctx} area="admin" title={request.reference}>
      <p><a href={adminBase(ctx)} safe>{ctx.t('requests.information.admin.queue')}</a></p>
      <h1 safe>{`${request.reference} — ${request.subject ?? ''}`}</h1>
      <p>
        <StatusBadge ctx={ctx} request={request} states={[]} today={props.today} />{' '}
        <a href={`/${ctx.commune!.slug}/requests/${request.reference}`} safe>{ctx.t('requests.information.admin.public_page')}</a>
      </p>
      <ErrorSummary ctx={ctx} form={props.form} labels={labels} />
      <dl class="facts" id="ati-facts">
        <dt safe>{ctx.t('requests.field.submitted_on')}</dt>
        <dd safe>{day(ctx, request.submitted_on)}</dd>
        <dt safe>{ctx.t('requests.field.due_on')}</dt>
        <dd safe>{facts.pausedSince ? ctx.t('requests.information.clock_stopped', { date: day(ctx, facts.pausedSince) }) : request.due_on ? day(ctx, request.due_on) : '—'}</dd>
      </dl>
      <Requester ctx={ctx} request={request} hasAccount={props.reporterHasAccount} />
      <h2 safe>{ctx.t('requests.information.field.description')}</h2>
      <p class="message" safe>{request.description}</p>
      {request.public_description ? <p><em safe>{ctx.t('requests.information.redact.public_text')}</em></p> : ''}
      {request.public_description ? <p class="message" safe>{request.public_description}</p> : ''}
      <DescriptionRedaction ctx={ctx} props={props} />
      <Actions ctx={ctx} props={props} />
      <h2 safe>{ctx.t('requests.timeline.title')}</h2>
      <ol class="timeline" id="timeline">{props.events.map((event) => <EventRedaction ctx={ctx} props={props} event={event} />)}</ol>
      <LawSummary ctx={ctx} law={facts.law} />
    </Layout>
  );
}

export interface ClosureRow {
  id: string;
  starts_on: string;
  ends_on: string;
  reason: string;
}

export function ClosuresPage({ ctx, closures, form }: { ctx: ViewContext; closures: ClosureRow[]; form: FormState }) {
  const base = `/${ctx.commune!.slug}/admin/requests/closures`;
  const labels = { starts_on: ctx.t('requests.information.closures.starts_on'), ends_on: ctx.t('requests.information.closures.ends_on'), reason: ctx.t('requests.information.closures.reason') };
  return (
    <Layout ctx={ctx} area="admin" title={ctx.t('requests.information.closures.title')}>
      <h1 safe>{ctx.t('requests.information.closures.title')}</h1>
      <p class="lead" safe>{ctx.t('requests.information.closures.intro')}</p>
      {closures.length === 0 ? <p class="muted" safe>{ctx.t('requests.information.closures.none')}</p> : (
        <table id="closures">
          <thead>
            <tr>
              <th scope="col" safe>{labels.starts_on}</th>
              <th scope="col" safe>{labels.ends_on}</th>
              <th scope="col" safe>{labels.reason}</th>
              <th scope="col"><span class="visually-hidden" safe>{ctx.t('requests.information.closures.delete')}</span></th>
            </tr>
          </thead>
          <tbody>
            {closures.map((c) => (
              <tr>
                <td safe>{day(ctx, c.starts_on)}</td>
                <td safe>{day(ctx, c.ends_on)}</td>
                <td safe>{c.reason}</td>
                <td>
                  <form method="post" action={`${base}/${c.id}/delete`}>
                    <CsrfField ctx={ctx} />
                    <button type="submit" safe>{ctx.t('requests.information.closures.delete')}</button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2 safe>{ctx.t('requests.information.closures.add')}</h2>
      <ErrorSummary ctx={ctx} form={form} labels={labels} />
      <form method="post" action={base} id="closure-form">
        <CsrfField ctx={ctx} />
        <Field ctx={ctx} form={form} name="starts_on" type="date" label={labels.starts_on} required />
        <Field ctx={ctx} form={form} name="ends_on" type="date" label={labels.ends_on} required />
        <Field ctx={ctx} form={form} name="reason" label={labels.reason} required />
        <p class="field-hint" safe>{ctx.t('requests.information.closures.recompute_hint')}</p>
        <button type="submit" safe>{ctx.t('requests.information.closures.add')}</button>
      </form>
    </Layout>
  );
}
