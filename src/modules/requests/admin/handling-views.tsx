import type { FormState } from '../../../platform/http/forms.js';
import { formatDate, formatDateTime, formatNumber, isoDate } from '../../../platform/i18n/format.js';
import { pickLocalized } from '../../../platform/i18n/locales.js';
import { HorizontalBarChart } from '../../../platform/views/charts.js';
import { CsrfField, ErrorSummary, Field, Localized, Notice, SelectField } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import type { Category, Request, RequestEvent, Service, State } from '../db/tables.js';
import { dashboardPeriodDays, personLabel, type QueueRow, type ServiceFigures, type StaffMember } from '../queries/queue-queries.js';
import { StatusBadge, statusName } from '../views/status.js';

export const handlingBase = (ctx: ViewContext) => `/${ctx.commune!.slug}/admin/requests`;
const day = (ctx: ViewContext, date: string) => formatDate(date, ctx.locale, 'UTC');
const when = (ctx: ViewContext, date: Date) => formatDateTime(date, ctx.locale, ctx.commune!.time_zone);
const localized = (ctx: ViewContext, text: Service['name'] | undefined) => pickLocalized(text, ctx.locale)?.value ?? '';
/** Whole calendar days between two ISO dates. */
/** The due date, or a dash when there is none. */
const dueText = (ctx: ViewContext, due: string | null) => (due ? day(ctx, due) : '—');
const daysBetween = (from: string, to: string) => Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000));

export interface QueueProps {
  rows: QueueRow[];
  hasMore: boolean;
  page: number;
  filters: Record<string, string>;
  services: Service[];
  categories: Category[];
  states: State[];
  neighbourhoods: string[];
  today: string;
}

function FilterSelect({ id, label, value, options, all }: { id: string; label: string; value: string | undefined; options: [string, string][]; all: string }) {
  return (
    <span>
      <label for={`filter-${id}`} safe>{label}</label>
      <select id={`filter-${id}`} name={id}>
        <option value="" safe>{all}</option>
        {options.map(([v, text]) => <option value={v} selected={value === v} safe>{text}</option>)}
      </select>
    </span>
  );
}

function QueueFiltersForm({ ctx, props }: { ctx: ViewContext; props: QueueProps }) {
  const f = props.filters;
  const all = ctx.t('requests.list.all');
  return (
    <form method="get" action={handlingBase(ctx)} class="filters" id="queue-filters">
      <FilterSelect id="service" label={ctx.t('requests.handling.field.service')} value={f.service} all={all} options={props.services.map((s) => [s.id, localized(ctx, s.name)])} />
      <FilterSelect id="state" label={ctx.t('requests.field.status')} value={f.state} all={ctx.t('requests.handling.queue.open_states')} options={[['all', ctx.t('requests.handling.queue.every_state')], ...props.states.map((s): [string, string] => [s.code, localized(ctx, s.name)])]} />
      <FilterSelect id="neighbourhood" label={ctx.t('requests.field.neighbourhood')} value={f.neighbourhood} all={all} options={props.neighbourhoods.map((n) => [n, n])} />
      <FilterSelect id="category" label={ctx.t('requests.field.category')} value={f.category} all={all} options={props.categories.map((c) => [c.code, localized(ctx, c.name)])} />
      <label class="choice"><input type="checkbox" name="overdue" value="on" checked={f.overdue === 'on'} /> <span safe>{ctx.t('requests.handling.queue.overdue_only')}</span></label>
      <label class="choice"><input type="checkbox" name="mine" value="on" checked={f.mine === 'on'} /> <span safe>{ctx.t('requests.handling.queue.assigned_to_me')}</span></label>
      <button type="submit" safe>{ctx.t('requests.list.filter')}</button>
    </form>
  );
}

