import type { FormState } from '../../../platform/http/forms.js';
import { formatDate, formatDateTime } from '../../../platform/i18n/format.js';
import { IdempotencyField } from '../../../platform/http/idempotency.js';
import { CsrfField, ErrorSummary, Field, Localized } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import type { Category, Request, RequestEvent, State } from '../db/tables.js';
import { InformationPanel } from '../information/views/law.js';
import type { InformationFacts } from '../information/queries.js';
import { positionScript } from './position-script.js';
import { StatusBadge, statusName } from './status.js';

export const requestsBase = (ctx: ViewContext) => `/${ctx.commune!.slug}/requests`;
const day = (ctx: ViewContext, date: string) => formatDate(date, ctx.locale, 'UTC');
const when = (ctx: ViewContext, date: Date) => formatDateTime(date, ctx.locale, ctx.commune!.time_zone);

export function LookupForm({ ctx, form }: { ctx: ViewContext; form: FormState }) {
  return (
    <form method="get" action={`${requestsBase(ctx)}/follow`} class="card" id="follow-form">
      <h2 safe>{ctx.t('requests.follow.title')}</h2>
      <p safe>{ctx.t('requests.follow.intro')}</p>
      <Field ctx={ctx} form={form} name="reference" label={ctx.t('requests.follow.reference')} hint={ctx.t('requests.follow.reference_hint')} required />
      <Field ctx={ctx} form={form} name="code" label={ctx.t('requests.follow.code')} hint={ctx.t('requests.follow.code_hint')} autocomplete="off" />
      <button type="submit" safe>{ctx.t('requests.follow.submit')}</button>
    </form>
  );
}

export interface ListedRequest {
  reference: string;
  kind: Request['kind'];
  category_id: string | null;
  subject: string | null;
  description: string;
  neighbourhood: string | null;
  status: string;
  is_open: boolean;
  due_on: string | null;
  submitted_on: string;
}

export function RequestList({ ctx, requests, categories, states, today }: { ctx: ViewContext; requests: ListedRequest[]; categories: Category[]; states: State[]; today: string }) {
  if (requests.length === 0) return <p class="muted" safe>{ctx.t('requests.list.none')}</p>;
  const categoryName = (id: string | null) => categories.find((c) => c.id === id)?.name;
  return (
    <ul class="news-list" id="request-list">
      {requests.map((r) => (
        <li>
          <h3>
            <a href={`${requestsBase(ctx)}/${r.reference}`} safe>{r.reference}</a>{' '}
            <StatusBadge ctx={ctx} request={{ ...r, answered_at: null }} states={states} today={today} />
          </h3>
          <p>
            {r.kind === 'complaint' ? <Localized ctx={ctx} text={categoryName(r.category_id)} /> : <span safe>{r.subject ?? ''}</span>}
            {r.neighbourhood ? <span safe>{` · ${r.neighbourhood}`}</span> : ''}
          </p>
          <p safe>{r.description.length > 200 ? `${r.description.slice(0, 200)}…` : r.description}</p>
          <small safe>{ctx.t('requests.list.filed_on', { date: day(ctx, r.submitted_on) })}</small>
        </li>
      ))}
    </ul>
  );
}

export interface HomeProps {
  categories: Category[];
  states: State[];
  neighbourhoods: string[];
  requests: ListedRequest[];
  filters: { category?: string | undefined; neighbourhood?: string | undefined; status?: string | undefined };
  page: number;
  hasMore: boolean;
  today: string;
}

