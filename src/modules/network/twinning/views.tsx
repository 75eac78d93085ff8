import type { FormState } from '../../../platform/http/forms.js';
import { countryName, LocalizedInputs } from '../../../platform/administration/form-parts.js';
import { formatDate } from '../../../platform/i18n/format.js';
import { CsrfField, ErrorSummary, Field, Localized, SelectField } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import { communeLabel } from '../labels.js';
import type { MemberCommune } from '../membership.js';
import type { Side, TwinningView } from './queries.js';
import type { TwinningStatus } from './tables.js';

const statusLabelKeys: Record<TwinningStatus, string> = {
  proposed: 'network.twinning.status_proposed',
  active: 'network.twinning.status_active',
  ended: 'network.twinning.status_ended',
  declined: 'network.twinning.status_declined',
};

function sideName(ctx: ViewContext, side: Side): string {
  return typeof side.name === 'string' ? side.name : communeLabel(ctx, side.name);
}

function SideLabel({ ctx, side }: { ctx: ViewContext; side: Side }) {
  const country = side.country ? ` (${countryName(side.country, ctx.locale)})` : '';
  const href = side.slug ? `/${side.slug}/twinnings` : side.url;
  return (
    <span class="twinning-side">
      {href ? <a href={href} dir="auto" safe>{sideName(ctx, side)}</a> : <span dir="auto" safe>{sideName(ctx, side)}</span>}
      <span safe>{country}</span>
    </span>
  );
}

function Period({ ctx, twinning }: { ctx: ViewContext; twinning: TwinningView }) {
  const text = twinning.ended_on
    ? ctx.t('network.twinning.period_ended', { from: formatDate(twinning.started_on, ctx.locale), to: formatDate(twinning.ended_on, ctx.locale) })
    : ctx.t('network.twinning.period_since', { from: formatDate(twinning.started_on, ctx.locale) });
  return <span class="muted" safe>{text}</span>;
}

/** One twinning as the public sees it: both sides, goals, and what they did together. */
export function TwinningCard({ ctx, twinning, heading = 'h2' }: { ctx: ViewContext; twinning: TwinningView; heading?: 'h2' | 'h3' }) {
  const Heading = heading;
  return (
    <article class="card twinning" data-status={twinning.status}>
      <Heading>
        <SideLabel ctx={ctx} side={twinning.declarer} />
        {' ↔ '}
        <SideLabel ctx={ctx} side={twinning.partner} />
      </Heading>
      <p>
        <span class={twinning.status === 'active' ? 'badge badge-success' : 'badge badge-muted'} safe>{ctx.t(statusLabelKeys[twinning.status])}</span>{' '}
        <Period ctx={ctx} twinning={twinning} />
      </p>
      <Localized ctx={ctx} text={twinning.goals} as="p" />
      {twinning.activities.length > 0 ? (
        <>
          <p><strong safe>{ctx.t('network.twinning.activities')}</strong></p>
          <ul class="activities">
            {twinning.activities.map((a) => (
              <li>
                <span safe>{`${formatDate(a.date, ctx.locale)} · `}</span>
                {a.link ? <a href={a.link} rel="nofollow noopener" dir="auto" safe>{a.title}</a> : <span dir="auto" safe>{a.title}</span>}
                {a.description ? <p class="muted" dir="auto" safe>{a.description}</p> : ''}
              </li>
            ))}
          </ul>
        </>
      ) : ''}
    </article>
  );
}

export function CommuneTwinningsPage({ ctx, current, past }: { ctx: ViewContext; current: TwinningView[]; past: TwinningView[] }) {
  return (
    <Layout ctx={ctx} title={ctx.t('network.twinning.title')}>
      <h1 safe>{ctx.t('network.twinning.title')}</h1>
      <p safe>{ctx.t('network.twinning.intro')}</p>
      {current.length === 0 && past.length === 0 ? <p class="muted" safe>{ctx.t('network.twinning.none')}</p> : ''}
      <section id="active-twinnings">
        {current.length > 0 ? <h2 safe>{ctx.t('network.twinning.current')}</h2> : ''}
        {current.map((t) => <TwinningCard ctx={ctx} twinning={t} heading="h3" />)}
      </section>
      <section id="past-twinnings">
        {past.length > 0 ? <h2 safe>{ctx.t('network.twinning.past')}</h2> : ''}
        {past.map((t) => <TwinningCard ctx={ctx} twinning={t} heading="h3" />)}
      </section>
    </Layout>
  );
}

