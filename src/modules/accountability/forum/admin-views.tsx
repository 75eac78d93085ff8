import type { FormState } from '../../../platform/http/forms.js';
import { formatDate, formatDateTime } from '../../../platform/i18n/format.js';
import type { LocalizedText } from '../../../platform/i18n/locales.js';
import { CsrfField, ErrorSummary, Field, SelectField } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import { genderKeys, sectorKeys } from './labels.js';
import type { MeetingRecord } from './queries.js';
import { type EndorsementRow, type ForumRow, genders, type MemberRow, sectors } from './tables.js';

export const adminForumPath = (ctx: ViewContext) => `/${ctx.commune!.slug}/admin/forum`;
const emptyForm: FormState = { values: {}, errors: {} };
export interface PlanChoice {
  id: string;
  title: LocalizedText;
}
const planTitle = (ctx: ViewContext, plan: PlanChoice) => plan.title[ctx.locale] ?? plan.title.fr ?? Object.values(plan.title)[0] ?? '';
const planOptions = (ctx: ViewContext, plans: PlanChoice[]): [string, string][] => plans.map((p) => [p.id, planTitle(ctx, p)]);

function ForumForm({ ctx, form }: { ctx: ViewContext; form: FormState }) {
  return (
    <form method="post" action={adminForumPath(ctx)} id="forum-form" class="card">
      <CsrfField ctx={ctx} />
      <Field ctx={ctx} form={form} name="name" label={ctx.t('accountability.forum.field_name')} required />
      <Field ctx={ctx} form={form} name="rules_text" label={ctx.t('accountability.forum.field_rules_text')} multiline />
      <Field ctx={ctx} form={form} name="rules_url" label={ctx.t('accountability.forum.field_rules_url')} type="url" />
      <Field ctx={ctx} form={form} name="rules_published_on" label={ctx.t('accountability.forum.field_rules_published_on')} type="date" />
      <button type="submit" safe>{ctx.t('accountability.forum.save')}</button>
    </form>
  );
}

function MemberFields({ ctx, form }: { ctx: ViewContext; form: FormState }) {
  return (
    <>
      <Field ctx={ctx} form={form} name="name" label={ctx.t('accountability.forum.field_member_name')} required />
      <Field ctx={ctx} form={form} name="organisation" label={ctx.t('accountability.forum.organisation')} />
      <SelectField ctx={ctx} form={form} name="sector" label={ctx.t('accountability.forum.sector')} options={sectors.map((s) => [s, ctx.t(sectorKeys[s])])} empty="—" />
      <SelectField ctx={ctx} form={form} name="gender" label={ctx.t('accountability.forum.gender')} options={genders.map((g) => [g, ctx.t(genderKeys[g])])} empty="—" />
      <Field ctx={ctx} form={form} name="role" label={ctx.t('accountability.forum.role')} />
      <Field ctx={ctx} form={form} name="joined_on" label={ctx.t('accountability.forum.joined_on')} type="date" />
      <Field ctx={ctx} form={form} name="left_on" label={ctx.t('accountability.forum.left_on')} type="date" />
    </>
  );
}

const memberLabels = (ctx: ViewContext) => ({
  name: ctx.t('accountability.forum.field_member_name'),
  sector: ctx.t('accountability.forum.sector'),
  gender: ctx.t('accountability.forum.gender'),
  left_on: ctx.t('accountability.forum.left_on'),
});

export interface ForumAdminProps {
  forum: ForumRow | undefined;
  members: MemberRow[];
  meetings: MeetingRecord[];
  endorsements: EndorsementRow[];
  plans: PlanChoice[];
  forumForm?: FormState;
  memberForm?: FormState;
  endorsementForm?: FormState;
}

function MembersSection({ ctx, props }: { ctx: ViewContext; props: ForumAdminProps }) {
  const form = props.memberForm ?? emptyForm;
  return (
    <section id="members">
      <h2 safe>{ctx.t('accountability.forum.members')}</h2>
      <ul id="admin-members">
        {props.members.map((m) => <li><a href={`${adminForumPath(ctx)}/members/${m.id}`} dir="auto" safe>{m.name}</a><span dir="auto" safe>{` — ${m.organisation || '—'}, ${ctx.t(sectorKeys[m.sector])}${m.left_on ? ` (${ctx.t('accountability.forum.left_on')} ${formatDate(m.left_on, ctx.locale)})` : ''}`}</span></li>)}
      </ul>
      <ErrorSummary ctx={ctx} form={form} labels={memberLabels(ctx)} />
      <form method="post" action={`${adminForumPath(ctx)}/members`} id="member-form" class="card">
        <CsrfField ctx={ctx} />
        <MemberFields ctx={ctx} form={form} />
        <button type="submit" safe>{ctx.t('accountability.forum.add_member')}</button>
      </form>
    </section>
  );
}