function ListFilters({ ctx, props }: { ctx: ViewContext; props: HomeProps }) {
  return (
    <form method="get" action={requestsBase(ctx)} class="filters">
      <label for="filter-category" safe>{ctx.t('requests.field.category')}</label>
      <select id="filter-category" name="category">
        <option value="" safe>{ctx.t('requests.list.all')}</option>
        {props.categories.map((c) => <option value={c.code} selected={props.filters.category === c.code}><Localized ctx={ctx} text={c.name} /></option>)}
      </select>
      <label for="filter-neighbourhood" safe>{ctx.t('requests.field.neighbourhood')}</label>
      <select id="filter-neighbourhood" name="neighbourhood">
        <option value="" safe>{ctx.t('requests.list.all')}</option>
        {props.neighbourhoods.map((n) => <option value={n} selected={props.filters.neighbourhood === n} safe>{n}</option>)}
      </select>
      <label for="filter-status" safe>{ctx.t('requests.list.status')}</label>
      <select id="filter-status" name="status">
        <option value="" safe>{ctx.t('requests.list.all')}</option>
        <option value="open" selected={props.filters.status === 'open'} safe>{ctx.t('requests.list.open')}</option>
        <option value="closed" selected={props.filters.status === 'closed'} safe>{ctx.t('requests.list.closed')}</option>
      </select>
      <button type="submit" safe>{ctx.t('requests.list.filter')}</button>
    </form>
  );
}

export function RequestsHome({ ctx, props }: { ctx: ViewContext; props: HomeProps }) {
  const query = new URLSearchParams(Object.entries(props.filters).filter((e): e is [string, string] => !!e[1]));
  return (
    <Layout ctx={ctx} title={ctx.t('requests.home.title')}>
      <h1 safe>{ctx.t('requests.home.title')}</h1>
      <p class="lead" safe>{ctx.t('requests.home.intro')}</p>
      <ul class="grid">
        <li class="card">
          <h2><a href={`${requestsBase(ctx)}/new`} safe>{ctx.t('requests.home.report')}</a></h2>
          <p safe>{ctx.t('requests.home.report_hint')}</p>
        </li>
        <li class="card">
          <h2><a href={`${requestsBase(ctx)}/information`} safe>{ctx.t('requests.home.information')}</a></h2>
          <p safe>{ctx.t('requests.home.information_hint')}</p>
        </li>
        <li class="card">
          <h2><a href={`${requestsBase(ctx)}/statistics`} id="statistics-link" safe>{ctx.t('requests.stats.link')}</a></h2>
          <p safe>{ctx.t('requests.stats.link_hint')}</p>
        </li>
        <li class="card">
          <h2><a href={`${requestsBase(ctx)}/procedures/statistics`} id="procedure-statistics-link" safe>{ctx.t('requests.procedure_stats.link')}</a></h2>
          <p safe>{ctx.t('requests.procedure_stats.link_hint')}</p>
        </li>
      </ul>
      <LookupForm ctx={ctx} form={{ values: {}, errors: {} }} />
      <h2 safe>{ctx.t('requests.list.title')}</h2>
      <ListFilters ctx={ctx} props={props} />
      <RequestList ctx={ctx} requests={props.requests} categories={props.categories} states={props.states} today={props.today} />
      <nav class="pager">
        {props.page > 1 ? <a href={`${requestsBase(ctx)}?${query.toString()}&page=${props.page - 1}`} safe>{ctx.t('requests.list.previous')}</a> : ''}
        {props.hasMore ? <a href={`${requestsBase(ctx)}?${query.toString()}&page=${props.page + 1}`} safe>{ctx.t('requests.list.next')}</a> : ''}
      </nav>
    </Layout>
  );
}

export interface ComplaintFormProps {
  form: FormState;
  categories: Category[];
  neighbourhoods: string[];
  /** Signed-in people are told on their account; others leave a phone or an e-mail if they want news. */
  signedIn: boolean;
  maxUploadMegabytes: number;
  /** The mediators' variant in the back office: its own address and heading, and the person it is filed for. */
  onBehalf?: { action: string; title: string; intro: string; person: JSX.Element; labels: Record<string, string> };
}

export const complaintLabels = (ctx: ViewContext): Record<string, string> => ({
  category: ctx.t('requests.field.category'),
  description: ctx.t('requests.field.description'),
  neighbourhood: ctx.t('requests.field.neighbourhood'),
  latitude: ctx.t('requests.field.latitude'),
  longitude: ctx.t('requests.field.longitude'),
  address: ctx.t('requests.field.address'),
  photo: ctx.t('requests.field.photo'),
  name: ctx.t('requests.field.name'),
  contact: ctx.t('requests.field.contact'),
});

