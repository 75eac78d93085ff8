import type { FormState } from '../../../platform/http/forms.js';
import { formatNumber } from '../../../platform/i18n/format.js';
import { HorizontalBarChart } from '../../../platform/views/charts.js';
import { CsrfField, ErrorSummary, Field, Notice } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import type { CommuneProviders } from '../provider-config.js';
import { capShare, capWarningPercent, type CostReport, type StatusGroup, statusGroups, type UsageRow } from './costs.js';

export interface CallbackLink {
  labelKey: string;
  url: string;
}

export interface CostPageProps {
  ctx: ViewContext;
  report: CostReport;
  providers: CommuneProviders;
  callbacks: CallbackLink[];
  /** Only administrators get the cap form; staff read the cap. */
  canSetCap: boolean;
  capForm: FormState<{ cap: string }>;
}

// Provider names are brands, the same in every language; the outbox is ours and translated.
const providerNames: Record<string, string> = { africastalking: 'Africa’s Talking', orange: 'Orange', twilio: 'Twilio', whatsapp: 'WhatsApp Cloud API' };

const statusKeys: Record<StatusGroup, string> = {
  delivered: 'channels.costs.status_delivered',
  pending: 'channels.costs.status_pending',
  failed: 'channels.costs.status_failed',
  suppressed: 'channels.costs.status_suppressed',
  capped: 'channels.costs.status_capped',
};

const providerName = (ctx: ViewContext, provider: string) => providerNames[provider] ?? (provider === 'outbox' ? ctx.t('channels.costs.provider_outbox') : provider);
const channelName = (ctx: ViewContext, channel: UsageRow['channel']) => ctx.t(channel === 'sms' ? 'channels.costs.channel_sms' : 'channels.costs.channel_whatsapp');
const monthName = (ctx: ViewContext, month: string) => new Intl.DateTimeFormat(ctx.locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));
const number = (ctx: ViewContext, value: number) => formatNumber(value, ctx.locale);
const sum = (rows: UsageRow[], pick: (row: UsageRow) => number) => rows.reduce((total, row) => total + pick(row), 0);

function UsageSummary({ ctx, report }: { ctx: ViewContext; report: CostReport }) {
  const { used, cap } = report.usage;
  const share = capShare(report.usage);
  return (
    <>
      <p id="usage-summary" safe>
        {cap === null ? `${ctx.t('channels.costs.used', { used: number(ctx, used) })} ${ctx.t('channels.costs.no_cap')}` : ctx.t('channels.costs.used_of_cap', { used: number(ctx, used), cap: number(ctx, cap), percent: number(ctx, share!) })}
      </p>
      {share !== null && share >= capWarningPercent ? (
        <Notice kind="error">
          <p id="cap-warning" safe>{ctx.t('channels.costs.cap_warning', { percent: number(ctx, share) })}</p>
        </Notice>
      ) : (
        ''
      )}
    </>
  );
}

/** Rows of several months added up by channel and provider. */
function byProvider(rows: UsageRow[]): UsageRow[] {
  const totals = new Map<string, UsageRow>();
  for (const row of rows) {
    const key = `${row.channel}:${row.provider}`;
    const total = totals.get(key) ?? { ...row, messages: 0, segments: 0 };
    totals.set(key, { ...total, messages: total.messages + row.messages, segments: total.segments + row.segments });
  }
  return [...totals.values()];
}