function EndorsementsSection({ ctx, props }: { ctx: ViewContext; props: ForumAdminProps }) {
  const form = props.endorsementForm ?? emptyForm;
  const labels = { plan_id: ctx.t('accountability.forum.plan'), organisations: ctx.t('accountability.forum.organisations'), endorsed_on: ctx.t('accountability.forum.endorsed_on'), document_url: ctx.t('accountability.forum.document_url') };
  return (
    <section id="endorsements">
      <h2 safe>{ctx.t('accountability.forum.endorsements')}</h2>
      <p class="muted" safe>{ctx.t('accountability.forum.endorsements_hint')}</p>
      <ul id="admin-endorsements">
        {props.endorsements.map((e) => <li dir="auto" safe>{`${formatDate(e.endorsed_on, ctx.locale)} — ${e.organisations}`}</li>)}
      </ul>
      <ErrorSummary ctx={ctx} form={form} labels={labels} />
      <form method="post" action={`${adminForumPath(ctx)}/endorsements`} id="endorsement-form" class="card">
        <CsrfField ctx={ctx} />
        <SelectField ctx={ctx} form={form} name="plan_id" label={labels.plan_id} options={planOptions(ctx, props.plans)} empty="—" />
        <Field ctx={ctx} form={form} name="organisations" label={labels.organisations} required />
        <Field ctx={ctx} form={form} name="endorsed_on" label={labels.endorsed_on} type="date" required />
        <Field ctx={ctx} form={form} name="document_url" label={labels.document_url} type="url" />
        <button type="submit" safe>{ctx.t('accountability.forum.add_endorsement')}</button>
      </form>
    </section>
  );
}

export function ForumAdminPage({ ctx, props }: { ctx: ViewContext; props: ForumAdminProps }) {
  const title = ctx.t('accountability.forum.admin_title');
  const forumForm = props.forumForm ?? { values: forumValues(props.forum), errors: {} };
  const tz = ctx.commune!.time_zone;
  return (
    <Layout ctx={ctx} area="admin" title={title}>
      <h1 safe>{title}</h1>
      <p><a href={`/${ctx.commune!.slug}/forum`} safe>{ctx.t('accountability.forum.public_page')}</a></p>
      <ErrorSummary ctx={ctx} form={forumForm} labels={{ name: ctx.t('accountability.forum.field_name'), rules_url: ctx.t('accountability.forum.field_rules_url'), rules_published_on: ctx.t('accountability.forum.field_rules_published_on') }} />
      <ForumForm ctx={ctx} form={forumForm} />
      {props.forum ? (
        <>
          <MembersSection ctx={ctx} props={props} />
          <section id="meetings">
            <h2 safe>{ctx.t('accountability.forum.meetings')}</h2>
            <ul id="admin-meetings">
              {props.meetings.map((r) => <li><a href={`${adminForumPath(ctx)}/meetings/${r.meeting.id}`} safe>{formatDateTime(r.meeting.starts_at, ctx.locale, tz)}</a><span dir="auto" safe>{` — ${r.meeting.place || '—'}`}</span></li>)}
            </ul>
            <p><a class="button" href={`${adminForumPath(ctx)}/meetings/new`} safe>{ctx.t('accountability.forum.new_meeting')}</a></p>
          </section>
          <EndorsementsSection ctx={ctx} props={props} />
        </>
      ) : <p class="muted" safe>{ctx.t('accountability.forum.create_first')}</p>}
    </Layout>
  );
}

export const forumValues = (forum: ForumRow | undefined): FormState['values'] =>
  forum ? { name: forum.name, rules_text: forum.rules_text, rules_url: forum.rules_url ?? '', rules_published_on: forum.rules_published_on ?? '' } : {};

export const memberValues = (m: MemberRow): FormState['values'] => ({
  name: m.name, organisation: m.organisation, sector: m.sector, gender: m.gender, role: m.role, joined_on: m.joined_on ?? '', left_on: m.left_on ?? '',
});

export function MemberPage({ ctx, member, form }: { ctx: ViewContext; member: MemberRow; form: FormState }) {
  const title = ctx.t('accountability.forum.edit_member');
  return (
    <Layout ctx={ctx} area="admin" title={title}>
      <p><a href={adminForumPath(ctx)} safe>{ctx.t('accountability.forum.back_admin')}</a></p>
      <h1 safe>{title}</h1>
      <ErrorSummary ctx={ctx} form={form} labels={memberLabels(ctx)} />
      <form method="post" action={`${adminForumPath(ctx)}/members/${member.id}`} id="member-form">
        <CsrfField ctx={ctx} />
        <MemberFields ctx={ctx} form={form} />
        <button type="submit" safe>{ctx.t('accountability.forum.save')}</button>
      </form>
    </Layout>
  );
}