function CategoryChoice({ ctx, props }: { ctx: ViewContext; props: ComplaintFormProps }) {
  const error = props.form.errors.category;
  return (
    <fieldset id="category" aria-describedby={error ? 'category-error' : undefined}>
      <legend safe>{ctx.t('requests.field.category')}</legend>
      {error ? <p class="field-error" id="category-error" safe>{ctx.t(error)}</p> : ''}
      {props.categories.map((c) => (
        <label class="choice">
          <input type="radio" name="category" value={c.id} checked={props.form.values.category === c.id} required />
          <Localized ctx={ctx} text={c.name} />
          {c.sensitive ? <small class="muted" safe>{` — ${ctx.t('requests.field.category_sensitive')}`}</small> : ''}
        </label>
      ))}
    </fieldset>
  );
}

function PositionFields({ ctx, form }: { ctx: ViewContext; form: FormState }) {
  return (
    <details open={!!(form.values.latitude || form.errors.latitude || form.errors.longitude)}>
      <summary safe>{ctx.t('requests.field.position')}</summary>
      <p class="field-hint" safe>{ctx.t('requests.field.position_hint')}</p>
      <button type="button" id="use-my-position" hidden safe>{ctx.t('requests.field.use_my_position')}</button>
      <Field ctx={ctx} form={form} name="latitude" label={ctx.t('requests.field.latitude')} inputmode="text" />
      <Field ctx={ctx} form={form} name="longitude" label={ctx.t('requests.field.longitude')} inputmode="text" />
      <script src={`/${ctx.commune!.slug}${positionScript.path}`} defer></script>
    </details>
  );
}

export function ComplaintFormPage({ ctx, props }: { ctx: ViewContext; props: ComplaintFormProps }) {
  const { form } = props;
  const { onBehalf } = props;
  const action = `${onBehalf?.action ?? `${requestsBase(ctx)}/new`}?_csrf=${encodeURIComponent(ctx.csrfToken)}`;
  return (
    <Layout ctx={ctx} title={onBehalf?.title ?? ctx.t('requests.new.title')} area={onBehalf ? 'admin' : 'public'}>
      <h1 safe>{onBehalf?.title ?? ctx.t('requests.new.title')}</h1>
      <p class="lead" safe>{onBehalf?.intro ?? ctx.t('requests.new.intro')}</p>
      <ErrorSummary ctx={ctx} form={form} labels={{ ...complaintLabels(ctx), ...onBehalf?.labels }} />
      <form method="post" action={action} enctype="multipart/form-data" id="complaint-form">
        <CsrfField ctx={ctx} />
        <IdempotencyField ctx={ctx} />
        <CategoryChoice ctx={ctx} props={props} />
        <Field ctx={ctx} form={form} name="description" label={ctx.t('requests.field.description')} hint={ctx.t('requests.field.description_hint')} multiline required />
        <div class="field">
          <label for="neighbourhood" safe>{ctx.t('requests.field.neighbourhood')}</label>
          {form.errors.neighbourhood ? <p class="field-error" id="neighbourhood-error" safe>{ctx.t(form.errors.neighbourhood)}</p> : ''}
          <select id="neighbourhood" name="neighbourhood">
            <option value="" safe>{ctx.t('requests.field.neighbourhood_unknown')}</option>
            {props.neighbourhoods.map((n) => <option value={n} selected={form.values.neighbourhood === n} safe>{n}</option>)}
          </select>
        </div>
        <Field ctx={ctx} form={form} name="address" label={ctx.t('requests.field.address')} hint={ctx.t('requests.field.address_hint')} />
        <PositionFields ctx={ctx} form={form} />
        <label class="choice">
          <input type="checkbox" name="private" value="on" checked={form.values.private === 'on'} />
          <span safe>{ctx.t('requests.field.private')}</span>
        </label>
        {onBehalf ? onBehalf.person : props.signedIn ? (
          <p class="field-hint" safe>{ctx.t('requests.field.signed_in_updates')}</p>
        ) : (
          <fieldset>
            <legend safe>{ctx.t('requests.field.contact_legend')}</legend>
            <p class="field-hint" safe>{ctx.t('requests.field.contact_hint')}</p>
            <Field ctx={ctx} form={form} name="name" label={ctx.t('requests.field.name')} autocomplete="name" />
            <Field ctx={ctx} form={form} name="contact" label={ctx.t('requests.field.contact')} autocomplete="tel" />
          </fieldset>
        )}
        {/* Last in the form: the text fields reach the server before the file, so a refused photo never loses them. */}
        <div class="field">
          <label for="photo" safe>{ctx.t('requests.field.photo')}</label>
          <p class="field-hint" id="photo-hint" safe>{ctx.t('requests.field.photo_hint', { size: String(props.maxUploadMegabytes) })}</p>
          {form.errors.photo ? <p class="field-error" id="photo-error" safe>{ctx.t(form.errors.photo)}</p> : ''}
          <input type="file" id="photo" name="photo" accept="image/jpeg,image/png,image/webp" aria-describedby="photo-hint" />
        </div>
        <button type="submit" safe>{ctx.t('requests.new.submit')}</button>
      </form>
    </Layout>
  );
}