/** Messages and segments by channel and provider: WhatsApp is counted in messages (Meta bills conversations, not segments). */
function ByProvider({ ctx, rows, id }: { ctx: ViewContext; rows: UsageRow[]; id: string }) {
  if (rows.length === 0) return <p class="muted" safe>{ctx.t('channels.costs.nothing')}</p>;
  return (
    <table class="data" id={id}>
      <thead>
        <tr>
          <th scope="col" safe>{ctx.t('channels.costs.channel')}</th>
          <th scope="col" safe>{ctx.t('channels.costs.provider')}</th>
          <th scope="col" safe>{ctx.t('channels.costs.messages')}</th>
          <th scope="col" safe>{ctx.t('channels.costs.segments')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr>
            <td safe>{channelName(ctx, row.channel)}</td>
            <td safe>{providerName(ctx, row.provider)}</td>
            <td safe>{number(ctx, row.messages)}</td>
            {row.channel === 'sms' ? <td safe>{number(ctx, row.segments)}</td> : <td>—</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Twelve months: an SVG chart of SMS segments with the table of figures beside it. */
function LastTwelveMonths({ ctx, report }: { ctx: ViewContext; report: CostReport }) {
  const byMonth = report.months.map((month) => {
    const rows = report.rows.filter((row) => row.month === month);
    const smsRows = rows.filter((row) => row.channel === 'sms');
    return { month, segments: sum(smsRows, (r) => r.segments), smsMessages: sum(smsRows, (r) => r.messages), whatsApp: sum(rows.filter((row) => row.channel === 'whatsapp'), (r) => r.messages) };
  });
  const bars = byMonth.map((m) => ({ label: monthName(ctx, m.month), value: m.segments, display: number(ctx, m.segments) }));
  return (
    <div class="chart-with-table">
      <HorizontalBarChart title={ctx.t('channels.costs.chart_title')} bars={bars} dir={ctx.dir} />
      <table class="data" id="months">
        <caption safe>{ctx.t('channels.costs.chart_title')}</caption>
        <thead>
          <tr>
            <th scope="col" safe>{ctx.t('channels.costs.month')}</th>
            <th scope="col" safe>{ctx.t('channels.costs.sms_segments')}</th>
            <th scope="col" safe>{ctx.t('channels.costs.sms_messages')}</th>
            <th scope="col" safe>{ctx.t('channels.costs.whatsapp_messages')}</th>
          </tr>
        </thead>
        <tbody>
          {byMonth.map((m) => (
            <tr>
              <th scope="row" safe>{monthName(ctx, m.month)}</th>
              <td safe>{number(ctx, m.segments)}</td>
              <td safe>{number(ctx, m.smsMessages)}</td>
              <td safe>{number(ctx, m.whatsApp)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Statuses({ ctx, report }: { ctx: ViewContext; report: CostReport }) {
  return (
    <table class="data" id="statuses">
      <thead>
        <tr>
          <th scope="col" safe>{ctx.t('channels.costs.status')}</th>
          <th scope="col" safe>{ctx.t('channels.costs.this_month')}</th>
          <th scope="col" safe>{ctx.t('channels.costs.year')}</th>
        </tr>
      </thead>
      <tbody>
        {statusGroups.map((group) => (
          <tr>
            <th scope="row" safe>{ctx.t(statusKeys[group])}</th>
            <td safe>{number(ctx, report.statuses.thisMonth[group])}</td>
            <td safe>{number(ctx, report.statuses.year[group])}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function CapSection({ ctx, report, canSetCap, form }: { ctx: ViewContext; report: CostReport; canSetCap: boolean; form: FormState<{ cap: string }> }) {
  const { cap } = report.usage;
  const current = <p safe>{cap === null ? ctx.t('channels.costs.no_cap') : ctx.t('channels.costs.current_cap', { cap: number(ctx, cap) })}</p>;
  if (!canSetCap) return <>{current}<p class="muted" safe>{ctx.t('channels.costs.cap_admin_only')}</p></>;
  const label = ctx.t('channels.costs.cap_label');
  return (
    <>
      {current}
      <form method="post" action={`/${ctx.commune!.slug}/admin/channels/costs/cap`} id="cap-form" novalidate>
        <CsrfField ctx={ctx} />
        <ErrorSummary ctx={ctx} form={form} labels={{ cap: label }} />
        <Field ctx={ctx} form={form} name="cap" label={label} hint={ctx.t('channels.costs.cap_hint')} inputmode="numeric" dir="ltr" />
        <button type="submit" safe>{ctx.t('channels.costs.cap_save')}</button>
      </form>
    </>
  );
}

/** Which providers the commune uses (never their keys), and the addresses to give them. */
function Providers({ ctx, providers, callbacks }: { ctx: ViewContext; providers: CommuneProviders; callbacks: CallbackLink[] }) {
  const { sms, whatsapp } = providers;
  return (
    <>
      <ul id="providers">
        <li safe>{sms ? ctx.t('channels.costs.sms_provider', { provider: providerName(ctx, sms.provider) }) : ctx.t('channels.costs.sms_none')}</li>
        <li safe>
          {whatsapp
            ? `${ctx.t('channels.costs.whatsapp_configured')} ${whatsapp.template ? ctx.t('channels.costs.whatsapp_template', { name: whatsapp.template.name, language: whatsapp.template.language }) : ctx.t('channels.costs.whatsapp_no_template')}`
            : ctx.t('channels.costs.whatsapp_none')}
        </li>
      </ul>
      <p class="muted" safe>{ctx.t('channels.costs.config_hint')}</p>
      {callbacks.length ? (
        <>
          <h3 safe>{ctx.t('channels.costs.callbacks')}</h3>
          <dl id="callbacks">
            {callbacks.map((callback) => (
              <>
                <dt safe>{ctx.t(callback.labelKey)}</dt>
                <dd><code dir="ltr" safe>{callback.url}</code></dd>
              </>
            ))}
          </dl>
          <p class="muted" safe>{ctx.t('channels.admin.secret_url')}</p>
        </>
      ) : (
        ''
      )}
    </>
  );
}

export function CostPage({ ctx, report, providers, callbacks, canSetCap, capForm }: CostPageProps) {
  const title = ctx.t('channels.costs.title');
  const thisMonth = report.rows.filter((row) => row.month === report.months.at(-1));
  return (
    <Layout ctx={ctx} area="admin" title={title}>
      <p><a href={`/${ctx.commune!.slug}/admin/channels`} safe>{ctx.t('channels.admin.title')}</a></p>
      <h1 safe>{title}</h1>
      <p safe>{ctx.t('channels.costs.intro')}</p>
      <UsageSummary ctx={ctx} report={report} />
      <h2 safe>{ctx.t('channels.costs.this_month')}</h2>
      <ByProvider ctx={ctx} rows={byProvider(thisMonth)} id="this-month" />
      <h2 safe>{ctx.t('channels.costs.year')}</h2>
      <ByProvider ctx={ctx} rows={byProvider(report.rows)} id="year-providers" />
      <LastTwelveMonths ctx={ctx} report={report} />
      <h2 safe>{ctx.t('channels.costs.statuses')}</h2>
      <Statuses ctx={ctx} report={report} />
      <h2 id="cap" safe>{ctx.t('channels.costs.cap_title')}</h2>
      <CapSection ctx={ctx} report={report} canSetCap={canSetCap} form={capForm} />
      <h2 safe>{ctx.t('channels.costs.providers_title')}</h2>
      <Providers ctx={ctx} providers={providers} callbacks={callbacks} />
    </Layout>
  );
}
