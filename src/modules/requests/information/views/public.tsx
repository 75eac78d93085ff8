import type { RequestKind } from '../../db/tables.js';
import type { FormState } from '../../../../platform/http/forms.js';
import { formatNumber } from '../../../../platform/i18n/format.js';
import { HorizontalBarChart } from '../../../../platform/views/charts.js';
import { IdempotencyField } from '../../../../platform/http/idempotency.js';
import { CsrfField, ErrorSummary, Field } from '../../../../platform/views/components.js';
import { Layout } from '../../../../platform/views/layout.js';
import type { ViewContext } from '../../../../platform/views/view-context.js';
import { answerForms } from '../../db/information-tables.js';
import { StatusBadge } from '../../views/status.js';
import type { AtiLaw } from '../laws.js';
import type { InformationStatistics } from '../statistics.js';
import { informationStatuses, informationStatusKeys } from '../statuses.js';
import { answerFormKeys, day, LawSummary } from './law.js';

export const informationBase = (ctx: ViewContext) => `/${ctx.commune!.slug}/requests/information`;

export interface InformationFormProps {
  form: FormState;
  law: AtiLaw;
  signedIn: boolean;
}

export const informationLabels = (ctx: ViewContext): Record<string, string> => ({
  subject: ctx.t('requests.information.field.subject'),
  description: ctx.t('requests.information.field.description'),
  answer_form: ctx.t('requests.information.field.answer_form'),
  name: ctx.t('requests.information.field.name'),
  contact: ctx.t('requests.information.field.contact'),
});

function AnswerFormChoice({ ctx, form }: { ctx: ViewContext; form: FormState }) {
  const chosen = form.values.answer_form ?? 'email';
  return (
    <fieldset id="answer_form">
      <legend safe>{ctx.t('requests.information.field.answer_form')}</legend>
      {form.errors.answer_form ? <p class="field-error" safe>{ctx.t(form.errors.answer_form)}</p> : ''}
      {answerForms.map((value) => (
        <label class="choice">
          <input type="radio" name="answer_form" value={value} checked={chosen === value} />
          <span safe>{ctx.t(answerFormKeys[value])}</span>
        </label>
      ))}
    </fieldset>
  );
}

export function InformationFormPage({ ctx, props }: { ctx: ViewContext; props: InformationFormProps }) {
  const { form } = props;
  return (
    <Layout ctx={ctx} title={ctx.t('requests.information.new.title')}>
      <h1 safe>{ctx.t('requests.information.new.title')}</h1>
      <p class="lead" safe>{ctx.t('requests.information.new.intro')}</p>
      <p class="notice" id="identity-notice" safe>{ctx.t('requests.information.new.identity')}</p>
      <ErrorSummary ctx={ctx} form={form} labels={informationLabels(ctx)} />
      <form method="post" action={`${informationBase(ctx)}/new`} id="information-form">
        <CsrfField ctx={ctx} />
        <IdempotencyField ctx={ctx} />
        <Field ctx={ctx} form={form} name="subject" label={ctx.t('requests.information.field.subject')} hint={ctx.t('requests.information.field.subject_hint')} required />
        <Field ctx={ctx} form={form} name="description" label={ctx.t('requests.information.field.description')} hint={ctx.t('requests.information.field.description_hint')} multiline required />
        <AnswerFormChoice ctx={ctx} form={form} />
        {props.signedIn ? (
          <p class="field-hint" safe>{ctx.t('requests.information.field.signed_in')}</p>
        ) : (
          <fieldset>
            <legend safe>{ctx.t('requests.information.field.contact_legend')}</legend>
            <p class="field-hint" safe>{ctx.t('requests.information.field.contact_why')}</p>
            <Field ctx={ctx} form={form} name="contact" label={ctx.t('requests.information.field.contact')} autocomplete="tel" required />
            <Field ctx={ctx} form={form} name="name" label={ctx.t('requests.information.field.name')} hint={ctx.t('requests.information.field.name_hint')} autocomplete="name" />
          </fieldset>
        )}
        <button type="submit" safe>{ctx.t('requests.information.new.submit')}</button>
      </form>
      <LawSummary ctx={ctx} law={props.law} />
    </Layout>
  );
}

