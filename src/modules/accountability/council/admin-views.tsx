import type { FormState } from '../../../platform/http/forms.js';
import { formatDate } from '../../../platform/i18n/format.js';
import { type LocalizedText, localeNames, locales } from '../../../platform/i18n/locales.js';
import { CsrfField, ErrorSummary, Field, Localized, SelectField } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import { categoryLabelKeys, statusLabelKeys, voteLabelKeys } from './labels.js';
import { categoryNames, type CouncilDecisionRow, type CouncilSession, decisionStatuses, voteOptions } from './tables.js';

const adminUrl = (ctx: ViewContext) => `/${ctx.commune!.slug}/admin/council-decisions`;
const day = (ctx: ViewContext, value: string) => formatDate(value, ctx.locale, 'UTC');
const pick = (text: LocalizedText, ctx: ViewContext) => text[ctx.locale] ?? text.fr ?? Object.values(text).find(Boolean) ?? '';

export interface Councillor {
  id: string;
  name: string;
}

export interface MeetingChoice {
  id: string;
  title: LocalizedText;
  startsAt: Date;
}

function SessionForm({ ctx, form, meetings }: { ctx: ViewContext; form: FormState; meetings: MeetingChoice[] }) {
  const labels = {
    session_date: ctx.t('accountability.council.field.session_date'),
    title_fr: ctx.t('accountability.council.field.session_title'),
    place: ctx.t('accountability.council.field.place'),
    meeting_id: ctx.t('accountability.council.field.meeting'),
  };
  const meetingOptions: [string, string][] = meetings.map((m) => [m.id, `${formatDate(m.startsAt, ctx.locale, ctx.commune!.time_zone)} — ${pick(m.title, ctx)}`]);
  return (
    <form method="post" action={`${adminUrl(ctx)}/sessions`} class="stack">
      <h2 safe>{ctx.t('accountability.council.admin.new_session')}</h2>
      <CsrfField ctx={ctx} />
      <ErrorSummary ctx={ctx} form={form} labels={labels} />
      <Field ctx={ctx} form={form} name="session_date" type="date" label={labels.session_date} required />
      <Field ctx={ctx} form={form} name="title_fr" label={labels.title_fr} required />
      <Field ctx={ctx} form={form} name="place" label={labels.place} />
      <SelectField ctx={ctx} form={form} name="meeting_id" label={labels.meeting_id} options={meetingOptions} empty={ctx.t('accountability.council.admin.no_meeting')} />
      <button type="submit" class="btn" safe>{ctx.t('accountability.council.admin.create_session')}</button>
    </form>
  );
}

function DecisionRow({ ctx, decision }: { ctx: ViewContext; decision: CouncilDecisionRow }) {
  return (
    <tr>
      <td safe>{decision.number}</td>
      <td><Localized ctx={ctx} text={decision.subject} /></td>
      <td safe>{day(ctx, decision.decision_date)}</td>
      <td safe>{ctx.t(statusLabelKeys[decision.status])}</td>
      <td safe>{decision.published_at ? formatDate(decision.published_at, ctx.locale, ctx.commune!.time_zone) : ctx.t('accountability.council.admin.unpublished')}</td>
      <td>
        <a href={`${adminUrl(ctx)}/${decision.id}/edit`} safe>{ctx.t('accountability.council.admin.edit')}</a>
        {decision.published_at ? '' : (
          <form method="post" action={`${adminUrl(ctx)}/${decision.id}/publish`} class="inline">
            <CsrfField ctx={ctx} />
            <button type="submit" class="btn" safe>{ctx.t('accountability.council.admin.publish')}</button>
          </form>
        )}
      </td>
    </tr>
  );
}