export function NetworkTwinningsPage({ ctx, twinnings }: { ctx: ViewContext; twinnings: TwinningView[] }) {
  return (
    <Layout ctx={ctx} title={ctx.t('network.twinning.network_title')}>
      <h1 safe>{ctx.t('network.twinning.network_title')}</h1>
      <p safe>{ctx.t('network.twinning.intro')}</p>
      {twinnings.length === 0 ? <p class="muted" safe>{ctx.t('network.twinning.none')}</p> : ''}
      <div id="twinnings">{twinnings.map((t) => <TwinningCard ctx={ctx} twinning={t} />)}</div>
    </Layout>
  );
}

const adminBase = (ctx: ViewContext) => `/${ctx.commune?.slug ?? ''}/admin/network/twinnings`;

function AnswerForms({ ctx, twinning }: { ctx: ViewContext; twinning: TwinningView }) {
  return (
    <div class="actions">
      <form method="post" action={`${adminBase(ctx)}/${twinning.id}/confirm`}>
        <CsrfField ctx={ctx} />
        <button type="submit" safe>{ctx.t('network.twinning.confirm')}</button>
      </form>
      <form method="post" action={`${adminBase(ctx)}/${twinning.id}/decline`}>
        <CsrfField ctx={ctx} />
        <button type="submit" class="secondary" safe>{ctx.t('network.twinning.decline')}</button>
      </form>
    </div>
  );
}

export interface TwinningAdminProps {
  declared: TwinningView[];
  awaitingUs: TwinningView[];
  asPartner: TwinningView[];
}

export function TwinningAdminPage({ ctx, props }: { ctx: ViewContext; props: TwinningAdminProps }) {
  return (
    <Layout ctx={ctx} title={ctx.t('network.twinning.admin_title')} area="admin">
      <h1 safe>{ctx.t('network.twinning.admin_title')}</h1>
      <p><a class="button" href={`${adminBase(ctx)}/new`} safe>{ctx.t('network.twinning.declare')}</a></p>
      {props.awaitingUs.length > 0 ? (
        <section id="awaiting-answer">
          <h2 safe>{ctx.t('network.twinning.awaiting_answer')}</h2>
          {props.awaitingUs.map((t) => (
            <>
              <TwinningCard ctx={ctx} twinning={t} heading="h3" />
              <AnswerForms ctx={ctx} twinning={t} />
            </>
          ))}
        </section>
      ) : ''}
      <section id="declared">
        <h2 safe>{ctx.t('network.twinning.declared')}</h2>
        {props.declared.length === 0 ? <p class="muted" safe>{ctx.t('network.twinning.none')}</p> : ''}
        {props.declared.map((t) => (
          <>
            <TwinningCard ctx={ctx} twinning={t} heading="h3" />
            <p><a href={`${adminBase(ctx)}/${t.id}`} safe>{ctx.t('network.twinning.manage')}</a></p>
          </>
        ))}
      </section>
      {props.asPartner.length > 0 ? (
        <section id="as-partner">
          <h2 safe>{ctx.t('network.twinning.as_partner')}</h2>
          {props.asPartner.map((t) => <TwinningCard ctx={ctx} twinning={t} heading="h3" />)}
        </section>
      ) : ''}
    </Layout>
  );
}

const twinningLabels = (ctx: ViewContext): Record<string, string> => ({
  partner_commune_id: ctx.t('network.twinning.partner_commune'),
  partner_name: ctx.t('network.twinning.partner_name'),
  partner_country: ctx.t('network.twinning.partner_country'),
  partner_url: ctx.t('network.twinning.partner_url'),
  goals_fr: ctx.t('network.twinning.goals'),
  started_on: ctx.t('network.twinning.started_on'),
});

function PartnerFields({ ctx, form, partners }: { ctx: ViewContext; form: FormState; partners: MemberCommune[] | null }) {
  const labels = twinningLabels(ctx);
  return (
    <fieldset>
      <legend safe>{ctx.t('network.twinning.partner')}</legend>
      {partners ? (
        <SelectField ctx={ctx} form={form} name="partner_commune_id" label={labels.partner_commune_id!} options={partners.map((p) => [p.id, communeLabel(ctx, p.name)])} empty={ctx.t('network.twinning.partner_elsewhere')} />
      ) : ''}
      <p class="field-hint" safe>{ctx.t('network.twinning.partner_elsewhere_hint')}</p>
      <Field ctx={ctx} form={form} name="partner_name" label={labels.partner_name!} dir="auto" />
      <Field ctx={ctx} form={form} name="partner_country" label={labels.partner_country!} hint={ctx.t('network.twinning.partner_country_hint')} dir="ltr" />
      <Field ctx={ctx} form={form} name="partner_url" label={labels.partner_url!} type="url" dir="ltr" />
    </fieldset>
  );
}

