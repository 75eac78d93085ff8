import { ConsultationImageForm } from './consultation-image.js';
import type { AnswerTab } from '../queries/answer-queue.js';
import type { FormState } from '../../../platform/http/forms.js';
import { localeNames } from '../../../platform/i18n/locales.js';
import { CsrfField, ErrorSummary, Field, Localized } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import { answers, type Consultation, influenceLevels, type Meeting, type Phase, type Proposal, subjectTypes } from '../db/tables.js';
import { answerKeys, influenceKeys, subjectKeys } from '../views/labels.js';
import { MeetingForm, MeetingsSection } from '../views/meeting-views.js';
import { SurveyAdminLinks } from '../surveys/survey-admin-views.js';
import { ArchiveSection, ProposalVisibility } from '../views/moderation-views.js';
import { MeetingAdminLinks } from './meeting-admin-views.js';
import { ProposalAdminLink } from './proposal-admin-views.js';

const adminBase = (ctx: ViewContext) => `/${ctx.commune!.slug}/admin/consultations`;
const statusKeys = { draft: 'participation.status.draft', published: 'participation.status.open', closed: 'participation.status.closed', archived: 'participation.archive.status' } as const;

export function AdminConsultationsPage({ ctx, consultations }: { ctx: ViewContext; consultations: Consultation[] }) {
  return (
    <Layout ctx={ctx} title={ctx.t('participation.admin.title')} area="admin">
      <h1 safe>{ctx.t('participation.admin.title')}</h1>
      <p class="admin-actions"><a class="btn" href={`${adminBase(ctx)}/new`} safe>{ctx.t('participation.admin.new')}</a></p>
      <ul>
        {consultations.map((c) => (
          <li><a href={`${adminBase(ctx)}/${c.id}`}><Localized ctx={ctx} text={c.title} /></a> <span class="badge" safe>{ctx.t(statusKeys[c.status])}</span></li>
        ))}
      </ul>
    </Layout>
  );
}

function Select({ name, label, value, options }: { name: string; label: string; value: string | undefined; options: [string, string][] }) {
  return (
    <div class="field">
      <label for={name} safe>{label}</label>
      <select id={name} name={name}>{options.map(([v, text]) => <option value={v} selected={value === v} safe>{text}</option>)}</select>
    </div>
  );
}

export function ConsultationForm({ ctx, form, action }: { ctx: ViewContext; form: FormState; action: string }) {
  const locales = ctx.commune!.enabled_locales;
  return (
    <form method="post" action={action}>
      <CsrfField ctx={ctx} />
      <ErrorSummary ctx={ctx} form={form} labels={{ [`title_${ctx.commune!.default_locale}`]: ctx.t('participation.admin.field_title') }} />
      {locales.map((l) => <Field ctx={ctx} form={form} name={`title_${l}`} label={`${ctx.t('participation.admin.field_title')} (${localeNames[l]})`} required={l === ctx.commune!.default_locale} dir={l === 'ar' ? 'rtl' : 'ltr'} />)}
      {locales.map((l) => <Field ctx={ctx} form={form} name={`description_${l}`} label={`${ctx.t('participation.admin.field_description')} (${localeNames[l]})`} multiline dir={l === 'ar' ? 'rtl' : 'ltr'} />)}
      <Select name="subject_type" label={ctx.t('participation.admin.field_subject')} value={form.values.subject_type} options={subjectTypes.map((s) => [s, ctx.t(subjectKeys[s])])} />
      <Select name="influence_level" label={ctx.t('participation.admin.field_influence')} value={form.values.influence_level} options={influenceLevels.map((l) => [l, ctx.t(influenceKeys[l].name)])} />
      <Field ctx={ctx} form={form} name="tags" label={ctx.t('participation.admin.field_tags')} hint={ctx.t('participation.admin.field_list_hint')} />
      <Field ctx={ctx} form={form} name="neighbourhoods" label={ctx.t('participation.admin.field_neighbourhoods')} hint={ctx.t('participation.admin.field_list_hint')} />
      <Field ctx={ctx} form={form} name="categories" label={ctx.t('participation.category.admin_field')} hint={ctx.t('participation.admin.field_list_hint')} />
      <Select name="status" label={ctx.t('participation.admin.field_status')} value={form.values.status} options={(['draft', 'published', 'closed'] as const).map((s) => [s, ctx.t(statusKeys[s])])} />
      <div class="form-actions"><button type="submit" class="btn" safe>{ctx.t('core.form.save')}</button></div>
    </form>
  );
}