export interface InformationListed {
  reference: string;
  kind: RequestKind;
  subject: string | null;
  description: string;
  status: string;
  is_open: boolean;
  answered_at: Date | null;
  submitted_on: string;
  due_on: string | null;
}

export interface InformationListProps {
  law: AtiLaw;
  requests: InformationListed[];
  status: string | undefined;
  page: number;
  hasMore: boolean;
  today: string;
}

/** The status filter: every step of the workflow, and "overdue" (read from the deadline, not stored). */
export function StatusFilter({ ctx, action, status }: { ctx: ViewContext; action: string; status: string | undefined }) {
  return (
    <form method="get" action={action} class="filters">
      <label for="filter-status" safe>{ctx.t('requests.information.list.status')}</label>
      <select id="filter-status" name="status">
        <option value="" safe>{ctx.t('requests.information.list.all')}</option>
        {informationStatuses.map((code) => <option value={code} selected={status === code} safe>{ctx.t(informationStatusKeys[code])}</option>)}
        <option value="overdue" selected={status === 'overdue'} safe>{ctx.t('requests.overdue')}</option>
      </select>
      <button type="submit" safe>{ctx.t('requests.information.list.filter')}</button>
    </form>
  );
}

function InformationList({ ctx, requests, today }: { ctx: ViewContext; requests: InformationListed[]; today: string }) {
  if (requests.length === 0) return <p class="muted" safe>{ctx.t('requests.information.list.none')}</p>;
  return (
    <ul class="news-list" id="information-list">
      {requests.map((r) => (
        <li>
          <h3>
            <a href={`/${ctx.commune!.slug}/requests/${r.reference}`} safe>{`${r.reference} — ${r.subject ?? ''}`}</a>{' '}
            <StatusBadge ctx={ctx} request={r} states={[]} today={today} />
          </h3>
          <p safe>{r.description.length > 200 ? `${r.description.slice(0, 200)}…` : r.description}</p>
          <small safe>{ctx.t('requests.information.list.dates', { filed: day(ctx, r.submitted_on), due: r.due_on ? day(ctx, r.due_on) : ctx.t('requests.information.list.clock_stopped') })}</small>
        </li>
      ))}
    </ul>
  );
}

export function InformationListPage({ ctx, props }: { ctx: ViewContext; props: InformationListProps }) {
  const query = props.status ? `status=${encodeURIComponent(props.status)}&` : '';
  return (
    <Layout ctx={ctx} title={ctx.t('requests.information.list.title')}>
      <p><a href={`/${ctx.commune!.slug}/requests`} safe>{ctx.t('requests.home.title')}</a></p>
      <h1 safe>{ctx.t('requests.information.list.title')}</h1>
      <p class="lead" safe>{ctx.t('requests.information.list.intro')}</p>
      <p>
        <a class="button" href={`${informationBase(ctx)}/new`} id="make-request" safe>{ctx.t('requests.information.list.make_request')}</a>{' '}
        <a href={`${informationBase(ctx)}/statistics`} safe>{ctx.t('requests.information.statistics.title')}</a>
      </p>
      <LawSummary ctx={ctx} law={props.law} />
      <h2 safe>{ctx.t('requests.information.list.requests')}</h2>
      <StatusFilter ctx={ctx} action={informationBase(ctx)} status={props.status} />
      <InformationList ctx={ctx} requests={props.requests} today={props.today} />
      <nav class="pager">
        {props.page > 1 ? <a href={`${informationBase(ctx)}?${query}page=${props.page - 1}`} safe>{ctx.t('requests.list.previous')}</a> : ''}
        {props.hasMore ? <a href={`${informationBase(ctx)}?${query}page=${props.page + 1}`} safe>{ctx.t('requests.list.next')}</a> : ''}
      </nav>
    </Layout>
  );
}

const percent = (ctx: ViewContext, rate: number | null) => (rate === null ? '—' : `${formatNumber(Math.round(rate * 100), ctx.locale)} %`);

