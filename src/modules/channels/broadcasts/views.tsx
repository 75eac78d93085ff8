import type { FormState } from '../../../platform/http/forms.js';
import { formatDateTime, formatNumber } from '../../../platform/i18n/format.js';
import { localeNames, locales } from '../../../platform/i18n/locales.js';
import { CsrfField, ErrorSummary, Field, Notice, SelectField } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import { type BroadcastChannel, type BroadcastKind, broadcastChannels, broadcastKinds } from '../db/tables.js';
import type { BroadcastDraft, BroadcastPreview, BroadcastProblem } from './broadcasts.js';
import { draftValues } from './draft.js';

export interface BroadcastRow {
  id: string;
  kind: BroadcastKind;
  body: string;
  channel: BroadcastChannel;
  locale_filter: string | null;
  neighbourhood_filter: string | null;
  status: 'sending' | 'sent';
  recipients: number;
  sent: number;
  created_at: Date;
}

/** A ready-made text staff may start from (the latest news, a consultation just opened). */
export interface Starter {
  kind: BroadcastKind;
  text: string;
}

const base = (ctx: ViewContext) => `/${ctx.commune!.slug}/admin/channels/broadcasts`;
const when = (ctx: ViewContext, date: Date) => formatDateTime(date, ctx.locale, ctx.commune!.time_zone);

const kindLabel = (ctx: ViewContext, kind: BroadcastKind) =>
  ({ news: ctx.t('channels.broadcast.kind_news'), meeting: ctx.t('channels.broadcast.kind_meeting'), consultation: ctx.t('channels.broadcast.kind_consultation') })[kind];
const channelLabel = (ctx: ViewContext, channel: BroadcastChannel) =>
  ({ sms: ctx.t('channels.broadcast.channel_sms'), whatsapp: ctx.t('channels.broadcast.channel_whatsapp'), both: ctx.t('channels.broadcast.channel_both') })[channel];
const statusLabel = (ctx: ViewContext, status: BroadcastRow['status']) => (status === 'sent' ? ctx.t('channels.broadcast.status_sent') : ctx.t('channels.broadcast.status_sending'));
const progress = (ctx: ViewContext, row: BroadcastRow) => ctx.t('channels.broadcast.progress', { sent: formatNumber(row.sent, ctx.locale), total: formatNumber(row.recipients, ctx.locale) });