export interface MeetingFormProps {
  form: FormState;
  present: string[];
  members: MemberRow[];
  plans: PlanChoice[];
  record?: MeetingRecord;
  decisionForm?: FormState;
}

function Attendance({ ctx, members, present, error }: { ctx: ViewContext; members: MemberRow[]; present: string[]; error?: string }) {
  return (
    <fieldset id="present">
      <legend safe>{ctx.t('accountability.forum.attendance')}</legend>
      {error ? <p class="field-error" safe>{ctx.t(error)}</p> : ''}
      {members.map((m) => <label class="checkbox"><input type="checkbox" name="present" value={m.id} checked={present.includes(m.id)} /> <span dir="auto" safe>{`${m.name}${m.organisation ? ` (${m.organisation})` : ''}`}</span></label>)}
    </fieldset>
  );
}

function Decisions({ ctx, record, form }: { ctx: ViewContext; record: MeetingRecord; form: FormState }) {
  return (
    <section id="decisions">
      <h2 safe>{ctx.t('accountability.forum.decisions')}</h2>
      <ul id="admin-decisions">{record.decisions.map((d) => <li dir="auto" safe>{d.follow_up ? `${d.text} — ${d.follow_up}` : d.text}</li>)}</ul>
      <ErrorSummary ctx={ctx} form={form} labels={{ decision_text: ctx.t('accountability.forum.decision') }} />
      <form method="post" action={`${adminForumPath(ctx)}/meetings/${record.meeting.id}/decisions`} id="decision-form" class="card">
        <CsrfField ctx={ctx} />
        <Field ctx={ctx} form={form} name="decision_text" label={ctx.t('accountability.forum.decision')} multiline required />
        <Field ctx={ctx} form={form} name="follow_up" label={ctx.t('accountability.forum.follow_up')} />
        <button type="submit" safe>{ctx.t('accountability.forum.add_decision')}</button>
      </form>
    </section>
  );
}

export function MeetingFormPage({ ctx, props }: { ctx: ViewContext; props: MeetingFormProps }) {
  const title = ctx.t(props.record ? 'accountability.forum.edit_meeting' : 'accountability.forum.new_meeting');
  const { form } = props;
  const labels = { starts_at: ctx.t('accountability.forum.starts_at'), plan_id: ctx.t('accountability.forum.plan'), minutes_url: ctx.t('accountability.forum.minutes_url'), other_attendees: ctx.t('accountability.forum.other_attendees'), present: ctx.t('accountability.forum.attendance') };
  const action = props.record ? `${adminForumPath(ctx)}/meetings/${props.record.meeting.id}` : `${adminForumPath(ctx)}/meetings`;
  return (
    <Layout ctx={ctx} area="admin" title={title}>
      <p><a href={adminForumPath(ctx)} safe>{ctx.t('accountability.forum.back_admin')}</a></p>
      <h1 safe>{title}</h1>
      <ErrorSummary ctx={ctx} form={form} labels={labels} />
      <form method="post" action={action} id="meeting-form">
        <CsrfField ctx={ctx} />
        <Field ctx={ctx} form={form} name="starts_at" label={labels.starts_at} type="datetime-local" required />
        <Field ctx={ctx} form={form} name="place" label={ctx.t('accountability.forum.place')} />
        <SelectField ctx={ctx} form={form} name="plan_id" label={labels.plan_id} options={planOptions(ctx, props.plans)} empty="—" />
        <Field ctx={ctx} form={form} name="agenda" label={ctx.t('accountability.forum.agenda')} multiline />
        <Field ctx={ctx} form={form} name="agenda_published_on" label={ctx.t('accountability.forum.agenda_published_on')} type="date" />
        <Field ctx={ctx} form={form} name="minutes_text" label={ctx.t('accountability.forum.minutes')} multiline />
        <Field ctx={ctx} form={form} name="minutes_url" label={labels.minutes_url} type="url" />
        <Field ctx={ctx} form={form} name="minutes_published_on" label={ctx.t('accountability.forum.minutes_published_on')} type="date" />
        <Attendance ctx={ctx} members={props.members} present={props.present} error={form.errors.present} />
        <Field ctx={ctx} form={form} name="other_attendees" label={labels.other_attendees} type="number" inputmode="numeric" />
        <button type="submit" safe>{ctx.t('accountability.forum.save')}</button>
      </form>
      {props.record ? <Decisions ctx={ctx} record={props.record} form={props.decisionForm ?? emptyForm} /> : ''}
    </Layout>
  );
}
