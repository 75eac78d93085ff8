import type { Children } from '@kitajs/html';
import type { FormState } from '../../../platform/http/forms.js';
import { formatDateTime } from '../../../platform/i18n/format.js';
import { CsrfField, ErrorSummary, Field, Notice, SelectField } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import type { InboundRow } from './inbox-queries.js';

const inboxPath = (ctx: ViewContext) => `/${ctx.commune!.slug}/admin/channels/inbox`;
const when = (ctx: ViewContext, date: Date) => formatDateTime(date, ctx.locale, ctx.commune!.time_zone);
const excerpt = (text: string) => (text.length > 140 ? `${text.slice(0, 139)}…` : text);
const channelKeys: Record<string, string> = { sms: 'channels.inbox.channel_sms', whatsapp: 'channels.inbox.channel_whatsapp' };
const outcomeKeys: Record<string, string> = {
  complaint: 'channels.inbox.outcome_complaint',
  contribution: 'channels.inbox.outcome_contribution',
  answer: 'channels.inbox.outcome_answer',
  dismissed: 'channels.inbox.outcome_dismissed',
};
const outcomeLabel = (ctx: ViewContext, outcome: string | null) => ctx.t(outcomeKeys[outcome ?? 'dismissed'] ?? 'channels.inbox.outcome_dismissed');

export interface HandledRow {
  id: string;
  channel: string;
  body: string;
  handled_at: Date | null;
  handled_as: string | null;
  handled_ref: string | null;
  officer: string | null;
}