export function StatisticsPage({ ctx, stats, law }: { ctx: ViewContext; stats: InformationStatistics; law: AtiLaw }) {
  const n = (value: number) => formatNumber(value, ctx.locale);
  const rows: [string, string, number][] = [
    [ctx.t('requests.information.statistics.received'), n(stats.received), stats.received],
    [ctx.t('requests.information.statistics.answered'), n(stats.answered), stats.answered],
    [ctx.t('requests.information.statistics.on_time'), `${n(stats.answeredOnTime)} (${percent(ctx, stats.onTimeRate)})`, stats.answeredOnTime],
    [ctx.t('requests.information.statistics.refused'), n(stats.refused), stats.refused],
    [ctx.t('requests.information.statistics.overdue'), n(stats.overdue), stats.overdue],
  ];
  const groundLabel = (code: string) => {
    const ground = law.refusalGrounds.find((g) => g.code === code);
    return ground ? ctx.t(ground.labelKey) : code;
  };
  return (
    <Layout ctx={ctx} title={ctx.t('requests.information.statistics.title')}>
      <p><a href={informationBase(ctx)} safe>{ctx.t('requests.information.list.title')}</a></p>
      <h1 safe>{ctx.t('requests.information.statistics.title')}</h1>
      <div class="grid">
        <HorizontalBarChart title={ctx.t('requests.information.statistics.chart')} bars={rows.map(([label, display, value]) => ({ label, display, value }))} dir={ctx.dir} />
        <table id="ati-figures">
          <caption safe>{ctx.t('requests.information.statistics.chart')}</caption>
          <tbody>
            {rows.map(([label, display]) => <tr><th scope="row" safe>{label}</th><td safe>{display}</td></tr>)}
            <tr>
              <th scope="row" safe>{ctx.t('requests.information.statistics.median')}</th>
              <td safe>{stats.medianDaysToAnswer === null ? '—' : ctx.t('requests.information.statistics.days', { days: n(stats.medianDaysToAnswer) })}</td>
            </tr>
          </tbody>
        </table>
      </div>
      <h2 safe>{ctx.t('requests.information.statistics.by_ground')}</h2>
      {stats.refusedByGround.length === 0 ? <p class="muted" safe>{ctx.t('requests.information.statistics.no_refusal')}</p> : (
        <div class="grid">
          <HorizontalBarChart title={ctx.t('requests.information.statistics.by_ground')} bars={stats.refusedByGround.map((g) => ({ label: groundLabel(g.code), value: g.count, display: n(g.count) }))} dir={ctx.dir} />
          <table id="ati-grounds">
            <thead><tr><th scope="col" safe>{ctx.t('requests.information.statistics.ground')}</th><th scope="col" safe>{ctx.t('requests.information.statistics.count')}</th></tr></thead>
            <tbody>{stats.refusedByGround.map((g) => <tr><th scope="row" safe>{groundLabel(g.code)}</th><td safe>{n(g.count)}</td></tr>)}</tbody>
          </table>
        </div>
      )}
      <p class="muted" safe>{ctx.t('requests.information.statistics.note')}</p>
    </Layout>
  );
}

/** The confirmation: reference and tracking code (shown once), the legal deadline. */
export function InformationFiledPage({ ctx, reference, accessCode, dueOn }: { ctx: ViewContext; reference: string; accessCode: string; dueOn: string | null }) {
  return (
    <Layout ctx={ctx} title={ctx.t('requests.information.filed.title')}>
      <h1 safe>{ctx.t('requests.information.filed.title')}</h1>
      <div class="notice notice-success" role="status" id="filed-summary">
        <p safe>{ctx.t('requests.filed.reference', { reference })}</p>
        <p safe>{ctx.t('requests.filed.code', { code: accessCode })}</p>
      </div>
      <p safe>{ctx.t('requests.filed.keep')}</p>
      {dueOn ? <p safe>{ctx.t('requests.filed.due', { date: day(ctx, dueOn) })}</p> : ''}
      <p><a href={`/${ctx.commune!.slug}/requests/${reference}?code=${accessCode}`} id="follow-link" safe>{ctx.t('requests.filed.follow')}</a></p>
    </Layout>
  );
}