export function NewConsultationPage({ ctx, form }: { ctx: ViewContext; form: FormState }) {
  return (
    <Layout ctx={ctx} title={ctx.t('participation.admin.new')} area="admin">
      <h1 safe>{ctx.t('participation.admin.new')}</h1>
      <ConsultationForm ctx={ctx} form={form} action={adminBase(ctx)} />
    </Layout>
  );
}

function PhaseForm({ ctx, consultationId, form }: { ctx: ViewContext; consultationId: string; form: FormState }) {
  const l = ctx.commune!.default_locale;
  const permissions = ['allows_proposals', 'allows_supports', 'allows_comments', 'allows_survey'] as const;
  const permissionKeys = { allows_proposals: 'participation.phase.allows_proposals', allows_supports: 'participation.phase.allows_supports', allows_comments: 'participation.phase.allows_comments', allows_survey: 'participation.phase.allows_survey' } as const;
  return (
    <form method="post" action={`${adminBase(ctx)}/${consultationId}/phases`}>
      <CsrfField ctx={ctx} />
      <ErrorSummary ctx={ctx} form={form} labels={{ [`phase_title_${l}`]: ctx.t('participation.admin.field_title'), starts_on: ctx.t('participation.phase.starts_on'), ends_on: ctx.t('participation.phase.ends_on') }} />
      <Field ctx={ctx} form={form} name={`phase_title_${l}`} label={ctx.t('participation.admin.field_title')} required />
      <Field ctx={ctx} form={form} name="starts_on" label={ctx.t('participation.phase.starts_on')} type="date" required />
      <Field ctx={ctx} form={form} name="ends_on" label={ctx.t('participation.phase.ends_on')} type="date" required />
      <fieldset>
        <legend safe>{ctx.t('participation.phase.allowed')}</legend>
        {permissions.map((p) => <div><input type="checkbox" id={p} name={p} value="on" checked={!!form.values[p]} /> <label for={p} safe>{ctx.t(permissionKeys[p])}</label></div>)}
      </fieldset>
      <div class="form-actions"><button type="submit" class="btn" safe>{ctx.t('participation.admin.add_phase')}</button></div>
    </form>
  );
}

function AnswerForm({ ctx, proposal }: { ctx: ViewContext; proposal: Proposal }) {
  return (
    <form method="post" action={`/${ctx.commune!.slug}/admin/proposals/${proposal.id}/answer`}>
      <CsrfField ctx={ctx} />
      <Select name="answer" label={ctx.t('participation.answer.title')} value={proposal.answer ?? undefined} options={answers.map((a) => [a, ctx.t(answerKeys[a])])} />
      <div class="field">
        <label for={`reason-${proposal.id}`} safe>{ctx.t('participation.answer.reason')}</label>
        <textarea id={`reason-${proposal.id}`} name="reason" rows="3" required safe>{proposal.answer_reason ?? ''}</textarea>
      </div>
      <button type="submit" class="btn" safe>{ctx.t('participation.answer.save')}</button>
    </form>
  );
}

export interface EditConsultationProps {
  consultation: Consultation;
  phases: Phase[];
  /** One page of the answering queue. */
  proposals: Proposal[];
  next: string | null;
  tab: AnswerTab;
  form: FormState;
  phaseForm: FormState;
  meetings: Meeting[];
  meetingForm: FormState;
  /** Visible proposals still waiting for an answer (archiving needs none). */
  awaiting: number;
}