export function FiledPage({ ctx, request, accessCode }: { ctx: ViewContext; request: Request; accessCode: string }) {
  const link = `${requestsBase(ctx)}/${request.reference}?code=${accessCode}`;
  return (
    <Layout ctx={ctx} title={ctx.t('requests.filed.title')}>
      <h1 safe>{ctx.t('requests.filed.title')}</h1>
      <div class="notice notice-success" role="status" id="filed-summary">
        <p safe>{ctx.t('requests.filed.reference', { reference: request.reference })}</p>
        <p safe>{ctx.t('requests.filed.code', { code: accessCode })}</p>
      </div>
      <p safe>{ctx.t('requests.filed.keep')}</p>
      {request.due_on ? <p safe>{ctx.t('requests.filed.due', { date: day(ctx, request.due_on) })}</p> : ''}
      <p><a href={link} id="follow-link" safe>{ctx.t('requests.filed.follow')}</a></p>
    </Layout>
  );
}

export interface RequestPageProps {
  request: Request;
  category: Category | undefined;
  states: State[];
  events: RequestEvent[];
  today: string;
  /** The person who filed it (by account or by access code): may reply and reopen. */
  isReporter: boolean;
  accessCode: string | null;
  reopenUntil: Date | null;
  canHandle: boolean;
  replyForm: FormState;
  /** Access-to-information requests: the law, the clock, the decision and the appeal. */
  information?: InformationFacts | undefined;
}

function EventLine({ ctx, event, props }: { ctx: ViewContext; event: RequestEvent; props: RequestPageProps }) {
  const who = ctx.t(event.author === 'citizen' ? 'requests.timeline.by_citizen' : event.author === 'commune' ? 'requests.timeline.by_commune' : 'requests.timeline.by_system');
  const body = event.public_body ?? event.body;
  const what =
    event.kind === 'submitted' ? ctx.t('requests.timeline.submitted')
    : event.kind === 'status' ? ctx.t('requests.timeline.status', { status: statusName(ctx, props.request.kind, event.status ?? '', props.states) })
    : event.kind === 'message' ? ctx.t('requests.timeline.message')
    : ctx.t('requests.timeline.other');
  return (
    <li>
      <p>
        <time datetime={event.created_at.toISOString()} safe>{when(ctx, event.created_at)}</time>
        <strong safe>{` ${what}`}</strong>
        <span class="muted" safe>{` — ${who}`}</span>
        {!event.is_public ? <span class="badge badge-muted" safe>{` ${ctx.t('requests.timeline.internal')}`}</span> : ''}
      </p>
      {body ? <p class="message" safe>{body}</p> : ''}
      {event.public_file_id ?? event.file_id ? <p><a href={`/files/${event.public_file_id ?? event.file_id}`} safe>{ctx.t('requests.timeline.document')}</a></p> : ''}
    </li>
  );
}