export function DecisionAdminListPage({ ctx, decisions, sessions, meetings, sessionForm }: { ctx: ViewContext; decisions: CouncilDecisionRow[]; sessions: CouncilSession[]; meetings: MeetingChoice[]; sessionForm: FormState }) {
  const title = ctx.t('accountability.council.admin.title');
  return (
    <Layout ctx={ctx} title={title} area="admin">
      <h1 safe>{title}</h1>
      {sessions.length > 0 ? <p><a class="btn" href={`${adminUrl(ctx)}/new`} safe>{ctx.t('accountability.council.admin.new_decision')}</a></p> : <p safe>{ctx.t('accountability.council.admin.session_first')}</p>}
      <table class="data">
        <thead>
          <tr>
            <th scope="col" safe>{ctx.t('accountability.council.field.number')}</th>
            <th scope="col" safe>{ctx.t('accountability.council.field.subject')}</th>
            <th scope="col" safe>{ctx.t('accountability.council.field.decision_date')}</th>
            <th scope="col" safe>{ctx.t('accountability.council.field.status')}</th>
            <th scope="col" safe>{ctx.t('accountability.council.field.published_at')}</th>
            <th scope="col" safe>{ctx.t('accountability.council.admin.actions')}</th>
          </tr>
        </thead>
        <tbody>{decisions.map((d) => <DecisionRow ctx={ctx} decision={d} />)}</tbody>
      </table>
      <h2 safe>{ctx.t('accountability.council.admin.sessions')}</h2>
      <ul>
        {sessions.map((s) => <li><span safe>{`${day(ctx, s.session_date)} — `}</span><Localized ctx={ctx} text={s.title} /></li>)}
      </ul>
      <SessionForm ctx={ctx} form={sessionForm} meetings={meetings} />
    </Layout>
  );
}

function LanguageFields({ ctx, form, prefix, label, multiline }: { ctx: ViewContext; form: FormState; prefix: string; label: string; multiline?: boolean }) {
  return (
    <>
      {locales.map((locale) => (
        <Field ctx={ctx} form={form} name={`${prefix}_${locale}`} label={`${label} (${localeNames[locale]})`} multiline={multiline} dir={locale === 'ar' ? 'rtl' : 'auto'} required={locale === 'fr' && prefix === 'subject'} />
      ))}
    </>
  );
}

function CouncillorVoteFields({ ctx, form, councillors }: { ctx: ViewContext; form: FormState; councillors: Councillor[] }) {
  if (councillors.length === 0) return <></>;
  return (
    <fieldset id="votes">
      <legend safe>{ctx.t('accountability.council.decision.individual_votes')}</legend>
      <p class="field-hint" safe>{ctx.t('accountability.council.admin.votes_hint')}</p>
      {form.errors.votes ? <p class="field-error" safe>{ctx.t(form.errors.votes)}</p> : ''}
      {councillors.map((c) => (
        <SelectField ctx={ctx} form={form} name={`vote_${c.id}`} label={c.name} options={voteOptions.map((o) => [o, ctx.t(voteLabelKeys[o])])} empty={ctx.t('accountability.council.admin.not_recorded')} />
      ))}
    </fieldset>
  );
}

export interface DecisionFormProps {
  form: FormState;
  sessions: CouncilSession[];
  councillors: Councillor[];
  /** The decision being edited, or null for a new one. */
  decision: CouncilDecisionRow | null;
}

