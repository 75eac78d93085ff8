import type { Children } from '@kitajs/html';
import { formatDate } from '../../../platform/i18n/format.js';
import { type Locale, localeNames } from '../../../platform/i18n/locales.js';
import { Localized } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import type { CallRow, FieldRow } from '../db/tables.js';
import { callState, type CallState, daysLeft } from './state.js';

export const programmePath = '/network/programme';
export const callPath = (slug: string) => `${programmePath}/calls/${slug}`;

export const stateKeys: Record<CallState, string> = {
  draft: 'programme.call.state_draft',
  upcoming: 'programme.call.state_upcoming',
  open: 'programme.call.state_open',
  closed: 'programme.call.state_closed',
};
export const audienceKeys = { communes: 'programme.call.audience_communes', volunteers: 'programme.call.audience_volunteers' } as const;
export const kindKeys: Record<FieldRow['kind'], string> = {
  text: 'programme.field.kind_text',
  long_text: 'programme.field.kind_long_text',
  choice: 'programme.field.kind_choice',
  file: 'programme.field.kind_file',
  yes_no: 'programme.field.kind_yes_no',
  number: 'programme.field.kind_number',
};

function CallDates({ ctx, call, now }: { ctx: ViewContext; call: CallRow; now: Date }) {
  const state = callState(call, now);
  const dates = ctx.t('programme.call.dates', { opens: formatDate(call.opens_on, ctx.locale), closes: formatDate(call.closes_on, ctx.locale) });
  const left = state === 'open' ? ` · ${ctx.t('programme.call.days_left', { count: String(daysLeft(call, now)) })}` : '';
  return (
    <p class="muted">
      <span class={`badge badge-${state}`} safe>{ctx.t(stateKeys[state])}</span> <span safe>{`${ctx.t(audienceKeys[call.audience])} · ${dates}${left}`}</span>
    </p>
  );
}

export function CallListPage({ ctx, calls, now, children }: { ctx: ViewContext; calls: CallRow[]; now: Date; children?: Children }) {
  const open = calls.filter((c) => callState(c, now) !== 'closed');
  const closed = calls.filter((c) => callState(c, now) === 'closed');
  const list = (items: CallRow[], id: string) => (
    <ul id={id} class="grid">
      {items.map((call) => (
        <li class="card">
          <h3><a href={callPath(call.slug)}><Localized ctx={ctx} text={call.title} /></a></h3>
          <CallDates ctx={ctx} call={call} now={now} />
        </li>
      ))}
    </ul>
  );
  return (
    <Layout ctx={ctx} title={ctx.t('programme.title')}>
      <h1 safe>{ctx.t('programme.title')}</h1>
      <p class="lead" safe>{ctx.t('programme.intro')}</p>
      {children}
      <h2 safe>{ctx.t('programme.calls_open')}</h2>
      {open.length === 0 ? <p class="muted" safe>{ctx.t('programme.calls_none_open')}</p> : list(open, 'open-calls')}
      {closed.length > 0 ? (
        <>
          <h2 safe>{ctx.t('programme.calls_closed')}</h2>
          {list(closed, 'closed-calls')}
        </>
      ) : (
        <></>
      )}
    </Layout>
  );
}

/** What the call offers and asks; the children are where the apply (or follow) link goes. */
export function CallPage({ ctx, call, fields, now, children }: { ctx: ViewContext; call: CallRow; fields: FieldRow[]; now: Date; children?: Children }) {
  const languages = (call.languages as Locale[]).map((locale) => localeNames[locale]).join(', ');
  return (
    <Layout ctx={ctx} title={ctx.t('programme.title')}>
      <p><a href={programmePath} safe>{ctx.t('programme.back_to_calls')}</a></p>
      <h1><Localized ctx={ctx} text={call.title} /></h1>
      <CallDates ctx={ctx} call={call} now={now} />
      <Localized ctx={ctx} text={call.description} as="div" markdown />
      <h2 safe>{ctx.t('programme.call.eligibility')}</h2>
      <Localized ctx={ctx} text={call.eligibility} as="div" markdown />
      <p safe>{ctx.t('programme.call.languages', { languages })}</p>
      <h2 safe>{ctx.t('programme.call.form_preview')}</h2>
      <ol id="call-fields">
        {fields.map((field) => (
          <li>
            <Localized ctx={ctx} text={field.label} /> <small class="muted" safe>{`(${ctx.t(kindKeys[field.kind])}${field.required ? `, ${ctx.t('programme.field.required')}` : ''})`}</small>
          </li>
        ))}
      </ol>
      {children}
    </Layout>
  );
}