function ReporterActions({ ctx, props }: { ctx: ViewContext; props: RequestPageProps }) {
  const base = `${requestsBase(ctx)}/${props.request.reference}`;
  const code = props.accessCode ? <input type="hidden" name="code" value={props.accessCode} /> : '';
  return (
    <section id="reporter-actions">
      <h2 safe>{ctx.t('requests.reply.title')}</h2>
      <form method="post" action={`${base}/reply`}>
        <CsrfField ctx={ctx} />
        {code}
        <Field ctx={ctx} form={props.replyForm} name="body" label={ctx.t('requests.reply.body')} multiline required />
        <button type="submit" safe>{ctx.t('requests.reply.submit')}</button>
      </form>
      {props.reopenUntil ? (
        <form method="post" action={`${base}/reopen`} id="reopen-form">
          <CsrfField ctx={ctx} />
          {code}
          <p safe>{ctx.t('requests.reopen.hint', { date: when(ctx, props.reopenUntil) })}</p>
          <Field ctx={ctx} form={props.replyForm} name="reason" label={ctx.t('requests.reopen.reason')} multiline required />
          <button type="submit" safe>{ctx.t('requests.reopen.submit')}</button>
        </form>
      ) : ''}
    </section>
  );
}

function RequestFacts({ ctx, props }: { ctx: ViewContext; props: RequestPageProps }) {
  const { request } = props;
  return (
    <dl class="facts" id="request-facts">
      <dt safe>{ctx.t('requests.field.status')}</dt>
      <dd><StatusBadge ctx={ctx} request={request} states={props.states} today={props.today} /></dd>
      {props.category ? <><dt safe>{ctx.t('requests.field.category')}</dt><dd><Localized ctx={ctx} text={props.category.name} /></dd></> : ''}
      {request.neighbourhood ? <><dt safe>{ctx.t('requests.field.neighbourhood')}</dt><dd safe>{request.neighbourhood}</dd></> : ''}
      {request.address ? <><dt safe>{ctx.t('requests.field.address')}</dt><dd safe>{request.address}</dd></> : ''}
      {request.latitude !== null ? <><dt safe>{ctx.t('requests.field.position')}</dt><dd safe>{`${request.latitude.toFixed(5)}, ${request.longitude!.toFixed(5)}`}</dd></> : ''}
      <dt safe>{ctx.t('requests.field.submitted_on')}</dt>
      <dd safe>{day(ctx, request.submitted_on)}</dd>
      {request.due_on && !props.information ? <><dt safe>{ctx.t('requests.field.due_on')}</dt><dd safe>{day(ctx, request.due_on)}</dd></> : ''}
    </dl>
  );
}

export function RequestPage({ ctx, props }: { ctx: ViewContext; props: RequestPageProps }) {
  const { request } = props;
  return (
    <Layout ctx={ctx} title={request.reference}>
      <p><a href={requestsBase(ctx)} safe>{ctx.t('requests.home.title')}</a></p>
      <h1 safe>{request.subject ? `${request.reference} — ${request.subject}` : request.reference}</h1>
      {request.is_private ? <p class="notice" safe>{ctx.t('requests.private_notice')}</p> : ''}
      {props.canHandle ? <p><a href={`/${ctx.commune!.slug}/admin/requests/${request.kind === 'information' ? 'information/' : ''}${request.id}`} safe>{ctx.t('requests.handle_link')}</a></p> : ''}
      <RequestFacts ctx={ctx} props={props} />
      {props.information ? <InformationPanel ctx={ctx} facts={props.information} dueOn={request.due_on} /> : ''}
      <h2 safe>{ctx.t('requests.field.description')}</h2>
      <p class="message" safe>{request.description}</p>
      {request.photo_file_id ? <p><img src={`/files/${request.photo_file_id}`} alt={ctx.t('requests.field.photo')} width="320" loading="lazy" /></p> : ''}
      <h2 safe>{ctx.t('requests.timeline.title')}</h2>
      <ol class="timeline" id="timeline">{props.events.map((event) => <EventLine ctx={ctx} event={event} props={props} />)}</ol>
      {props.isReporter && !props.canHandle ? <ReporterActions ctx={ctx} props={props} /> : ''}
    </Layout>
  );
}