export function DecisionFormPage({ ctx, props }: { ctx: ViewContext; props: DecisionFormProps }) {
  const { form, decision } = props;
  const title = decision ? ctx.t('accountability.council.admin.edit_title', { number: decision.number }) : ctx.t('accountability.council.admin.new_decision');
  const action = decision ? `${adminUrl(ctx)}/${decision.id}` : adminUrl(ctx);
  const labels: Record<string, string> = {
    session_id: ctx.t('accountability.council.field.session'),
    number: ctx.t('accountability.council.field.number'),
    decision_date: ctx.t('accountability.council.field.decision_date'),
    subject_fr: ctx.t('accountability.council.field.subject'),
    text_fr: ctx.t('accountability.council.field.full_text'),
    pdf: ctx.t('accountability.council.field.pdf'),
    category: ctx.t('accountability.council.field.category'),
    status: ctx.t('accountability.council.field.status'),
    members_in_office: ctx.t('accountability.council.field.members_in_office'),
    present: ctx.t('accountability.council.field.present'),
    votes_for: ctx.t('accountability.council.vote.yes'),
    votes_against: ctx.t('accountability.council.vote.no'),
    abstentions: ctx.t('accountability.council.vote.abstain'),
    votes: ctx.t('accountability.council.decision.individual_votes'),
  };
  const sessionOptions: [string, string][] = props.sessions.map((s) => [s.id, `${day(ctx, s.session_date)} — ${pick(s.title, ctx)}`]);
  const count = (name: string) => <Field ctx={ctx} form={form} name={name} label={labels[name]!} type="number" inputmode="numeric" />;
  return (
    <Layout ctx={ctx} title={title} area="admin">
      <h1 safe>{title}</h1>
      <form method="post" action={`${action}?_csrf=${encodeURIComponent(ctx.csrfToken)}`} enctype="multipart/form-data" class="stack">
        <CsrfField ctx={ctx} />
        <ErrorSummary ctx={ctx} form={form} labels={labels} />
        <SelectField ctx={ctx} form={form} name="session_id" label={labels.session_id!} options={sessionOptions} />
        <Field ctx={ctx} form={form} name="number" label={labels.number!} hint={ctx.t('accountability.council.admin.number_hint')} required />
        <Field ctx={ctx} form={form} name="decision_date" type="date" label={labels.decision_date!} required />
        <SelectField ctx={ctx} form={form} name="category" label={labels.category!} options={categoryNames.map((c) => [c, ctx.t(categoryLabelKeys[c])])} />
        <SelectField ctx={ctx} form={form} name="status" label={labels.status!} options={decisionStatuses.map((s) => [s, ctx.t(statusLabelKeys[s])])} />
        <LanguageFields ctx={ctx} form={form} prefix="subject" label={labels.subject_fr!} />
        <LanguageFields ctx={ctx} form={form} prefix="text" label={labels.text_fr!} multiline />
        <div class="field">
          <label for="pdf" safe>{labels.pdf}</label>
          {form.errors.pdf ? <p class="field-error" id="pdf-error" safe>{ctx.t(form.errors.pdf)}</p> : ''}
          {decision?.pdf_file_id ? <p class="field-hint"><a href={`/files/${decision.pdf_file_id}`} safe>{ctx.t('accountability.council.decision.pdf')}</a></p> : ''}
          <input type="file" id="pdf" name="pdf" accept="application/pdf" />
        </div>
        <fieldset>
          <legend safe>{ctx.t('accountability.council.decision.vote')}</legend>
          {count('members_in_office')}
          {count('present')}
          {count('votes_for')}
          {count('votes_against')}
          {count('abstentions')}
        </fieldset>
        <CouncillorVoteFields ctx={ctx} form={form} councillors={props.councillors} />
        <button type="submit" class="btn" safe>{ctx.t('accountability.council.admin.save')}</button>
      </form>
      <p><a href={adminUrl(ctx)} safe>{ctx.t('accountability.council.admin.back')}</a></p>
    </Layout>
  );
}

/** A stored decision as the form's typed values, so editing starts from what was saved. */
export function decisionFormValues(decision: CouncilDecisionRow, votes: { person_id: string; option: string }[]): Record<string, string> {
  const values: Record<string, string> = {
    session_id: decision.session_id,
    number: decision.number,
    decision_date: decision.decision_date,
    category: decision.category,
    status: decision.status,
    votes_for: String(decision.votes_for),
    votes_against: String(decision.votes_against),
    abstentions: String(decision.abstentions),
    members_in_office: decision.members_in_office === null ? '' : String(decision.members_in_office),
    present: decision.present === null ? '' : String(decision.present),
  };
  for (const locale of locales) {
    values[`subject_${locale}`] = decision.subject[locale] ?? '';
    values[`text_${locale}`] = decision.full_text[locale] ?? '';
  }
  for (const vote of votes) values[`vote_${vote.person_id}`] = vote.option;
  return values;
}