/** Waiting for an answer (the default, oldest first) or already answered. */
function AnswerTabs({ ctx, url, tab, awaiting }: { ctx: ViewContext; url: string; tab: AnswerTab; awaiting: number }) {
  return (
    <nav aria-label={ctx.t('participation.proposal.list')}>
      <ul class="tabs">
        <li><a href={`${url}?answers=awaiting#answers`} aria-current={tab === 'awaiting' ? 'page' : undefined} safe>{ctx.t('participation.admin.queue_awaiting', { count: awaiting })}</a></li>
        <li><a href={`${url}?answers=answered#answers`} aria-current={tab === 'answered' ? 'page' : undefined} safe>{ctx.t('participation.admin.queue_answered')}</a></li>
      </ul>
    </nav>
  );
}

export function EditConsultationPage({ ctx, props }: { ctx: ViewContext; props: EditConsultationProps }) {
  const { consultation } = props;
  const url = `${adminBase(ctx)}/${consultation.id}`;
  return (
    <Layout ctx={ctx} title={ctx.t('participation.admin.title')} area="admin">
      <p><a href={adminBase(ctx)} safe>{ctx.t('participation.admin.back')}</a> · <a href={`/${ctx.commune!.slug}/consultations/${consultation.id}`} safe>{ctx.t('participation.admin.public_page')}</a></p>
      <h1><Localized ctx={ctx} text={consultation.title} /></h1>
      <ArchiveSection ctx={ctx} consultation={consultation} awaiting={props.awaiting} />
      <ConsultationForm ctx={ctx} form={props.form} action={url} />
      <ConsultationImageForm ctx={ctx} consultation={consultation} />
      <h2 safe>{ctx.t('participation.phase.timeline')}</h2>
      <ul>{props.phases.map((p) => <li><Localized ctx={ctx} text={p.title} /> <span class="muted" safe>{`${p.starts_on} → ${p.ends_on}`}</span></li>)}</ul>
      <SurveyAdminLinks ctx={ctx} consultationId={consultation.id} phases={props.phases} />
      <form method="post" action={`${url}/active-phase`} class="admin-actions">
        <CsrfField ctx={ctx} />
        <Select name="phase_id" label={ctx.t('participation.admin.move_phase')} value={consultation.manual_phase_id ?? ''} options={[['', ctx.t('participation.admin.phase_by_dates')], ...props.phases.map((p): [string, string] => [p.id, Object.values(p.title)[0] ?? p.starts_on])]} />
        <button type="submit" class="btn btn-secondary" safe>{ctx.t('core.form.save')}</button>
      </form>
      <h3 safe>{ctx.t('participation.admin.add_phase')}</h3>
      <PhaseForm ctx={ctx} consultationId={consultation.id} form={props.phaseForm} />
      <MeetingsSection ctx={ctx} meetings={props.meetings} />
      <MeetingAdminLinks ctx={ctx} meetings={props.meetings} />
      <h3 safe>{ctx.t('participation.meeting.add')}</h3>
      <MeetingForm ctx={ctx} action={`${url}/meetings`} form={props.meetingForm} />
      <h2 id="answers" safe>{ctx.t('participation.proposal.list')}</h2>
      <AnswerTabs ctx={ctx} url={url} tab={props.tab} awaiting={props.awaiting} />
      {props.proposals.length === 0 ? <p class="muted" safe>{ctx.t(props.tab === 'awaiting' ? 'participation.admin.queue_empty' : 'participation.admin.queue_none_answered')}</p> : ''}
      {props.proposals.map((p) => (
        <article class="card">
          <h3 dir="auto" safe>{p.title}</h3>
          <p dir="auto" safe>{p.body}</p>
          <ProposalAdminLink ctx={ctx} proposal={p} />
          <AnswerForm ctx={ctx} proposal={p} />
          <ProposalVisibility ctx={ctx} proposal={p} />
        </article>
      ))}
      {props.next ? <p class="pagination"><a href={`${url}?answers=${props.tab}&after=${encodeURIComponent(props.next)}#answers`} safe>{ctx.t('participation.admin.queue_next')}</a></p> : ''}
    </Layout>
  );
}