function QueueTable({ ctx, props }: { ctx: ViewContext; props: QueueProps }) {
  if (props.rows.length === 0) return <p class="muted" id="queue-empty" safe>{ctx.t('requests.handling.queue.none')}</p>;
  const category = (id: string | null) => props.categories.find((c) => c.id === id)?.name;
  return (
    <table class="data" id="queue">
      <thead>
        <tr>
          <th scope="col" safe>{ctx.t('requests.follow.reference')}</th>
          <th scope="col" safe>{ctx.t('requests.field.category')}</th>
          <th scope="col" safe>{ctx.t('requests.field.neighbourhood')}</th>
          <th scope="col" safe>{ctx.t('requests.field.status')}</th>
          <th scope="col" safe>{ctx.t('requests.handling.queue.days_open')}</th>
          <th scope="col" safe>{ctx.t('requests.field.due_on')}</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr class={r.overdue ? 'overdue' : undefined}>
            <th scope="row"><a href={`${handlingBase(ctx)}/${r.id}`} safe>{r.reference}</a></th>
            <td><Localized ctx={ctx} text={category(r.category_id)} /></td>
            <td safe>{r.neighbourhood ?? '—'}</td>
            <td><StatusBadge ctx={ctx} request={r} states={props.states} today={props.today} /></td>
            <td safe>{formatNumber(daysBetween(r.submitted_on, r.closed_at ? isoDate(r.closed_at, ctx.commune!.time_zone) : props.today), ctx.locale)}</td>
            <td safe>{dueText(ctx, r.due_on)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function QueuePage({ ctx, props }: { ctx: ViewContext; props: QueueProps }) {
  const query = new URLSearchParams(Object.entries(props.filters).filter(([, v]) => !!v));
  const pageLink = (page: number) => `${handlingBase(ctx)}?${new URLSearchParams([...query, ['page', String(page)]]).toString()}`;
  return (
    <Layout ctx={ctx} title={ctx.t('requests.handling.queue.title')} area="admin">
      <h1 safe>{ctx.t('requests.handling.queue.title')}</h1>
      <p class="admin-actions">
        <a class="btn" href={`${handlingBase(ctx)}/dashboard`} safe>{ctx.t('requests.handling.dashboard.title')}</a>{' '}
        <a class="btn" href={`${handlingBase(ctx)}/on-behalf`} safe>{ctx.t('requests.handling.on_behalf.title')}</a>
      </p>
      <QueueFiltersForm ctx={ctx} props={props} />
      <QueueTable ctx={ctx} props={props} />
      <nav class="pager">
        {props.page > 1 ? <a href={pageLink(props.page - 1)} safe>{ctx.t('requests.list.previous')}</a> : ''}
        {props.hasMore ? <a href={pageLink(props.page + 1)} safe>{ctx.t('requests.list.next')}</a> : ''}
      </nav>
    </Layout>
  );
}

export interface DashboardProps {
  figures: ServiceFigures[];
  services: Service[];
}

const oneDecimal = (ctx: ViewContext, value: number | null) => (value === null ? '—' : formatNumber(Math.round(value * 10) / 10, ctx.locale));
const share = (ctx: ViewContext, part: number, whole: number) => (whole === 0 ? '—' : `${formatNumber(Math.round((part / whole) * 100), ctx.locale)} %`);

export function DashboardPage({ ctx, props }: { ctx: ViewContext; props: DashboardProps }) {
  const serviceName = (id: string | null) => (id ? localized(ctx, props.services.find((s) => s.id === id)?.name) : ctx.t('requests.handling.dashboard.no_service'));
  const rows = props.figures.map((f) => ({ ...f, name: serviceName(f.serviceId) })).sort((a, b) => b.open - a.open || a.name.localeCompare(b.name));
  const bars = rows.map((r) => ({ label: r.name, value: r.open, display: ctx.t('requests.handling.dashboard.bar', { open: formatNumber(r.open, ctx.locale), overdue: formatNumber(r.overdue, ctx.locale) }) }));
  return (
    <Layout ctx={ctx} title={ctx.t('requests.handling.dashboard.title')} area="admin">
      <p><a href={handlingBase(ctx)} safe>{ctx.t('requests.handling.queue.title')}</a></p>
      <h1 safe>{ctx.t('requests.handling.dashboard.title')}</h1>
      <p class="lead" safe>{ctx.t('requests.handling.dashboard.intro', { days: String(dashboardPeriodDays) })}</p>
      {rows.length === 0 ? <p class="muted" safe>{ctx.t('requests.handling.queue.none')}</p> : ''}
      <div class="dashboard">
        <HorizontalBarChart title={ctx.t('requests.handling.dashboard.chart')} bars={bars} dir={ctx.dir} />
        <table class="data" id="dashboard-figures">
          <caption safe>{ctx.t('requests.handling.dashboard.chart')}</caption>
          <thead>
            <tr>
              <th scope="col" safe>{ctx.t('requests.handling.field.service')}</th>
              <th scope="col" safe>{ctx.t('requests.handling.dashboard.open')}</th>
              <th scope="col" safe>{ctx.t('requests.handling.dashboard.overdue')}</th>
              <th scope="col" safe>{ctx.t('requests.handling.dashboard.average')}</th>
              <th scope="col" safe>{ctx.t('requests.handling.dashboard.median')}</th>
              <th scope="col" safe>{ctx.t('requests.handling.dashboard.on_time')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <th scope="row" safe>{r.name}</th>
                <td safe>{formatNumber(r.open, ctx.locale)}</td>
                <td safe>{formatNumber(r.overdue, ctx.locale)}</td>
                <td safe>{oneDecimal(ctx, r.averageDays)}</td>
                <td safe>{oneDecimal(ctx, r.medianDays)}</td>
                <td safe>{share(ctx, r.answeredOnTime, r.answered)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

export interface ReporterFacts {
  name: string | null;
  phone: string | null;
  email: string | null;
  account: string | null;
  participant: string | null;
  recordedBy: string | null;
}

export interface HandlingForms {
  state: FormState;
  assign: FormState;
  message: FormState;
  note: FormState;
}

export interface HandlingProps {
  request: Request;
  category: Category | undefined;
  states: State[];
  services: Service[];
  staff: StaffMember[];
  events: RequestEvent[];
  reporter: ReporterFacts;
  today: string;
  forms: HandlingForms;
  /** The state changed while this officer was typing: say so, keep what they typed. */
  conflict: boolean;
  /** Photos and documents the reporter sent by phone (WhatsApp), oldest first. */
  attachments?: { fileId: string; mediaType: string }[];
}

/** The reporter's files sent by phone; the first photo is also shown above as the complaint's photo. */
function PhoneAttachments({ ctx, attachments }: { ctx: ViewContext; attachments: { fileId: string; mediaType: string }[] }) {
  if (attachments.length === 0) return <></>;
  return (
    <>
      <h2 safe>{ctx.t('requests.handling.phone_attachments')}</h2>
      <ul id="phone-attachments">
        {attachments.map((file, index) => (
          <li><a href={`/files/${file.fileId}`} safe>{ctx.t('requests.handling.phone_attachment', { number: String(index + 1), type: file.mediaType })}</a></li>
        ))}
      </ul>
    </>
  );
}

const channelKeys: Record<Request['channel'], string> = {
  web: 'requests.handling.channel.web',
  mediator: 'requests.handling.channel.mediator',
  sms: 'requests.handling.channel.sms',
  open311: 'requests.handling.channel.open311',
  ussd: 'requests.handling.channel.ussd',
  whatsapp: 'requests.handling.channel.whatsapp',
};

function ReporterSection({ ctx, reporter, channel }: { ctx: ViewContext; reporter: ReporterFacts; channel: Request['channel'] }) {
  const line = (labelKey: string, value: string | null) => (value ? <><dt safe>{ctx.t(labelKey)}</dt><dd safe>{value}</dd></> : '');
  const known = reporter.name || reporter.phone || reporter.email || reporter.account || reporter.participant;
  return (
    <section id="reporter">
      <h2 safe>{ctx.t('requests.handling.reporter.title')}</h2>
      <p class="field-hint" safe>{ctx.t('requests.handling.reporter.confidential')}</p>
      <dl class="facts">
        {line('requests.handling.reporter.name', reporter.name)}
        {line('requests.handling.reporter.phone', reporter.phone)}
        {line('requests.handling.reporter.email', reporter.email)}
        {line('requests.handling.reporter.account', reporter.account)}
        {line('requests.handling.reporter.participant', reporter.participant)}
        {line('requests.handling.reporter.recorded_by', reporter.recordedBy)}
        <dt safe>{ctx.t('requests.handling.reporter.channel')}</dt>
        <dd safe>{ctx.t(channelKeys[channel])}</dd>
      </dl>
      {known ? '' : <p class="muted" safe>{ctx.t('requests.handling.reporter.anonymous')}</p>}
    </section>
  );
}

function eventTitle(ctx: ViewContext, event: RequestEvent, states: State[]): string {
  switch (event.kind) {
    case 'submitted': return ctx.t('requests.timeline.submitted');
    case 'status': return ctx.t('requests.timeline.status', { status: statusName(ctx, 'complaint', event.status ?? '', states) });
    case 'message': return ctx.t('requests.timeline.message');
    case 'assigned': return ctx.t('requests.handling.timeline.assigned');
    case 'note': return ctx.t('requests.handling.timeline.note');
    default: return ctx.t('requests.timeline.other');
  }
}

function StaffTimeline({ ctx, props }: { ctx: ViewContext; props: HandlingProps }) {
  const author = (e: RequestEvent) => ctx.t(e.author === 'citizen' ? 'requests.timeline.by_citizen' : e.author === 'commune' ? 'requests.timeline.by_commune' : 'requests.timeline.by_system');
  return (
    <ol class="timeline" id="staff-timeline">
      {props.events.map((event) => (
        <li class={event.kind === 'note' ? 'internal-note' : undefined}>
          <p>
            <time datetime={event.created_at.toISOString()} safe>{when(ctx, event.created_at)}</time>
            <strong safe>{` ${eventTitle(ctx, event, props.states)}`}</strong>
            <span class="muted" safe>{` — ${author(event)}`}</span>
            {!event.is_public ? <span class="badge badge-muted" safe>{` ${ctx.t('requests.timeline.internal')}`}</span> : ''}
          </p>
          {event.body ? <p class="message" safe>{event.body}</p> : ''}
          {event.public_body && event.public_body !== event.body && event.kind !== 'assigned' ? <p class="message muted" safe>{event.public_body}</p> : ''}
          {event.file_id ? <p><a href={`/files/${event.file_id}`} safe>{ctx.t('requests.timeline.document')}</a></p> : ''}
        </li>
      ))}
    </ol>
  );
}

function StateForm({ ctx, props, action }: { ctx: ViewContext; props: HandlingProps; action: string }) {
  const form = props.forms.state;
  const choices = props.states.filter((s) => s.stage !== 'reopened' && s.code !== props.request.status).map((s): [string, string] => [s.code, localized(ctx, s.name)]);
  return (
    <form method="post" action={`${action}/state`} id="state-form" class="card">
      <h3 safe>{ctx.t('requests.handling.state.title')}</h3>
      <CsrfField ctx={ctx} />
      <input type="hidden" name="seen_status" value={props.request.status} />
      <SelectField ctx={ctx} form={form} name="state" label={ctx.t('requests.handling.state.new_state')} options={choices} />
      <Field ctx={ctx} form={form} name="note" label={ctx.t('requests.handling.state.note')} hint={ctx.t('requests.handling.state.note_hint')} multiline />
      <button type="submit" safe>{ctx.t('requests.handling.state.submit')}</button>
    </form>
  );
}

function AssignForm({ ctx, props, action }: { ctx: ViewContext; props: HandlingProps; action: string }) {
  const form = props.forms.assign;
  return (
    <form method="post" action={`${action}/assign`} id="assign-form" class="card">
      <h3 safe>{ctx.t('requests.handling.assign.title')}</h3>
      <CsrfField ctx={ctx} />
      <SelectField ctx={ctx} form={form} name="service" label={ctx.t('requests.handling.field.service')} empty={ctx.t('requests.handling.assign.no_service')} options={props.services.map((s) => [s.id, localized(ctx, s.name)])} />
      <SelectField ctx={ctx} form={form} name="assignee" label={ctx.t('requests.handling.assign.person')} empty={ctx.t('requests.handling.assign.nobody')} options={props.staff.map((p) => [p.id, personLabel(p)])} />
      <p class="field-hint" safe>{ctx.t('requests.handling.assign.hint')}</p>
      <button type="submit" safe>{ctx.t('requests.handling.assign.submit')}</button>
    </form>
  );
}

function MessageForm({ ctx, props, action }: { ctx: ViewContext; props: HandlingProps; action: string }) {
  const form = props.forms.message;
  const visibility = form.values.visibility ?? 'public';
  return (
    <form method="post" action={`${action}/message`} id="message-form" class="card">
      <h3 safe>{ctx.t('requests.handling.message.title')}</h3>
      <CsrfField ctx={ctx} />
      <Field ctx={ctx} form={form} name="message" label={ctx.t('requests.handling.message.body')} multiline required />
      <fieldset>
        <legend safe>{ctx.t('requests.handling.message.visibility')}</legend>
        <label class="choice"><input type="radio" name="visibility" value="public" checked={visibility === 'public'} /> <span safe>{ctx.t('requests.handling.message.public')}</span></label>
        <label class="choice"><input type="radio" name="visibility" value="private" checked={visibility === 'private'} /> <span safe>{ctx.t('requests.handling.message.private')}</span></label>
      </fieldset>
      <button type="submit" safe>{ctx.t('requests.handling.message.submit')}</button>
    </form>
  );
}

function NoteForm({ ctx, props, action }: { ctx: ViewContext; props: HandlingProps; action: string }) {
  return (
    <form method="post" action={`${action}/note`} id="note-form" class="card">
      <h3 safe>{ctx.t('requests.handling.note.title')}</h3>
      <CsrfField ctx={ctx} />
      <Field ctx={ctx} form={props.forms.note} name="internal_note" label={ctx.t('requests.handling.note.body')} hint={ctx.t('requests.handling.note.hint')} multiline required />
      <button type="submit" safe>{ctx.t('requests.handling.note.submit')}</button>
    </form>
  );
}

function HandlingFacts({ ctx, props }: { ctx: ViewContext; props: HandlingProps }) {
  const { request } = props;
  const service = props.services.find((s) => s.id === request.service_id);
  const assignee = props.staff.find((p) => p.id === request.assignee_id);
  return (
    <dl class="facts" id="request-facts">
      <dt safe>{ctx.t('requests.field.status')}</dt>
      <dd><StatusBadge ctx={ctx} request={request} states={props.states} today={props.today} /></dd>
      {props.category ? <><dt safe>{ctx.t('requests.field.category')}</dt><dd><Localized ctx={ctx} text={props.category.name} /></dd></> : ''}
      <dt safe>{ctx.t('requests.field.neighbourhood')}</dt>
      <dd safe>{request.neighbourhood ?? '—'}</dd>
      {request.address ? <><dt safe>{ctx.t('requests.field.address')}</dt><dd safe>{request.address}</dd></> : ''}
      {request.latitude !== null ? <><dt safe>{ctx.t('requests.field.position')}</dt><dd safe>{`${request.latitude.toFixed(5)}, ${request.longitude!.toFixed(5)}`}</dd></> : ''}
      <dt safe>{ctx.t('requests.handling.field.service')}</dt>
      <dd safe>{service ? localized(ctx, service.name) : ctx.t('requests.handling.dashboard.no_service')}</dd>
      <dt safe>{ctx.t('requests.handling.assign.person')}</dt>
      <dd safe>{assignee ? personLabel(assignee) : ctx.t('requests.handling.assign.nobody')}</dd>
      <dt safe>{ctx.t('requests.field.submitted_on')}</dt>
      <dd safe>{day(ctx, request.submitted_on)}</dd>
      {request.due_on ? <><dt safe>{ctx.t('requests.field.due_on')}</dt><dd safe>{day(ctx, request.due_on)}</dd></> : ''}
      {request.is_private ? <><dt safe>{ctx.t('requests.handling.field.visibility')}</dt><dd safe>{ctx.t(request.sensitive ? 'requests.handling.field.sensitive' : 'requests.handling.field.private')}</dd></> : ''}
    </dl>
  );
}

const handlingLabels = (ctx: ViewContext): Record<string, string> => ({
  state: ctx.t('requests.handling.state.new_state'),
  note: ctx.t('requests.handling.state.note'),
  service: ctx.t('requests.handling.field.service'),
  assignee: ctx.t('requests.handling.assign.person'),
  message: ctx.t('requests.handling.message.body'),
  internal_note: ctx.t('requests.handling.note.body'),
});

export function HandlingPage({ ctx, props }: { ctx: ViewContext; props: HandlingProps }) {
  const { request } = props;
  const action = `${handlingBase(ctx)}/${request.id}`;
  const failed = Object.values(props.forms).find((form) => Object.keys(form.errors).length > 0);
  return (
    <Layout ctx={ctx} title={request.reference} area="admin">
      <p><a href={handlingBase(ctx)} safe>{ctx.t('requests.handling.queue.title')}</a></p>
      <h1 safe>{request.reference}</h1>
      {props.conflict ? <Notice kind="error"><p safe>{ctx.t('requests.handling.state.conflict')}</p></Notice> : ''}
      {failed ? <ErrorSummary ctx={ctx} form={failed} labels={handlingLabels(ctx)} /> : ''}
      <p><a href={`/${ctx.commune!.slug}/requests/${request.reference}`} safe>{ctx.t('requests.handling.public_page')}</a></p>
      <HandlingFacts ctx={ctx} props={props} />
      <h2 safe>{ctx.t('requests.field.description')}</h2>
      <p class="message" safe>{request.description}</p>
      {request.photo_file_id ? <p><img src={`/files/${request.photo_file_id}`} alt={ctx.t('requests.field.photo')} width="320" loading="lazy" /></p> : ''}
      <PhoneAttachments ctx={ctx} attachments={props.attachments ?? []} />
      <ReporterSection ctx={ctx} reporter={props.reporter} channel={request.channel} />
      <h2 safe>{ctx.t('requests.timeline.title')}</h2>
      <StaffTimeline ctx={ctx} props={props} />
      <h2 safe>{ctx.t('requests.handling.actions')}</h2>
      <div class="grid">
        <StateForm ctx={ctx} props={props} action={action} />
        <AssignForm ctx={ctx} props={props} action={action} />
        <MessageForm ctx={ctx} props={props} action={action} />
        <NoteForm ctx={ctx} props={props} action={action} />
      </div>
    </Layout>
  );
}