/** Declaring (partners offered) or editing (partner fixed; an outside partner's details stay editable). */
export function TwinningFormPage({ ctx, form, partners, twinning, forms }: { ctx: ViewContext; form: FormState; partners: MemberCommune[]; twinning?: TwinningView; forms?: ExtraForms }) {
  const labels = twinningLabels(ctx);
  const action = twinning ? `${adminBase(ctx)}/${twinning.id}` : adminBase(ctx);
  const title = twinning ? ctx.t('network.twinning.edit') : ctx.t('network.twinning.declare');
  return (
    <Layout ctx={ctx} title={title} area="admin">
      <p><a href={adminBase(ctx)} safe>{ctx.t('network.twinning.back')}</a></p>
      <h1 safe>{title}</h1>
      {twinning ? <TwinningCard ctx={ctx} twinning={twinning} /> : ''}
      <ErrorSummary ctx={ctx} form={form} labels={labels} />
      <form method="post" action={action} id="twinning-form">
        <CsrfField ctx={ctx} />
        {!twinning || !twinning.partner_commune_id ? <PartnerFields ctx={ctx} form={form} partners={twinning ? null : partners} /> : ''}
        <LocalizedInputs ctx={ctx} form={form} name="goals" label={labels.goals_fr!} />
        <Field ctx={ctx} form={form} name="started_on" label={labels.started_on!} type="date" required />
        <button type="submit" safe>{ctx.t('network.twinning.save')}</button>
      </form>
      {twinning ? <TwinningExtras ctx={ctx} twinning={twinning} forms={forms} /> : ''}
    </Layout>
  );
}

export interface ExtraForms {
  activityForm?: FormState;
  endForm?: FormState;
}

function TwinningExtras({ ctx, twinning, forms = {} }: { ctx: ViewContext; twinning: TwinningView; forms?: ExtraForms | undefined }) {
  const activityForm = forms.activityForm ?? { values: {}, errors: {} };
  const endForm = forms.endForm ?? { values: {}, errors: {} };
  return (
    <>
      {twinning.status !== 'declined' ? (
        <section>
          <h2 safe>{ctx.t('network.twinning.add_activity')}</h2>
          <ErrorSummary ctx={ctx} form={activityForm} labels={{ date: ctx.t('network.twinning.activity_date'), title: ctx.t('network.twinning.activity_title'), link: ctx.t('network.twinning.activity_link') }} />
          <form method="post" action={`${adminBase(ctx)}/${twinning.id}/activities`} id="activity-form">
            <CsrfField ctx={ctx} />
            <Field ctx={ctx} form={activityForm} name="date" label={ctx.t('network.twinning.activity_date')} type="date" required />
            <Field ctx={ctx} form={activityForm} name="title" label={ctx.t('network.twinning.activity_title')} required dir="auto" />
            <Field ctx={ctx} form={activityForm} name="description" label={ctx.t('network.twinning.activity_description')} multiline dir="auto" />
            <Field ctx={ctx} form={activityForm} name="link" label={ctx.t('network.twinning.activity_link')} type="url" dir="ltr" />
            <button type="submit" safe>{ctx.t('network.twinning.add_activity')}</button>
          </form>
        </section>
      ) : ''}
      {twinning.status === 'active' ? (
        <section>
          <h2 safe>{ctx.t('network.twinning.end')}</h2>
          <ErrorSummary ctx={ctx} form={endForm} labels={{ ended_on: ctx.t('network.twinning.ended_on') }} />
          <form method="post" action={`${adminBase(ctx)}/${twinning.id}/end`} id="end-form">
            <CsrfField ctx={ctx} />
            <Field ctx={ctx} form={endForm} name="ended_on" label={ctx.t('network.twinning.ended_on')} type="date" required />
            <button type="submit" class="secondary" safe>{ctx.t('network.twinning.end')}</button>
          </form>
        </section>
      ) : ''}
    </>
  );
}