export function BroadcastListPage({ ctx, rows }: { ctx: ViewContext; rows: BroadcastRow[] }) {
  const title = ctx.t('channels.broadcast.title');
  return (
    <Layout ctx={ctx} area="admin" title={title}>
      <h1 safe>{title}</h1>
      <p safe>{ctx.t('channels.broadcast.intro')}</p>
      <p>
        <a class="button" href={`${base(ctx)}/new`} safe>{ctx.t('channels.broadcast.new')}</a>{' '}
        <a href={`/${ctx.commune!.slug}/admin/channels/subscribers`} safe>{ctx.t('channels.subscribers.title')}</a>
      </p>
      {rows.length === 0 ? (
        <p safe>{ctx.t('channels.broadcast.none')}</p>
      ) : (
        <table class="data" id="broadcasts">
          <thead>
            <tr>
              <th scope="col" safe>{ctx.t('channels.broadcast.col_date')}</th>
              <th scope="col" safe>{ctx.t('channels.broadcast.col_kind')}</th>
              <th scope="col" safe>{ctx.t('channels.broadcast.col_text')}</th>
              <th scope="col" safe>{ctx.t('channels.broadcast.col_status')}</th>
              <th scope="col" safe>{ctx.t('channels.broadcast.col_progress')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr>
                <td><a href={`${base(ctx)}/${row.id}`} safe>{when(ctx, row.created_at)}</a></td>
                <td safe>{kindLabel(ctx, row.kind)}</td>
                <td dir="auto" safe>{row.body.length > 80 ? `${row.body.slice(0, 80)}…` : row.body}</td>
                <td safe>{statusLabel(ctx, row.status)}</td>
                <td safe>{progress(ctx, row)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

const fieldLabels = (ctx: ViewContext) => ({
  kind: ctx.t('channels.broadcast.field_kind'),
  body: ctx.t('channels.broadcast.field_body'),
  channel: ctx.t('channels.broadcast.field_channel'),
  locale: ctx.t('channels.broadcast.field_locale'),
  neighbourhood: ctx.t('channels.broadcast.field_neighbourhood'),
});

/** The draft's fields, on the compose page and again above the preview so that staff can correct it there. */
function DraftFields({ ctx, form, neighbourhoods }: { ctx: ViewContext; form: FormState; neighbourhoods: string[] }) {
  const labels = fieldLabels(ctx);
  return (
    <>
      <SelectField ctx={ctx} form={form} name="kind" label={labels.kind} options={broadcastKinds.map((kind) => [kind, kindLabel(ctx, kind)])} />
      <Field ctx={ctx} form={form} name="body" label={labels.body} hint={ctx.t('channels.broadcast.field_body_hint')} multiline required dir="auto" />
      <SelectField ctx={ctx} form={form} name="channel" label={labels.channel} options={broadcastChannels.map((channel) => [channel, channelLabel(ctx, channel)])} />
      <SelectField ctx={ctx} form={form} name="locale" label={labels.locale} options={locales.map((locale) => [locale, localeNames[locale]])} empty={ctx.t('channels.broadcast.any_locale')} />
      <SelectField ctx={ctx} form={form} name="neighbourhood" label={labels.neighbourhood} options={neighbourhoods.map((name) => [name, name])} empty={ctx.t('channels.broadcast.any_neighbourhood')} />
    </>
  );
}

function Starters({ ctx, starters }: { ctx: ViewContext; starters: Starter[] }) {
  if (starters.length === 0) return <></>;
  return (
    <section aria-labelledby="starters-title">
      <h2 id="starters-title" safe>{ctx.t('channels.broadcast.start_from')}</h2>
      <ul>
        {starters.map((starter) => (
          <li>
            <span safe>{`${kindLabel(ctx, starter.kind)} : `}</span>
            <span dir="auto" safe>{starter.text}</span>{' '}
            <a href={`${base(ctx)}/new?${new URLSearchParams({ kind: starter.kind, body: starter.text }).toString()}`} safe>{ctx.t('channels.broadcast.use')}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ComposePage({ ctx, form, neighbourhoods, starters }: { ctx: ViewContext; form: FormState; neighbourhoods: string[]; starters: Starter[] }) {
  const title = ctx.t('channels.broadcast.compose_title');
  return (
    <Layout ctx={ctx} area="admin" title={title}>
      <p><a href={base(ctx)} safe>{ctx.t('channels.broadcast.back')}</a></p>
      <h1 safe>{title}</h1>
      <ErrorSummary ctx={ctx} form={form} labels={fieldLabels(ctx)} />
      <form method="post" action={`${base(ctx)}/preview`} id="compose-form">
        <CsrfField ctx={ctx} />
        <DraftFields ctx={ctx} form={form} neighbourhoods={neighbourhoods} />
        <button type="submit" name="action" value="preview" safe>{ctx.t('channels.broadcast.preview_button')}</button>
      </form>
      <Starters ctx={ctx} starters={starters} />
    </Layout>
  );
}

/** The cost figures: recipients, parts per SMS and why, the total against what is left of the month's cap. */
function CostFigures({ ctx, preview }: { ctx: ViewContext; preview: BroadcastPreview }) {
  const n = (value: number) => formatNumber(value, ctx.locale);
  const { cost } = preview;
  return (
    <ul id="broadcast-cost">
      <li safe>{ctx.t('channels.broadcast.recipients', { count: n(preview.recipients.length), sms: n(preview.sms), whatsapp: n(preview.whatsapp) })}</li>
      <li safe>{ctx.t('channels.broadcast.segments', { segments: n(cost.segments), encoding: cost.encoding, length: n(cost.length) })}</li>
      {cost.ucs2Characters.length ? (
        <li id="ucs2-warning" class="field-error" safe>
          {ctx.t('channels.broadcast.culprits', { characters: cost.ucs2Characters.join(' '), segments: n(cost.segments), without: n(cost.segmentsWithoutCulprits) })}
        </li>
      ) : (
        ''
      )}
      <li safe>{ctx.t('channels.broadcast.total', { total: n(preview.totalSegments) })}</li>
      <li safe>
        {preview.remaining === null
          ? ctx.t('channels.broadcast.no_cap', { used: n(preview.usage.used) })
          : ctx.t('channels.broadcast.cap', { remaining: n(preview.remaining), cap: n(preview.usage.cap ?? 0) })}
      </li>
    </ul>
  );
}

function HiddenDraft({ draft }: { draft: BroadcastDraft }) {
  return <>{Object.entries(draftValues(draft)).map(([name, value]) => <input type="hidden" name={name} value={value} />)}</>;
}

export function PreviewPage({ ctx, draft, preview, neighbourhoods, problem }: { ctx: ViewContext; draft: BroadcastDraft; preview: BroadcastPreview; neighbourhoods: string[]; problem: BroadcastProblem | null }) {
  const title = ctx.t('channels.broadcast.preview_title');
  const form: FormState = { values: draftValues(draft), errors: {} };
  return (
    <Layout ctx={ctx} area="admin" title={title}>
      <p><a href={base(ctx)} safe>{ctx.t('channels.broadcast.back')}</a></p>
      <h1 safe>{title}</h1>
      <figure class="phone-screen">
        <pre id="broadcast-text" dir="auto" safe>{draft.body}</pre>
      </figure>
      <CostFigures ctx={ctx} preview={preview} />
      {problem ? (
        <Notice kind="error"><p id="broadcast-problem" safe>{ctx.t(problem.key, problem.params)}</p></Notice>
      ) : (
        <form method="post" action={base(ctx)} id="confirm-form">
          <CsrfField ctx={ctx} />
          <HiddenDraft draft={draft} />
          <button type="submit" safe>{ctx.t('channels.broadcast.confirm', { count: formatNumber(preview.recipients.length, ctx.locale) })}</button>
        </form>
      )}
      <form method="post" action={`${base(ctx)}/preview`} id="edit-form">
        <CsrfField ctx={ctx} />
        <DraftFields ctx={ctx} form={form} neighbourhoods={neighbourhoods} />
        <button type="submit" name="action" value="preview" safe>{ctx.t('channels.broadcast.preview_button')}</button>{' '}
        {preview.cost.segments > 1 ? <><button type="submit" name="action" value="shorten" class="secondary" safe>{ctx.t('channels.broadcast.shorten')}</button>{' '}</> : ''}
        {preview.cost.ucs2Characters.length ? <button type="submit" name="action" value="accents" class="secondary" safe>{ctx.t('channels.broadcast.accents')}</button> : ''}
      </form>
    </Layout>
  );
}

export function BroadcastPage({ ctx, row }: { ctx: ViewContext; row: BroadcastRow }) {
  const title = ctx.t('channels.broadcast.detail_title', { date: when(ctx, row.created_at) });
  const filters = [channelLabel(ctx, row.channel), row.locale_filter ?? ctx.t('channels.broadcast.any_locale'), row.neighbourhood_filter ?? ctx.t('channels.broadcast.any_neighbourhood')];
  return (
    <Layout ctx={ctx} area="admin" title={title}>
      <p><a href={base(ctx)} safe>{ctx.t('channels.broadcast.back')}</a></p>
      <h1 safe>{title}</h1>
      <dl>
        <dt safe>{ctx.t('channels.broadcast.col_kind')}</dt>
        <dd safe>{kindLabel(ctx, row.kind)}</dd>
        <dt safe>{ctx.t('channels.broadcast.filters')}</dt>
        <dd safe>{filters.join(' · ')}</dd>
        <dt safe>{ctx.t('channels.broadcast.col_status')}</dt>
        <dd id="broadcast-status" safe>{statusLabel(ctx, row.status)}</dd>
        <dt safe>{ctx.t('channels.broadcast.col_progress')}</dt>
        <dd id="broadcast-progress" safe>{progress(ctx, row)}</dd>
      </dl>
      <pre id="broadcast-text" class="phone-screen" dir="auto" safe>{row.body}</pre>
    </Layout>
  );
}