function WaitingTable({ ctx, rows }: { ctx: ViewContext; rows: InboundRow[] }) {
  if (rows.length === 0) return <p id="inbox-empty" safe>{ctx.t('channels.inbox.empty')}</p>;
  return (
    <table id="inbox-waiting">
      <thead><tr><th scope="col" safe>{ctx.t('channels.inbox.received')}</th><th scope="col" safe>{ctx.t('channels.inbox.channel')}</th><th scope="col" safe>{ctx.t('channels.inbox.phone')}</th><th scope="col" safe>{ctx.t('channels.inbox.message')}</th></tr></thead>
      <tbody>
        {rows.map((row) => (
          <tr>
            <td safe>{when(ctx, row.received_at)}</td>
            <td safe>{ctx.t(channelKeys[row.channel]!)}</td>
            <td dir="ltr" safe>{row.phone}</td>
            <td><a href={`${inboxPath(ctx)}/${row.id}`} dir="auto" safe>{excerpt(row.body)}</a></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function HandledTable({ ctx, rows }: { ctx: ViewContext; rows: HandledRow[] }) {
  if (rows.length === 0) return <></>;
  return (
    <section aria-labelledby="handled-title">
      <h2 id="handled-title" safe>{ctx.t('channels.inbox.handled_title')}</h2>
      <table id="inbox-handled">
        <thead><tr><th scope="col" safe>{ctx.t('channels.inbox.handled_at')}</th><th scope="col" safe>{ctx.t('channels.inbox.message')}</th><th scope="col" safe>{ctx.t('channels.inbox.outcome')}</th><th scope="col" safe>{ctx.t('channels.inbox.officer')}</th></tr></thead>
        <tbody>
          {rows.map((row) => (
            <tr>
              <td>{row.handled_at ? when(ctx, row.handled_at) : ''}</td>
              <td dir="auto" safe>{excerpt(row.body)}</td>
              <td safe>{`${outcomeLabel(ctx, row.handled_as)}${row.handled_ref && row.handled_as === 'complaint' ? ` ${row.handled_ref}` : ''}`}</td>
              <td safe>{row.officer ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function InboxPage({ ctx, waiting, handled, notice }: { ctx: ViewContext; waiting: InboundRow[]; handled: HandledRow[]; notice: string | null }) {
  const title = ctx.t('channels.inbox.title');
  return (
    <Layout ctx={ctx} area="admin" title={title}>
      <p><a href={`/${ctx.commune!.slug}/admin/channels`} safe>{ctx.t('channels.admin.title')}</a></p>
      <h1 safe>{title}</h1>
      {notice ? <Notice kind="success"><p role="status" safe>{notice}</p></Notice> : ''}
      <p safe>{ctx.t('channels.inbox.intro')}</p>
      <WaitingTable ctx={ctx} rows={waiting} />
      <HandledTable ctx={ctx} rows={handled} />
    </Layout>
  );
}

export interface MessageForms {
  complaint: FormState;
  contribution: FormState;
  answer: FormState;
  dismiss: FormState;
}

export interface MessageChoices {
  categories: [string, string][];
  neighbourhoods: [string, string][];
  consultations: [string, string][];
}

/** One way of dealing with the message; the section is open when its form came back with errors. */
function Action({ id, open, title, children }: { id: string; open: boolean; title: string; children?: Children }) {
  return (
    <details id={id} open={open}>
      <summary safe>{title}</summary>
      {children}
    </details>
  );
}

const hasErrors = (form: FormState) => Object.keys(form.errors).length > 0;

function ComplaintForm({ ctx, action, form, choices }: { ctx: ViewContext; action: string; form: FormState; choices: MessageChoices }) {
  return (
    <Action id="to-complaint" open={hasErrors(form)} title={ctx.t('channels.inbox.to_complaint')}>
      <form method="post" action={`${action}/complaint`}>
        <CsrfField ctx={ctx} />
        <ErrorSummary ctx={ctx} form={form} labels={{ category: ctx.t('channels.inbox.category'), text: ctx.t('channels.inbox.complaint_text') }} />
        <SelectField ctx={ctx} form={form} name="category" label={ctx.t('channels.inbox.category')} options={choices.categories} />
        <SelectField ctx={ctx} form={form} name="neighbourhood" label={ctx.t('channels.inbox.neighbourhood')} options={choices.neighbourhoods} empty={ctx.t('channels.inbox.neighbourhood_unknown')} />
        <Field ctx={ctx} form={form} name="text" label={ctx.t('channels.inbox.complaint_text')} multiline required dir="auto" />
        <button type="submit" safe>{ctx.t('channels.inbox.file_complaint')}</button>
      </form>
    </Action>
  );
}

function ContributionForm({ ctx, action, form, choices }: { ctx: ViewContext; action: string; form: FormState; choices: MessageChoices }) {
  return (
    <Action id="to-contribution" open={hasErrors(form)} title={ctx.t('channels.inbox.to_contribution')}>
      {choices.consultations.length === 0 ? (
        <p safe>{ctx.t('channels.inbox.no_consultation')}</p>
      ) : (
        <form method="post" action={`${action}/contribution`}>
          <CsrfField ctx={ctx} />
          <ErrorSummary ctx={ctx} form={form} labels={{ consultation: ctx.t('channels.inbox.consultation'), title: ctx.t('channels.inbox.proposal_title'), body: ctx.t('channels.inbox.proposal_body') }} />
          <p class="field-hint" safe>{ctx.t('channels.inbox.contribution_hint')}</p>
          <SelectField ctx={ctx} form={form} name="consultation" label={ctx.t('channels.inbox.consultation')} options={choices.consultations} />
          <Field ctx={ctx} form={form} name="title" label={ctx.t('channels.inbox.proposal_title')} required dir="auto" />
          <Field ctx={ctx} form={form} name="body" label={ctx.t('channels.inbox.proposal_body')} multiline required dir="auto" />
          <button type="submit" safe>{ctx.t('channels.inbox.publish_contribution')}</button>
        </form>
      )}
    </Action>
  );
}

function AnswerForm({ ctx, action, form }: { ctx: ViewContext; action: string; form: FormState }) {
  return (
    <Action id="to-answer" open={hasErrors(form)} title={ctx.t('channels.inbox.to_answer')}>
      <form method="post" action={`${action}/answer`}>
        <CsrfField ctx={ctx} />
        <ErrorSummary ctx={ctx} form={form} labels={{ answer: ctx.t('channels.inbox.answer') }} />
        <Field ctx={ctx} form={form} name="answer" label={ctx.t('channels.inbox.answer')} hint={ctx.t('channels.inbox.answer_hint')} multiline required dir="auto" />
        <button type="submit" safe>{ctx.t('channels.inbox.send_answer')}</button>
      </form>
    </Action>
  );
}

function DismissForm({ ctx, action, form }: { ctx: ViewContext; action: string; form: FormState }) {
  return (
    <Action id="to-dismiss" open={hasErrors(form)} title={ctx.t('channels.inbox.to_dismiss')}>
      <form method="post" action={`${action}/dismiss`}>
        <CsrfField ctx={ctx} />
        <Field ctx={ctx} form={form} name="note" label={ctx.t('channels.inbox.dismiss_note')} />
        <button type="submit" class="secondary" safe>{ctx.t('channels.inbox.dismiss')}</button>
      </form>
    </Action>
  );
}

export function MessagePage({ ctx, message, forms, choices }: { ctx: ViewContext; message: InboundRow; forms: MessageForms; choices: MessageChoices }) {
  const title = ctx.t('channels.inbox.message_title');
  const action = `${inboxPath(ctx)}/${message.id}`;
  return (
    <Layout ctx={ctx} area="admin" title={title}>
      <p><a href={inboxPath(ctx)} safe>{ctx.t('channels.inbox.title')}</a></p>
      <h1 safe>{title}</h1>
      <dl>
        <dt safe>{ctx.t('channels.inbox.received')}</dt><dd safe>{when(ctx, message.received_at)}</dd>
        <dt safe>{ctx.t('channels.inbox.channel')}</dt><dd safe>{ctx.t(channelKeys[message.channel]!)}</dd>
        <dt safe>{ctx.t('channels.inbox.phone')}</dt><dd dir="ltr" safe>{message.phone}</dd>
      </dl>
      <blockquote id="inbound-text" dir="auto" safe>{message.body}</blockquote>
      {message.handled_at ? (
        <Notice kind="info"><p safe>{ctx.t('channels.inbox.already_handled', { outcome: outcomeLabel(ctx, message.handled_as) })}</p></Notice>
      ) : (
        <>
          <p safe>{ctx.t('channels.inbox.never_published')}</p>
          <ComplaintForm ctx={ctx} action={action} form={forms.complaint} choices={choices} />
          <ContributionForm ctx={ctx} action={action} form={forms.contribution} choices={choices} />
          <AnswerForm ctx={ctx} action={action} form={forms.answer} />
          <DismissForm ctx={ctx} action={action} form={forms.dismiss} />
        </>
      )}
    </Layout>
  );
}
